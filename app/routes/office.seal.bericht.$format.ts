import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { decisionsCsv, decisionsPdf, listDecisions } from "~/modules/seal/summary.server";
import { badRequest, notFound } from "~/utils/errors";
import { pdfResponse } from "~/utils/pdf-response.server";

/** The council's summary of a year's seal decisions: `/office/seal/bericht/csv?year=2026` or `/pdf`. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:seal:any");
  if (params.format !== "csv" && params.format !== "pdf") throw notFound();
  const asked = new URL(request.url).searchParams.get("year") ?? String(new Date().getUTCFullYear());
  if (!/^\d{4}$/.test(asked)) throw badRequest();
  const year = Number(asked);
  const rows = await listDecisions(actor, year);
  const lang = await getLanguage(request);
  if (params.format === "pdf") return pdfResponse(await decisionsPdf(rows, year, lang), `integrationssiegel-${year}.pdf`);
  return new Response(await decisionsCsv(rows, lang), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="integrationssiegel-${year}.csv"`, "Cache-Control": "private, no-store" },
  });
}
