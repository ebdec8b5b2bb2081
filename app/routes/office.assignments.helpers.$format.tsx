import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { listHelpersOn } from "~/modules/coverage/assignments.server";
import { helperListCsv, helperListPdf } from "~/modules/coverage/pdf/documents.server";
import { pdfResponse } from "~/utils/pdf-response.server";
import { todayOf } from "~/utils/dates";
import { intParam } from "~/modules/coverage/route-helpers.server";
import { day as daySchema } from "~/modules/coverage/schema";
import { requireStaffScope } from "~/modules/coverage/scope.server";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { dateParam, searchParam } from "~/utils/params";
import { badRequest, notFound } from "~/utils/errors";

/** The dated helper list as a download: `/office/assignments/helpers/csv` or `/pdf`. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireStaffScope(actor);
  if (params.format !== "csv" && params.format !== "pdf") throw notFound();
  const url = new URL(request.url);
  const parsed = daySchema().safeParse(url.searchParams.has("day") ? dateParam(url, "day") : todayOf());
  if (!parsed.success) throw badRequest();
  const rows = await listHelpersOn(actor, { day: parsed.data, activity: searchParam(url, "activity", 160), organisationId: intParam(url, "organisationId") });
  await recordVolunteerViews(actor, rows.map((r) => r.volunteerId), `helpers:${parsed.data}`);
  const lang = await getLanguage(request);
  if (params.format === "pdf") return pdfResponse(await helperListPdf(rows, parsed.data, lang, todayOf()), `helferliste-${parsed.data}.pdf`);
  return new Response(await helperListCsv(rows, lang), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="helferliste-${parsed.data}.csv"`, "Cache-Control": "private, no-store" },
  });
}
