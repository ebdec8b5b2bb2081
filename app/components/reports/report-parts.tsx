import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect, FilterText } from "~/components/list-page";
import type { ComparedTable, ReportData } from "~/modules/reports/report.server";
import type { ReportRow } from "~/modules/reports/sections.server";
import { addDaysToDay, formatDate } from "~/utils/dates";

/** How a figure reads: hours with one decimal, shares as percent, counts as they are (reader's language). */
// One formatter per language: creating an Intl.NumberFormat costs far more than formatting with it,
// and a year's report formats hundreds of figures.
const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatValue(v: number, unit: ComparedTable["unit"], lang: string): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(lang === "ar" ? "ar-u-nu-latn" : lang, { maximumFractionDigits: 1 })));
  const s = f.format(v);
  return unit === "percent" ? `${s} %` : s;
}

export function useRowLabel() {
  const { t, i18n } = useTranslation();
  return (r: ReportRow) => (r.names?.[i18n.language] ? r.names[i18n.language]! : r.literal ? r.label : t(r.label, { defaultValue: r.names?.de ?? r.label }));
}

/**
 * A horizontal bar chart as SVG, rendered on the server (ADR 0034): shows without JavaScript, fixed
 * size, prints. Each figure has two bars, this period and the comparison (hatched). The table beside
 * it carries the same numbers as text; the chart names it (`aria-describedby`).
 */
export function BarChart({ id, title, table, tableId, compareLabel }: { id: string; title: string; table: ComparedTable; tableId: string; compareLabel: string }) {
  const { t, i18n } = useTranslation();
  const label = useRowLabel();
  const rtl = i18n.dir() === "rtl";
  const max = Math.max(1, ...table.rows.flatMap((r) => [r.value, r.previous ?? 0]));
  const W = 420;
  const labelW = 150;
  const barArea = W - labelW - 60;
  const rowH = 34;
  const H = Math.max(1, table.rows.length) * rowH + 30;
  const x0 = rtl ? W - labelW : labelW;
  const bar = (v: number) => Math.max(0, Math.round((v / max) * barArea));
  return (
    <svg role="img" aria-labelledby={`${id}-title`} aria-describedby={tableId} viewBox={`0 0 ${W} ${H}`} width={W} height={H} style={{ maxWidth: "100%", height: "auto" }} className="eh-report-chart">
      <title id={`${id}-title`}>{title}</title>
      <defs>
        <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#5c5f66" strokeWidth="3" />
        </pattern>
      </defs>
      {table.rows.map((r, i) => {
        const y = 8 + i * rowH;
        const a = bar(r.value);
        const b = r.previous === null ? 0 : bar(r.previous);
        return (
          <g key={r.id}>
            <text x={rtl ? W - 4 : 4} y={y + 16} fontSize="12" fill="#1a1b1e" textAnchor="start" direction={rtl ? "rtl" : "ltr"}>
              {label(r).slice(0, 22)}
            </text>
            <rect x={rtl ? x0 - a - 4 : x0} y={y} width={a} height={13} fill="#1c4e80" />
            <rect x={rtl ? x0 - b - 4 : x0} y={y + 15} width={b} height={9} fill={`url(#${id}-hatch)`} stroke="#5c5f66" strokeWidth="0.5" />
            <text x={rtl ? x0 - a - 8 : x0 + a + 4} y={y + 11} fontSize="11" fill="#1a1b1e" textAnchor={rtl ? "end" : "start"}>
              {formatValue(r.value, table.unit, i18n.language)}
            </text>
          </g>
        );
      })}
      <g>
        <rect x={rtl ? W - 14 : 4} y={H - 16} width={10} height={10} fill="#1c4e80" />
        <text x={rtl ? W - 18 : 18} y={H - 7} fontSize="11" fill="#1a1b1e" textAnchor={rtl ? "end" : "start"}>
          {t("reports:chart.current")}
        </text>
        <rect x={rtl ? W / 2 - 14 : W / 2} y={H - 16} width={10} height={10} fill={`url(#${id}-hatch)`} stroke="#5c5f66" strokeWidth="0.5" />
        <text x={rtl ? W / 2 - 18 : W / 2 + 14} y={H - 7} fontSize="11" fill="#1a1b1e" textAnchor={rtl ? "end" : "start"}>
          {compareLabel}
        </text>
      </g>
    </svg>
  );
}

