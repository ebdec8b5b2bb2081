import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/i18n/i18next.server";
import { offerCalendar } from "~/modules/associations/offer-calendar.server";
import { notFound } from "~/utils/errors";
import { parseId } from "~/utils/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public feed, anonymous access intended: the offer's dates, its title and place; no personal data.
  const id = parseId(params.id);
  const feed = await offerCalendar(id, await getLanguage(request));
  if (!feed) throw notFound();
  const headers = { ETag: feed.etag, "Cache-Control": "public, max-age=300", Vary: "Accept-Language, Cookie" };
  if (request.headers.get("If-None-Match") === feed.etag) return new Response(null, { status: 304, headers });
  return new Response(feed.body, {
    headers: { ...headers, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": `inline; filename="angebot-${id}.ics"` },
  });
}
