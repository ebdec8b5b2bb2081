import type { LoaderFunctionArgs } from "@remix-run/node";
import { privateFeed } from "~/modules/rooms/feeds.server";
import { notFound } from "~/utils/errors";

export async function loader({ params }: LoaderFunctionArgs) {
  // Anonymous access intended: the secret, revocable token in the URL is the authorisation.
  const body = await privateFeed(params.token ?? "");
  if (!body) throw notFound();
  return new Response(body, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" },
  });
}
