import { getFixedT } from "~/i18n/i18next.server";
import { once, tableStream, type Cell, type ExportFormat } from "~/modules/exports/writer.server";
import { addDaysToDay } from "~/utils/dates";
import type { ReportData } from "./report.server";
import type { ReportRow } from "./sections.server";

/** A row's label in a language (stored names, translation keys, or the text as stored). */
export function rowLabel(r: ReportRow, lang: string, t: (key: string, opts?: Record<string, unknown>) => string): string {
  if (r.names?.[lang]) return r.names[lang]!;
  if (r.literal) return r.label;
  return t(r.label, { defaultValue: r.names?.de ?? r.label });
}

/**
 * A report as a table for CSV and XLSX: one line per figure with its section, table, the value,
 * the value of the comparison (the previous period, or for a frozen report the frozen value) and
 * the change. Period and district are in the first lines.
 */
export async function reportDownload(report: ReportData, args: { format: ExportFormat; lang: string; district: string | null; compareLabel?: "previous" | "frozen" }) {
  const t = await getFixedT(args.lang, "reports");
  const [tv, tc] = await Promise.all([getFixedT(args.lang, "volunteers"), getFixedT(args.lang, "common")]);
  const tr = (key: string, opts?: Record<string, unknown>) => (key.startsWith("volunteers:") ? tv(key.slice(11), opts) : t(key.replace(/^reports:/, ""), opts));
  const compare = args.compareLabel === "frozen" ? t("download.frozen") : t("download.previous");
  const columns = [
    { header: t("download.section"), width: 22 },
    { header: t("download.table"), width: 30 },
    { header: t("download.figure"), width: 30 },
    { header: t("download.value"), kind: "number" as const },
    { header: compare, kind: "number" as const },
    { header: t("download.change"), kind: "number" as const },
  ];
  const rows: Cell[][] = [
    [t("download.period"), `${report.period.from} – ${addDaysToDay(report.period.to, -1)}`, null, null, null, null],
    [t("download.comparedWith"), `${report.previous.from} – ${addDaysToDay(report.previous.to, -1)}`, null, null, null, null],
    [t("filters.district"), args.district ?? tc("actions.all"), null, null, null, null],
  ];
  for (const s of report.sections) {
    for (const table of s.tables) {
      for (const r of table.rows) {
        rows.push([t(`sections.${s.key}`), t(`tables.${table.key}`), rowLabel(r, args.lang, tr), r.value, r.previous, r.previous === null ? null : Math.round((r.value - r.previous) * 10) / 10]);
      }
    }
  }
  const name = report.view === "komm-an" ? "komm-an" : "bericht";
  return { stream: tableStream(args.format, t("download.sheet"), columns, once(rows)), filename: `${name}-${report.period.from}-${addDaysToDay(report.period.to, -1)}.${args.format}` };
}
