import { z } from "zod";
import { addDaysToDay, addMonthsToDay, berlinToInstant, daysBetween, isValidDay } from "~/utils/dates";
import { normalizeSentValue } from "~/utils/digits";

/**
 * A report period: calendar days in Europe/Berlin, `from` inclusive and `to` exclusive, and the
 * UTC instants of their midnights (so a period's edges follow DST: March has 743 hours, October 745).
 */
export type PeriodKind = "month" | "quarter" | "year" | "range";
export type Period = { kind: PeriodKind; from: string; to: string; fromIso: string; toIso: string };

/** The longest from–to period (days): ten years, so a report stays a report. */
export const MAX_RANGE_DAYS = 3660;

const day = z.string().refine(isValidDay);
export const ReportQuerySchema = z.object({
  kind: z.enum(["month", "quarter", "year", "range"]).default("month").catch("month"),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().catch(undefined),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/).optional().catch(undefined),
  year: z.string().regex(/^\d{4}$/).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  districtId: z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

/** A period from its first day and its first day after. */
export function periodOf(kind: PeriodKind, from: string, to: string): Period {
  return { kind, from, to, fromIso: berlinToInstant(from).toISOString(), toIso: berlinToInstant(to).toISOString() };
}

/**
 * The period a report's query names; a missing or malformed part falls back to the month of
 * `today` (a filter form, like the lists'). `to` in a from–to query is the last day, inclusive.
 */
export function parsePeriod(params: URLSearchParams, today: string): { period: Period; districtId?: number; query: ReportQuery } {
  // Months and days typed on a Persian or Arabic keyboard (text fields on right-to-left pages) read as ISO.
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== "").map(([k, v]) => [k, normalizeSentValue(v.trim())]));
  const parsed = ReportQuerySchema.safeParse(raw);
  const q: ReportQuery = parsed.success ? parsed.data : { kind: "month" };
  const thisMonth = `${today.slice(0, 7)}-01`;
  let period: Period;
  if (q.kind === "quarter" && q.quarter) {
    const [y, n] = q.quarter.split("-Q");
    const first = `${y}-${String((Number(n) - 1) * 3 + 1).padStart(2, "0")}-01`;
    period = periodOf("quarter", first, addMonthsToDay(first, 3));
  } else if (q.kind === "year" && q.year) {
    period = periodOf("year", `${q.year}-01-01`, `${Number(q.year) + 1}-01-01`);
  } else if (q.kind === "range" && q.from && q.to && q.from <= q.to && daysBetween(q.from, q.to) < MAX_RANGE_DAYS) {
    period = periodOf("range", q.from, addDaysToDay(q.to, 1));
  } else {
    const first = q.kind === "month" && q.month ? `${q.month}-01` : thisMonth;
    period = periodOf("month", first, addMonthsToDay(first, 1));
  }
  return { period, districtId: q.districtId, query: q };
}

/** The period just before: the previous month, quarter or year, or as many days right before a from–to period. */
export function previousPeriod(p: Period): Period {
  if (p.kind === "month") return periodOf("month", addMonthsToDay(p.from, -1), p.from);
  if (p.kind === "quarter") return periodOf("quarter", addMonthsToDay(p.from, -3), p.from);
  if (p.kind === "year") return periodOf("year", addMonthsToDay(p.from, -12), p.from);
  return periodOf("range", addDaysToDay(p.from, -daysBetween(p.from, p.to)), p.from);
}

/** The query string that names a period (and district): links, downloads, the freeze form. */
export function periodSearch(p: Period, districtId?: number): string {
  const s = new URLSearchParams({ kind: p.kind });
  if (p.kind === "month") s.set("month", p.from.slice(0, 7));
  else if (p.kind === "quarter") s.set("quarter", `${p.from.slice(0, 4)}-Q${Math.floor((Number(p.from.slice(5, 7)) - 1) / 3) + 1}`);
  else if (p.kind === "year") s.set("year", p.from.slice(0, 4));
  else {
    s.set("from", p.from);
    s.set("to", addDaysToDay(p.to, -1));
  }
  if (districtId) s.set("districtId", String(districtId));
  return s.toString();
}

/** The last day of a period (inclusive), for people. */
export const lastDayOf = (p: Pick<Period, "to">) => addDaysToDay(p.to, -1);

/** The key a period's narrative text is stored under. */
export const narrativeKey = (p: Pick<Period, "from" | "to">, districtId?: number) => `${p.from}..${p.to}|${districtId ?? ""}`;
