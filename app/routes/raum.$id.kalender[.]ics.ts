import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT, getLanguage } from "~/i18n/i18next.server";
import { publicRoomFeed } from "~/modules/rooms/feeds.server";
import { parseId } from "~/utils/params";
import { notFound } from "~/utils/errors";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public feed, anonymous access intended: times and states only, no personal data.
  const id = parseId(params.id);
  const t = await getFixedT(await getLanguage(request), "rooms");
  const feed = await publicRoomFeed(id, { booked: t("calendar.state.booked"), closed: t("calendar.state.blackout") });
  if (!feed) throw notFound();
  const headers = { ETag: feed.etag, "Cache-Control": "public, max-age=300", Vary: "Accept-Language, Cookie" };
  if (request.headers.get("If-None-Match") === feed.etag) return new Response(null, { status: 304, headers });
  return new Response(feed.body, {
    headers: { ...headers, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": `inline; filename="raum-${id}.ics"` },
  });
}
