import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { CONTENT_TYPES, EXPORT_FORMATS } from "~/modules/exports/writer.server";
import { reportDownload } from "~/modules/reports/download.server";
import { parsePeriod } from "~/modules/reports/period";
import { buildReport, getSnapshot } from "~/modules/reports/report.server";
import { getLookups } from "~/modules/volunteers/queries.server";
import { todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";

const Params = z.object({ format: z.enum(EXPORT_FORMATS) });
const Query = z.object({ view: z.enum(["overview", "komm-an"]).default("overview"), snapshot: z.coerce.number().int().positive().optional() });

/**
 * A report as CSV or XLSX: `/office/reports/download/csv?kind=quarter&quarter=2026-Q3` (the page's
 * query; `view=komm-an` for the KOMM-AN view), or a frozen report with `?snapshot=<id>` (its stored
 * figures against the current ones).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:report:any");
  const p = Params.safeParse(params);
  if (!p.success) throw notFound();
  const url = new URL(request.url);
  const q = Query.safeParse(Object.fromEntries(url.searchParams));
  if (!q.success) throw notFound();
  const lang = await getLanguage(request);
  const today = todayOf();
  const { districts } = await getLookups();
  let file;
  if (q.data.snapshot) {
    const s = await getSnapshot(actor, q.data.snapshot);
    file = await reportDownload(s.report, { format: p.data.format, lang, district: districts.find((d) => d.id === s.report.districtId)?.name ?? null });
  } else {
    const { period, districtId } = parsePeriod(url.searchParams, today);
    const report = await buildReport(actor, { view: q.data.view, period, districtId, today });
    file = await reportDownload(report, { format: p.data.format, lang, district: districts.find((d) => d.id === districtId)?.name ?? null });
  }
  return new Response(file.stream, {
    headers: { "Content-Type": CONTENT_TYPES[p.data.format], "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "private, no-store" },
  });
}
