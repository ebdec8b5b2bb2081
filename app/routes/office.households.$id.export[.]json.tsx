import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { exportHousehold } from "~/modules/donations/household-privacy.server";
import { berlinDay } from "~/utils/dates";
import { parseId } from "~/utils/params";
import { notFound } from "~/utils/errors";

/** DSGVO Art. 15 for a household: the office hands the JSON to the household. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "read:household:any");
  const now = new Date();
  // Category names in the office member's language.
  const data = await exportHousehold(actor, id, now, await getLanguage(request));
  if (!data) throw notFound();
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="haushalt-${id}-${berlinDay(now)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
