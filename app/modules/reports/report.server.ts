import type { Kysely } from "kysely";
import type { DB, ReportBlock } from "@db/schema";
import { can, type Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { ensureVolunteerFacts } from "~/modules/coverage/volunteer-facts.server";
import { getDb, onOneConnection, transaction } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/errors";
import { previousPeriod, periodOf, narrativeKey, type Period } from "./period";
import { languageRow, REPORT_SECTIONS, roomOccupancy, type Occupancy, type ReportRow, type ReportTable, type SectionContext } from "./sections.server";

export type ReportView = "overview" | "komm-an";
/** `previous`: the comparison's value (the previous period, or the frozen report); null where there is none. */
export type ComparedRow = ReportRow & { previous: number | null };
export type ComparedTable = Omit<ReportTable, "rows"> & { rows: ComparedRow[] };
export type ReportSectionData = { key: string; byDistrict: boolean; tables: ComparedTable[] };
export type ReportData = {
  view: ReportView;
  period: Period;
  previous: Period;
  districtId: number | null;
  sections: ReportSectionData[];
  /** KOMM-AN view only: the room occupancy plan per week. */
  occupancy?: Occupancy;
};

/**
 * A report frozen before the language rows carried their names (issue #18): each such row gets them
 * from its id, the language's code, as a new one would, so it too reads in the reader's language.
 * Only names are added; no figure changes.
 */
function withLanguageNames(report: ReportData): ReportData {
  const named = (t: ComparedTable): ComparedTable => (t.key === "volunteers.byLanguage" ? { ...t, rows: t.rows.map((r) => (r.names ? r : { ...r, names: languageRow(r.id, r.label, r.value).names })) } : t);
  return { ...report, sections: report.sections.map((x) => ({ ...x, tables: x.tables.map(named) })) };
}

function requireReports(actor: Actor) {
  if (!can(actor, "read:report:any")) throw forbidden();
}

/** Rows of both periods by id: the current ones in order, then those only the previous period had. */
function compare(current: ReportTable[], previous: ReportTable[], samePeriod = false): ComparedTable[] {
  return current.map((t) => {
    if (t.noCompare && !samePeriod) return { ...t, rows: t.rows.map((r) => ({ ...r, previous: null })) };
    const before = new Map((previous.find((p) => p.key === t.key)?.rows ?? []).map((r) => [r.id, r]));
    const rows: ComparedRow[] = t.rows.map((r) => ({ ...r, previous: before.get(r.id)?.value ?? 0 }));
    const seen = new Set(t.rows.map((r) => r.id));
    for (const r of before.values()) if (!seen.has(r.id)) rows.push({ ...r, value: 0, previous: r.value });
    return { ...t, rows };
  });
}

/** The events of a period by building block: how many, participants, volunteers involved. */
async function eventTables(db: Kysely<DB>, ctx: SectionContext): Promise<Map<ReportBlock, ReportRow[]>> {
  const rows = await db
    .selectFrom("report_event")
    .select((eb) => ["block", eb.fn.countAll().as("n"), eb.fn.sum("participants").as("participants"), eb.fn.sum("volunteers").as("volunteers")])
    .where("day", ">=", ctx.period.from)
    .where("day", "<", ctx.period.to)
    .$if(!!ctx.districtId, (q) => q.where("district_id", "=", ctx.districtId!))
    .groupBy("block")
    .execute();
  const out = new Map<ReportBlock, ReportRow[]>();
  for (const b of ["A", "B", "C", "D"] as const) {
    const r = rows.find((x) => x.block === b);
    out.set(b, [
      { id: "events", label: "reports:rows.events", value: Number(r?.n ?? 0) },
      { id: "participants", label: "reports:rows.participants", value: Number(r?.participants ?? 0) },
      { id: "eventVolunteers", label: "reports:rows.eventVolunteers", value: Number(r?.volunteers ?? 0) },
    ]);
  }
  return out;
}

/** The sections' tables KOMM-AN takes rows from (`pick` below). */
export const KOMM_AN_SOURCE_TABLES = ["volunteers.totals", "hours.confirmed", "donations.totals", "sponsorships.totals", "sponsorships.meetings"] as const;

/**
 * The KOMM-AN building blocks (A arrival meeting points with the room occupancy plan, B encounter
 * and accompaniment — donations handed over, households reached, running tandems and their
 * confirmed meetings —, C informing and recruiting volunteers, D training and supporting them),
 * from the figures of the other sections and the events register.
 */
async function kommAnTables(ctx: SectionContext): Promise<{ tables: ReportTable[]; occupancy: Occupancy }> {
  const byKey = new Map<string, ReportTable>();
  // Only the tables KOMM-AN picks rows from: the sections read nothing for the others (districts,
  // fields, languages, categories were three fifths of the view's database time, issue #13).
  const only = new Set(KOMM_AN_SOURCE_TABLES);
  for (const s of REPORT_SECTIONS.filter((x) => KOMM_AN_SOURCE_TABLES.some((key) => key.startsWith(`${x.key}.`)))) for (const t of await s.tables({ ...ctx, only })) byKey.set(t.key, t);
  const pick = (table: string, id: string) => byKey.get(table)?.rows.find((r) => r.id === id);
  const events = await eventTables(ctx.db, ctx);
  const occupancy = await roomOccupancy(ctx.db, ctx.period);
  const households = await ctx.db
    .selectFrom("donation_match as m")
    .innerJoin("donation_need as n", "n.id", "m.need_id")
    .innerJoin("household as h", "h.id", "n.household_id")
    .where("m.state", "=", "handed_over")
    .where("m.outcome_at", ">=", ctx.period.fromIso)
    .where("m.outcome_at", "<", ctx.period.toIso)
    .$if(!!ctx.districtId, (q) => q.where("h.district_id", "=", ctx.districtId!))
    .select((eb) => eb.fn.count("n.household_id").distinct().as("n"))
    .executeTakeFirstOrThrow();
  const some = (...rows: Array<ReportRow | undefined>) => rows.filter((r): r is ReportRow => !!r);
  return {
    occupancy,
    tables: [
      {
        key: "kommAn.A",
        unit: "count",
        rows: [
          ...events.get("A")!,
          { id: "integrationHours", label: "reports:rows.integrationHours", value: occupancy.total.integration },
          { id: "shareIntegration", label: "reports:rows.shareIntegration", value: occupancy.total.shareOfBookable },
          { id: "shareOfBooked", label: "reports:rows.shareOfBooked", value: occupancy.total.shareOfBooked },
        ],
      },
      {
        key: "kommAn.B",
        unit: "count",
        rows: [
          ...events.get("B")!,
          ...some(pick("donations.totals", "handedOver")),
          { id: "households", label: "reports:rows.households", value: Number(households.n) },
          // Accompaniment: the sponsorship tandems running in the period and their meetings the households confirmed.
          ...some(pick("sponsorships.totals", "tandemsRunning"), pick("sponsorships.meetings", "meetingsConfirmed")),
        ],
      },
      { key: "kommAn.C", unit: "count", rows: [...events.get("C")!, ...some(pick("volunteers.totals", "new"))] },
      { key: "kommAn.D", unit: "count", rows: [...events.get("D")!, ...some(pick("volunteers.totals", "active"), pick("hours.confirmed", "hoursConfirmed"))] },
      { key: "kommAn.weeks", unit: "percent", noCompare: true, rows: occupancy.weeks.map((w) => ({ id: w.monday, label: w.monday, literal: true, value: w.shareOfBookable })) },
    ],
  };
}

async function tablesOf(view: ReportView, ctx: SectionContext) {
  if (view === "komm-an") {
    const k = await kommAnTables(ctx);
    return { sections: [{ key: "kommAn", byDistrict: true, tables: k.tables }], occupancy: k.occupancy };
  }
  const sections: Array<{ key: string; byDistrict: boolean; tables: ReportTable[] }> = [];
  for (const s of REPORT_SECTIONS) sections.push({ key: s.key, byDistrict: s.byDistrict, tables: await s.tables(ctx) });
  return { sections, occupancy: undefined };
}

/** A report of a period and district (or all), compared with the period before. */
export async function buildReport(actor: Actor, args: { view: ReportView; period: Period; districtId?: number; today: string }, db: Kysely<DB> = getDb()): Promise<ReportData> {
  requireReports(actor);
  const previous = previousPeriod(args.period);
  // The facts first (their refresh is a write of its own), then every statement of both periods on
  // one connection, one after another (`onOneConnection`, ADR 0053).
  await ensureVolunteerFacts(args.today);
  const { now, before } = await onOneConnection(async (one) => {
    const ctx: SectionContext = { db: one, period: args.period, districtId: args.districtId, today: args.today, factsReady: true };
    const now = await tablesOf(args.view, ctx);
    const before = await tablesOf(args.view, { ...ctx, period: previous });
    return { now, before };
  }, db);
  return {
    view: args.view,
    period: args.period,
    previous,
    districtId: args.districtId ?? null,
    occupancy: now.occupancy,
    sections: now.sections.map((s) => ({ ...s, tables: compare(s.tables, before.sections.find((b) => b.key === s.key)?.tables ?? []) })),
  };
}

export async function getNarrative(actor: Actor, period: Period, districtId?: number) {
  requireReports(actor);
  const row = await getDb().selectFrom("report_narrative").select("body").where("period_key", "=", narrativeKey(period, districtId)).executeTakeFirst();
  return row?.body ?? "";
}

export async function saveNarrative(actor: Actor, period: Period, districtId: number | undefined, body: string, now = new Date()) {
  if (!can(actor, "manage:report:any")) throw forbidden();
  const key = narrativeKey(period, districtId);
  await transaction(async (trx) => {
    const at = now.toISOString();
    const found = await trx.selectFrom("report_narrative").select("period_key").where("period_key", "=", key).executeTakeFirst();
    if (found) await trx.updateTable("report_narrative").set({ body, updated_by: actor.userId, updated_at: at }).where("period_key", "=", key).execute();
    else await trx.insertInto("report_narrative").values({ period_key: key, body, updated_by: actor.userId, updated_at: at }).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "report_narrative", entityId: key, now });
  });
}

