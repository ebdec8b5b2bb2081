import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/i18n/i18next.server";
import { privateFeed } from "~/modules/rooms/feeds.server";
import { notFound } from "~/utils/errors";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Anonymous access intended: the secret, revocable token in the URL is the authorisation.
  // The calendar's name in the language the calendar app asks for (German when it asks for none we have).
  const body = await privateFeed(params.token ?? "", new Date(), await getLanguage(request));
  if (!body) throw notFound();
  return new Response(body, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" },
  });
}