/** One table of a section: the chart and, beside it, the table with the comparison and the change. */
/** `links`: a figure's records (drill-down), by `<table key>:<row id>` (`drillDownLinks`). */
export function ReportTableBlock({ sectionKey, table, compareLabel, links }: { sectionKey: string; table: ComparedTable; compareLabel: string; links?: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const label = useRowLabel();
  const id = `${sectionKey}-${table.key}`.replace(/[^a-zA-Z0-9-]/g, "-");
  const title = t(`reports:tables.${table.key}`);
  return (
    <div className="eh-report-table">
      <h3 id={`${id}-h`}>{title}</h3>
      {table.rows.length === 0 ? (
        <p className="eh-empty">{t("reports:empty")}</p>
      ) : (
        <div className="eh-report-pair">
          <BarChart id={`${id}-chart`} title={title} table={table} tableId={`${id}-table`} compareLabel={compareLabel} />
          <div className="eh-table-wrap" role="region" aria-labelledby={`${id}-h`} tabIndex={0}>
            <table className="eh-table" id={`${id}-table`}>
              <caption className="eh-visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reports:download.figure")}</th>
                  <th scope="col" data-numeric="">
                    {t("reports:chart.current")}
                  </th>
                  <th scope="col" data-numeric="">
                    {compareLabel}
                  </th>
                  <th scope="col" data-numeric="">
                    {t("reports:download.change")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r) => {
                  const change = r.previous === null ? null : Math.round((r.value - r.previous) * 10) / 10;
                  const href = links?.[`${table.key}:${r.id}`];
                  const value = formatValue(r.value, table.unit, i18n.language);
                  return (
                    <tr key={r.id} data-row={r.id}>
                      <th scope="row">{label(r)}</th>
                      <td data-numeric="" data-value={r.value}>
                        {href ? (
                          <Link to={href} title={t("reports:drill.show", { figure: label(r), value })} data-drill="">
                            {value}
                          </Link>
                        ) : (
                          value
                        )}
                      </td>
                      <td data-numeric="">{r.previous === null ? "—" : formatValue(r.previous, table.unit, i18n.language)}</td>
                      <td data-numeric="">{change === null ? "—" : `${change > 0 ? "+" : ""}${formatValue(change, table.unit, i18n.language)}`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}

/** The sections of a report, each with its tables. */
export function ReportSections({ report, compareLabel, links }: { report: Pick<ReportData, "sections" | "districtId">; compareLabel: string; links?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      {report.sections.map((s) => (
        <section key={s.key} aria-labelledby={`section-${s.key}`} className="eh-report-section">
          <h2 id={`section-${s.key}`}>{t(`reports:sections.${s.key}`)}</h2>
          {!s.byDistrict && report.districtId ? <p className="eh-muted">{t("reports:notByDistrict")}</p> : null}
          {s.tables.map((table) => (
            <ReportTableBlock key={table.key} sectionKey={s.key} table={table} compareLabel={compareLabel} links={links} />
          ))}
        </section>
      ))}
    </>
  );
}

/** The period and district filter (a GET form: the report is in the URL, works without JavaScript). */
export function PeriodFilter({ query, districts, today }: { query: Record<string, string | number | undefined>; districts: Array<{ id: number; name: string }>; today: string }) {
  const { t } = useTranslation();
  const year = Number(today.slice(0, 4));
  const quarters: string[] = [];
  for (let y = year; y >= year - 3; y--) for (let q = 4; q >= 1; q--) quarters.push(`${y}-Q${q}`);
  const years = Array.from({ length: 6 }, (_, i) => String(year - i));
  const v = (k: string) => (query[k] === undefined ? "" : String(query[k]));
  return (
    <FilterBar label={t("reports:filters.label")} submitLabel={t("reports:filters.show")}>
      <FilterSelect
        name="kind"
        label={t("reports:filters.kind")}
        defaultValue={v("kind") || "month"}
        options={(["month", "quarter", "year", "range"] as const).map((k) => ({ value: k, label: t(`reports:kinds.${k}`) }))}
      />
      <FilterText name="month" type="month" label={t("reports:filters.month")} defaultValue={v("month") || today.slice(0, 7)} />
      <FilterSelect name="quarter" label={t("reports:filters.quarter")} defaultValue={v("quarter")} options={[{ value: "", label: "—" }, ...quarters.map((q) => ({ value: q, label: q }))]} />
      <FilterSelect name="year" label={t("reports:filters.year")} defaultValue={v("year")} options={[{ value: "", label: "—" }, ...years.map((y) => ({ value: y, label: y }))]} />
      <FilterText name="from" type="date" label={t("reports:filters.from")} defaultValue={v("from")} />
      <FilterText name="to" type="date" label={t("reports:filters.to")} defaultValue={v("to")} />
      <FilterSelect
        name="districtId"
        label={t("reports:filters.district")}
        defaultValue={v("districtId")}
        options={[{ value: "", label: t("actions.all") }, ...districts.map((d) => ({ value: String(d.id), label: d.name }))]}
      />
    </FilterBar>
  );
}

/** "1 Jan 2026 – 31 Mar 2026" for a period (from inclusive, to exclusive). */
export function PeriodText({ period }: { period: { from: string; to: string } }) {
  const { i18n } = useTranslation();
  return <bdi>{`${formatDate(period.from, i18n.language)} – ${formatDate(addDaysToDay(period.to, -1), i18n.language)}`}</bdi>;
}

/** Download links (CSV, XLSX) and the print button's replacement: a print stylesheet hides the rest. */
export function Downloads({ href }: { href: (format: "csv" | "xlsx") => string }) {
  const { t } = useTranslation();
  return (
    <p className="eh-report-downloads eh-no-print">
      <Link to={href("csv")} reloadDocument>
        {t("reports:download.csv")}
      </Link>
      {" · "}
      <Link to={href("xlsx")} reloadDocument>
        {t("reports:download.xlsx")}
      </Link>
      {" · "}
      <span>{t("reports:download.print")}</span>
    </p>
  );
}

/** The report pages' print stylesheet: navigation, forms and links left out; charts and tables kept. */
export function PrintStyles() {
  // As raw text (not a React text child): React escapes text children, so `>` in a selector would
  // reach the browser as "&gt;" inside <style>, break the rule and fail hydration.
  return <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />;
}

const PRINT_CSS = `
.eh-report-pair{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.eh-report-pair>.eh-table-wrap{flex:1 1 320px}
.eh-print-only-text{display:none}
.eh-inline-form{display:inline}
.eh-visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
  header,nav,footer,form,.eh-no-print,[role="search"]{display:none !important}
  .eh-report-section{break-inside:avoid-page}
  .eh-report-table{break-inside:avoid}
  .eh-table-wrap{overflow:visible !important}
  a{color:inherit;text-decoration:none}
  .eh-print-only-text{display:block;white-space:pre-wrap}
}`;
