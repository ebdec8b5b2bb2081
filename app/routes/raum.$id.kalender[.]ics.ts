import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT, getLanguage } from "~/i18n/i18next.server";
import { publicRoomFeed } from "~/modules/rooms/feeds.server";
import { parseId } from "~/utils/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public feed, anonymous access intended: times and states only, no personal data.
  const id = parseId(params.id);
  const t = await getFixedT(await getLanguage(request), "rooms");
  const body = await publicRoomFeed(id, { booked: t("calendar.state.booked"), closed: t("calendar.state.blackout") });
  if (!body) throw new Response("Not Found", { status: 404 });
  return new Response(body, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": `inline; filename="raum-${id}.ics"`, "Cache-Control": "public, max-age=300" },
  });
}
