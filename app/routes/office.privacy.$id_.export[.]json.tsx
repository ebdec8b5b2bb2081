import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { exportForRequest } from "~/modules/privacy/requests.server";
import { parseId } from "~/utils/params";

/**
 * DSGVO Art. 15 from a request of the privacy desk: the JSON of everything stored about the linked
 * volunteer or household. Only for an open request whose requester's identity is checked; the
 * export is written to the access log and to the request's history.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:privacy");
  // Names kept in several languages (donation categories) in the office member's.
  const { fileName, data } = await exportForRequest(actor, id, new Date(), await getLanguage(request));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
