import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { exportOwnData } from "~/modules/volunteers/personal-data.server";
import { berlinDay } from "~/utils/dates";

/** DSGVO Art. 15: everything stored about the actor, as a JSON download (own data only). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:account:own", { userId: actor.userId });
  const now = new Date();
  // Names kept in several languages (donation categories) in the reader's.
  const body = JSON.stringify(await exportOwnData(actor, now, await getLanguage(request)), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="ehrenamt-hub-meine-daten-${berlinDay(now)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