/** Freezes the report as it is now: its figures and narrative are stored and never recomputed. */
export async function freezeReport(actor: Actor, args: { view: ReportView; period: Period; districtId?: number; today: string; label: string; narrative?: string }, now = new Date()) {
  if (!can(actor, "manage:report:any")) throw forbidden();
  // Computed first, stored in one transaction (the sections bring their derived facts up to date first).
  const report = await buildReport(actor, args);
  return transaction(async (trx) => {
    const narrative = args.narrative ?? (await trx.selectFrom("report_narrative").select("body").where("period_key", "=", narrativeKey(args.period, args.districtId)).executeTakeFirst())?.body ?? "";
    const { id } = await trx
      .insertInto("report_snapshot")
      .values({
        label: args.label,
        period_from: args.period.from,
        period_to: args.period.to,
        district_id: args.districtId ?? null,
        figures: JSON.stringify(report),
        narrative,
        frozen_by: actor.userId,
        frozen_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.userId, action: "freeze", entity: "report_snapshot", entityId: id, now });
    return Number(id);
  });
}

export async function listSnapshots(actor: Actor) {
  requireReports(actor);
  return getDb()
    .selectFrom("report_snapshot as s")
    .leftJoin("user as u", "u.id", "s.frozen_by")
    .leftJoin("district as d", "d.id", "s.district_id")
    .select(["s.id", "s.label", "s.period_from", "s.period_to", "s.frozen_at", "u.name as frozenBy", "d.name as district"])
    .orderBy("s.frozen_at", "desc")
    .orderBy("s.id", "desc")
    .limit(200)
    .execute();
}

export type SnapshotComparison = {
  id: number;
  label: string;
  frozenAt: string;
  narrative: string;
  frozen: ReportData;
  /** The same report computed from today's data; each row's `previous` is the frozen value. */
  current: ReportData;
};

/** A frozen report and the same report computed now, row by row (frozen = `previous`). */
export async function compareSnapshot(actor: Actor, id: number, today: string): Promise<SnapshotComparison> {
  requireReports(actor);
  const s = await getDb().selectFrom("report_snapshot").selectAll().where("id", "=", id).executeTakeFirst();
  if (!s) throw notFound();
  const frozen = withLanguageNames(JSON.parse(s.figures) as ReportData);
  const period = periodOf(frozen.period.kind, s.period_from, s.period_to);
  const live = await buildReport(actor, { view: frozen.view, period, districtId: s.district_id ?? undefined, today });
  const flat = (d: ReportData) => d.sections.flatMap((x) => x.tables.map((t) => ({ ...t, rows: t.rows.map(({ previous: _, ...r }) => r) })));
  const current: ReportData = { ...live, previous: frozen.period, sections: live.sections.map((x) => ({ ...x, tables: compare(x.tables.map((t) => ({ ...t, rows: t.rows.map(({ previous: _, ...r }) => r) })), flat(frozen), true) })) };
  return { id: Number(s.id), label: s.label, frozenAt: s.frozen_at, narrative: s.narrative, frozen, current };
}

/** A frozen report as it was stored (downloads). */
export async function getSnapshot(actor: Actor, id: number) {
  requireReports(actor);
  const s = await getDb().selectFrom("report_snapshot").selectAll().where("id", "=", id).executeTakeFirst();
  if (!s) throw notFound();
  return { id: Number(s.id), label: s.label, frozenAt: s.frozen_at, narrative: s.narrative, report: withLanguageNames(JSON.parse(s.figures) as ReportData) };
}
