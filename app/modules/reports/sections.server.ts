import type { ExpressionBuilder, Kysely } from "kysely";
import type { DB } from "@db/schema";
import { CATEGORY_NAME_COLUMNS, CATEGORY_NAME_LANGUAGES, categoryName } from "~/modules/donations/category-names";
import { ensureVolunteerFacts } from "~/modules/coverage/volunteer-facts.server";
import { parseOpeningHours } from "~/modules/rooms/policy";
import { SUPPORTED_LANGUAGES } from "~/i18n/config";
import { languageName } from "~/utils/language-names";
import { addDaysToDay, berlinDay, berlinToInstant, mondayOf, weekdayOfDay } from "~/utils/dates";
import type { Period } from "./period";

/**
 * The report's sections (issue #16), a registry: each module that has figures adds one entry to
 * `REPORT_SECTIONS` (sponsorships and associations append theirs). A section returns tables of
 * counts only — no names, so erased records still count — and every table is shown as a chart with
 * the table beside it, compared with the previous period, downloaded and frozen as it is.
 */
export type ReportRow = {
  /** Stable within its table: the comparison (previous period, frozen vs current) matches rows by id. */
  id: string;
  /** A translation key (`reports:…`) when `literal` is not set; else the text as stored (a district's name). */
  label: string;
  literal?: boolean;
  /** A stored label per UI language (donation categories), else `label`. */
  names?: Partial<Record<string, string>>;
  value: number;
};
/** `noCompare`: rows that have no counterpart in another period (weeks of the period). */
export type ReportTable = { key: string; unit: "count" | "hours" | "percent"; rows: ReportRow[]; noCompare?: boolean };
/**
 * `factsReady`: the caller brought the volunteer facts up to date for `today` (so a section need not, on a held connection).
 * `only`: the tables the caller shows (KOMM-AN picks a few rows of four sections); a section reads
 * nothing for the others and leaves them out. Without it, every table.
 */
export type SectionContext = { db: Kysely<DB>; period: Period; districtId?: number; today: string; factsReady?: boolean; only?: ReadonlySet<string> };
/** Whether the caller shows the table `key` (see `SectionContext.only`). */
const wants = (ctx: SectionContext, key: string) => !ctx.only || ctx.only.has(key);
/** The statement when its table is wanted, else nothing read. */
const ifWanted = <T>(ctx: SectionContext, key: string, read: () => Promise<T[]>): Promise<T[]> => (wants(ctx, key) ? read() : Promise.resolve([]));
/** The tables the caller wants, in the section's order. */
const wanted = (ctx: SectionContext, tables: ReportTable[]) => tables.filter((t) => wants(ctx, t.key));
export type ReportSection = {
  key: string;
  /** Whether the district filter applies (room use does not: rooms belong to no district). */
  byDistrict: boolean;
  tables: (ctx: SectionContext) => Promise<ReportTable[]>;
};

const n = (v: unknown) => Number(v ?? 0);
const round1 = (v: number) => Math.round(v * 10) / 10;
const row = (id: string, value: number): ReportRow => ({ id, label: `reports:rows.${id}`, value });
const literal = (id: string | number, label: string, value: number): ReportRow => ({ id: String(id), label, literal: true, value });

/**
 * A spoken language's row (issue #18): named in every UI language (CLDR, `languageName`), so each
 * reader, each download and each frozen report reads it in its own language; `label` keeps the
 * stored German name. Its id is the language's code.
 */
export const languageRow = (code: string, nameDe: string, value: number): ReportRow => ({
  ...literal(code, nameDe, value),
  names: Object.fromEntries(SUPPORTED_LANGUAGES.map((lang) => [lang, languageName(code, lang, nameDe)])),
});

/** Assignments that run on at least one day of the period (not closed before it). */
function runningAssignments(ctx: SectionContext) {
  let q = ctx.db
    .selectFrom("assignment as a")
    .where("a.start_day", "<", ctx.period.to)
    .where((eb) => eb.or([eb("a.end_day", "is", null), eb("a.end_day", ">=", ctx.period.from)]))
    .where((eb) => eb.or([eb("a.closed_on", "is", null), eb("a.closed_on", ">=", ctx.period.from)]));
  if (ctx.districtId) q = q.where("a.volunteer_user_id", "in", ctx.db.selectFrom("volunteer_profile").select("user_id").where("district_id", "=", ctx.districtId));
  return q;
}

const volunteers: ReportSection = {
  key: "volunteers",
  byDistrict: true,
  async tables(ctx) {
    const { db, period } = ctx;
    const active = () => runningAssignments(ctx).select("a.volunteer_user_id").distinct();
    // New and registered in one pass over the profiles created before the period's end.
    let profiles = db.selectFrom("volunteer_profile as p").where("p.created_at", "<", period.toIso);
    if (ctx.districtId) profiles = profiles.where("p.district_id", "=", ctx.districtId);
    const [activeCount, counts, byDistrict, byField, byLanguage] = await Promise.all([
      runningAssignments(ctx).select((eb) => eb.fn.count("a.volunteer_user_id").distinct().as("n")).executeTakeFirstOrThrow(),
      profiles
        .select((eb) => [
          eb.fn.sum<number>(eb.case().when("p.created_at", ">=", period.fromIso).then(1).else(0).end()).as("fresh"),
          eb.fn.sum<number>(eb.case().when(eb.or([eb("p.erased_at", "is", null), eb("p.erased_at", ">=", period.toIso)])).then(1).else(0).end()).as("registered"),
        ])
        .executeTakeFirstOrThrow(),
      ifWanted(ctx, "volunteers.byDistrict", () =>
        db
          .selectFrom("volunteer_profile as p")
          .leftJoin("district as d", "d.id", "p.district_id")
          .where("p.user_id", "in", active())
          .select((eb) => ["d.id", "d.name", eb.fn.countAll().as("n")])
          .groupBy(["d.id", "d.name"])
          .orderBy("d.name")
          .execute(),
      ),
      ifWanted(ctx, "volunteers.byField", () =>
        runningAssignments(ctx)
          .innerJoin("field_of_action as f", "f.id", "a.field_of_action_id")
          .select((eb) => ["f.id", "f.name", "f.slug", eb.fn.count("a.volunteer_user_id").distinct().as("n")])
          .groupBy(["f.id", "f.name", "f.slug", "f.sort_order"])
          .orderBy("f.sort_order")
          .execute(),
      ),
      ifWanted(ctx, "volunteers.byLanguage", () =>
        db
          .selectFrom("volunteer_language as l")
          .innerJoin("language as g", "g.code", "l.language_code")
          .where("l.user_id", "in", active())
          .select((eb) => ["g.code", "g.name_de", eb.fn.countAll().as("n")])
          .groupBy(["g.code", "g.name_de"])
          .orderBy("g.name_de")
          .execute(),
      ),
    ]);
    return wanted(ctx, [
      { key: "volunteers.totals", unit: "count", rows: [row("active", n(activeCount.n)), row("new", n(counts.fresh)), row("registered", n(counts.registered))] },
      { key: "volunteers.byDistrict", unit: "count", rows: byDistrict.map((d) => (d.id == null ? row("noDistrict", n(d.n)) : literal(d.id, d.name ?? "", n(d.n)))) },
      { key: "volunteers.byField", unit: "count", rows: byField.map((f) => ({ ...literal(f.slug, f.name, n(f.n)), label: `volunteers:fields.${f.slug}`, literal: false, names: { de: f.name } })) },
      { key: "volunteers.byLanguage", unit: "count", rows: byLanguage.map((l) => languageRow(l.code, l.name_de, n(l.n))) },
    ]);
  },
};

const hours: ReportSection = {
  key: "hours",
  byDistrict: true,
  async tables(ctx) {
    const { db, period } = ctx;
    let q = db
      .selectFrom("hours_entry as h")
      .where("h.status", "=", "confirmed")
      .where("h.day", ">=", period.from)
      .where("h.day", "<", period.to);
    if (ctx.districtId) {
      const inDistrict = db.selectFrom("volunteer_profile").select("user_id").where("district_id", "=", ctx.districtId);
      q = q.where("h.assignment_id", "in", db.selectFrom("assignment as a").select("a.id").where("a.volunteer_user_id", "in", inDistrict));
    }
    if (!wants(ctx, "hours.people")) {
      // The hours alone (KOMM-AN): one sum over the entries, no grouping per person.
      const total = await q.select((eb) => eb.fn.sum<number>("h.hours").as("hours")).executeTakeFirstOrThrow();
      return wanted(ctx, [{ key: "hours.confirmed", unit: "hours", rows: [row("hoursConfirmed", round1(n(total.hours)))] }]);
    }
    if (!ctx.factsReady) await ensureVolunteerFacts(ctx.today);
    let karte = db.selectFrom("volunteer_fact as f").where("f.ehrenamtskarte_eligible", "=", 1);
    if (ctx.districtId) karte = karte.where("f.user_id", "in", db.selectFrom("volunteer_profile").select("user_id").where("district_id", "=", ctx.districtId));
    const [sum, karteCount] = await Promise.all([
      // Per person first, then over the persons: `count(distinct …)` over a year's entries sorted all
      // of them (PostgreSQL spilled the sort to disk; bench, 71,525 entries: SQLite 50 → 14 ms).
      // Per assignment before per person: the entries are summed where they lie, and only the
      // assignments' sums (4,942 for the year) are joined to their volunteers (PostgreSQL hashed all
      // 71,525 entries into the join first: 50 → 33 ms; SQLite unchanged).
      db
        .selectFrom(
          db
            .selectFrom(q.select((eb) => ["h.assignment_id", eb.fn.sum<number>("h.hours").as("hours"), eb.fn.countAll<number>().as("entries")]).groupBy("h.assignment_id").as("per_assignment"))
            .innerJoin("assignment as pa", "pa.id", "per_assignment.assignment_id")
            .select((eb) => ["pa.volunteer_user_id", eb.fn.sum<number>("per_assignment.hours").as("hours"), eb.fn.sum<number>("per_assignment.entries").as("entries")])
            .groupBy("pa.volunteer_user_id")
            .as("per_person"),
        )
        .select((eb) => [eb.fn.sum("per_person.hours").as("hours"), eb.fn.sum("per_person.entries").as("entries"), eb.fn.countAll().as("people")])
        .executeTakeFirstOrThrow(),
      karte.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
    ]);
    return wanted(ctx, [
      { key: "hours.confirmed", unit: "hours", rows: [row("hoursConfirmed", round1(n(sum.hours)))] },
      { key: "hours.people", unit: "count", rows: [row("hourEntries", n(sum.entries)), row("hourVolunteers", n(sum.people)), row("karteHolders", n(karteCount.n))] },
    ]);
  },
};

const assignments: ReportSection = {
  key: "assignments",
  byDistrict: true,
  async tables(ctx) {
    const { period } = ctx;
    // The four figures in one pass over the running assignments (each was a scan of its own).
    const t = await runningAssignments(ctx)
      .select((eb) => [
        eb.fn.countAll().as("running"),
        eb.fn.sum<number>(eb.case().when("a.start_day", ">=", period.from).then(1).else(0).end()).as("started"),
        eb.fn.sum<number>(eb.case().when("a.closed_on", "<", period.to).then(1).else(0).end()).as("closed"),
        // Cover: volunteers insured through an assignment on at least one day of the period.
        eb.fn.count("a.volunteer_user_id").distinct().as("covered"),
      ])
      .executeTakeFirstOrThrow();
    return wanted(ctx, [{ key: "assignments.totals", unit: "count", rows: [row("running", n(t.running)), row("started", n(t.started)), row("closed", n(t.closed)), row("covered", n(t.covered))] }]);
  },
};

const donations: ReportSection = {
  key: "donations",
  byDistrict: true,
  async tables(ctx) {
    const { db, period } = ctx;
    const d = ctx.districtId ?? 0;
    // The district of a donation is the offer's pickup district.
    const offers = db
      .selectFrom("donation_offer as o")
      .where("o.confirmed_at", "is not", null)
      .where("o.created_at", ">=", period.fromIso)
      .where("o.created_at", "<", period.toIso)
      .$if(d > 0, (q) => q.where("o.pickup_district_id", "=", d));
    // Matches made and handed over in the period, in one pass; the offer is joined only for a district.
    type Match = ExpressionBuilder<DB & { m: DB["donation_match"] }, "m">;
    const made = (eb: Match) => eb.and([eb("m.created_at", ">=", period.fromIso), eb("m.created_at", "<", period.toIso)]);
    const handedOver = (eb: Match) => eb.and([eb("m.state", "=", "handed_over"), eb("m.outcome_at", ">=", period.fromIso), eb("m.outcome_at", "<", period.toIso)]);
    const matches = db
      .selectFrom("donation_match as m")
      .$if(d > 0, (q) => q.innerJoin("donation_offer as o", "o.id", "m.offer_id").where("o.pickup_district_id", "=", d))
      .where((eb) => eb.or([made(eb), handedOver(eb)]))
      .select((eb) => [
        eb.fn.sum<number>(eb.case().when(made(eb)).then(1).else(0).end()).as("made"),
        eb.fn.sum<number>(eb.case().when(handedOver(eb)).then(1).else(0).end()).as("handed"),
      ]);
    // The offers' total is the sum over their categories (one scan of the offers instead of two).
    // Without the categories' table (KOMM-AN) the offers are counted in one group.
    const perCategory = wants(ctx, "donations.byCategory");
    const [m, byCategory, categories] = await Promise.all([
      matches.executeTakeFirstOrThrow(),
      perCategory
        ? offers.select((eb) => ["o.category_id", eb.fn.countAll().as("n")]).groupBy("o.category_id").execute()
        : offers.select((eb) => [eb.val<number | null>(null).as("category_id"), eb.fn.countAll().as("n")]).execute(),
      ifWanted(ctx, "donations.byCategory", () => db.selectFrom("donation_category").select(["id", "parent_id", ...CATEGORY_NAME_COLUMNS, "sort_order"]).orderBy("sort_order").orderBy("id").execute()),
    ]);
    // Summed per top-level category (the office may nest deeper).
    const parent = new Map(categories.map((c) => [c.id, c.parent_id]));
    const topOf = (id: number) => {
      let cur = id;
      for (let guard = 0; parent.get(cur) != null && guard < 32; guard++) cur = parent.get(cur)!;
      return cur;
    };
    const counts = new Map<number, number>();
    for (const r of byCategory) counts.set(topOf(Number(r.category_id)), (counts.get(topOf(Number(r.category_id))) ?? 0) + n(r.n));
    const rows = categories
      .filter((c) => counts.has(c.id))
      .map((c) => ({ ...literal(c.id, c.name_de, counts.get(c.id) ?? 0), names: Object.fromEntries(CATEGORY_NAME_LANGUAGES.map((l) => [l, categoryName(c, l)])) }));
    return wanted(ctx, [
      { key: "donations.totals", unit: "count", rows: [row("offers", byCategory.reduce((sum, r) => sum + n(r.n), 0)), row("matched", n(m.made)), row("handedOver", n(m.handed))] },
      { key: "donations.byCategory", unit: "count", rows },
    ]);
  },
};

export type OccupancyWeek = { monday: string; bookable: number; booked: number; integration: number; shareOfBookable: number; shareOfBooked: number };
export type Occupancy = { weeks: OccupancyWeek[]; total: OccupancyWeek & { bookings: number; integrationBookings: number } };
const share = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : 0);

/**
 * Room use in a period: bookable hours (every active room's opening hours on each Berlin day of
 * the period, real hours across DST), hours of confirmed bookings starting in the period, and of
 * those the office marked as serving the integration purpose; per week (Monday) and in total.
 */
export async function roomOccupancy(db: Kysely<DB>, period: Period): Promise<Occupancy> {
  const [rooms, bookings] = await Promise.all([
    db.selectFrom("room").select(["id", "opening_hours"]).where("active", "=", 1).execute(),
    db
      .selectFrom("booking")
      .select(["starts_at", "ends_at", "integration_purpose"])
      .where("status", "=", "confirmed")
      .where("starts_at", ">=", period.fromIso)
      .where("starts_at", "<", period.toIso)
      .execute(),
  ]);
  const weeks = new Map<string, OccupancyWeek>();
  const week = (day: string) => {
    const monday = mondayOf(day);
    let w = weeks.get(monday);
    if (!w) weeks.set(monday, (w = { monday, bookable: 0, booked: 0, integration: 0, shareOfBookable: 0, shareOfBooked: 0 }));
    return w;
  };
  const hoursOf = rooms.map((r) => parseOpeningHours(r.opening_hours));
  // Real hours of a slot on a day (23 or 25 on the DST days); rooms mostly share their slots, so
  // each distinct slot is converted once per day (a year of a county's rooms was 60 ms of instants).
  const slotHours = new Map<string, number>();
  for (let d = period.from; d < period.to; d = addDaysToDay(d, 1)) {
    const w = week(d);
    const weekday = weekdayOfDay(d);
    slotHours.clear();
    for (const open of hoursOf) {
      const slot = open[weekday - 1];
      if (!slot) continue;
      const key = `${slot.open}-${slot.close}`;
      let h = slotHours.get(key);
      if (h === undefined) {
        const close = slot.close === "24:00" || slot.close <= slot.open ? berlinToInstant(addDaysToDay(d, 1)) : berlinToInstant(d, slot.close);
        h = (close.getTime() - berlinToInstant(d, slot.open).getTime()) / 3_600_000;
        slotHours.set(key, h);
      }
      w.bookable += h;
    }
  }
  let integrationBookings = 0;
  // The week of each booking's Berlin day, looked up once per day (thousands of bookings a year).
  const weekOfDay = new Map<string, OccupancyWeek>();
  for (const b of bookings) {
    const h = (Date.parse(b.ends_at) - Date.parse(b.starts_at)) / 3_600_000;
    const day = berlinDay(b.starts_at);
    let w = weekOfDay.get(day);
    if (!w) weekOfDay.set(day, (w = week(day)));
    w.booked += h;
    if (b.integration_purpose === 1) {
      w.integration += h;
      integrationBookings++;
    }
  }
  const done = (w: OccupancyWeek): OccupancyWeek => ({ ...w, bookable: round1(w.bookable), booked: round1(w.booked), integration: round1(w.integration), shareOfBookable: share(w.integration, w.bookable), shareOfBooked: share(w.integration, w.booked) });
  const list = [...weeks.values()].sort((a, b) => (a.monday < b.monday ? -1 : 1));
  const sum = list.reduce((t, w) => ({ ...t, bookable: t.bookable + w.bookable, booked: t.booked + w.booked, integration: t.integration + w.integration }), { monday: period.from, bookable: 0, booked: 0, integration: 0, shareOfBookable: 0, shareOfBooked: 0 });
  return { weeks: list.map(done), total: { ...done(sum), bookings: bookings.length, integrationBookings } };
}

const rooms: ReportSection = {
  key: "rooms",
  byDistrict: false,
  async tables(ctx) {
    const o = await roomOccupancy(ctx.db, ctx.period);
    return wanted(ctx, [
      { key: "rooms.hours", unit: "hours", rows: [row("bookableHours", o.total.bookable), row("bookedHours", o.total.booked), row("integrationHours", o.total.integration)] },
      { key: "rooms.bookings", unit: "count", rows: [row("bookings", o.total.bookings), row("integrationBookings", o.total.integrationBookings)] },
      { key: "rooms.share", unit: "percent", rows: [row("shareBooked", share(o.total.booked, o.total.bookable)), row("shareIntegration", o.total.shareOfBookable)] },
    ]);
  },
};

/** How a tandem ended (`tandem.end_reason`), in the order of the end form; the rows' ids. */
const END_REASON_ROWS = [
  ["goal_reached", "endedGoalReached"],
  ["moved_away", "endedMovedAway"],
  ["no_time", "endedNoTime"],
  ["no_fit", "endedNoFit"],
  ["other", "endedOther"],
  ["consent_withdrawn", "endedConsentWithdrawn"],
] as const;

/**
 * Sponsorships (issue #14): requests received and proposals made in the period (instants, so the
 * period's Berlin midnights are the edges), tandems started, running (started before the period's
 * end and not ended before its start) and ended in it by reason, and meetings held in it (Berlin
 * days) — logged and confirmed by the household. The district is the request's (the household's
 * district when it asked); a tandem without a request counts only without a district filter.
 */
const sponsorships: ReportSection = {
  key: "sponsorships",
  byDistrict: true,
  async tables(ctx) {
    const { db, period } = ctx;
    const d = ctx.districtId ?? 0;
    const inDistrict = () => db.selectFrom("sponsorship_request").select("id").where("district_id", "=", d);
    const requests = db
      .selectFrom("sponsorship_request as r")
      .where("r.requested_at", ">=", period.fromIso)
      .where("r.requested_at", "<", period.toIso)
      .$if(d > 0, (q) => q.where("r.district_id", "=", d));
    const proposals = db
      .selectFrom("sponsorship_proposal as p")
      .where("p.proposed_at", ">=", period.fromIso)
      .where("p.proposed_at", "<", period.toIso)
      .$if(d > 0, (q) => q.where("p.request_id", "in", inDistrict()));
    const tandems = () => db.selectFrom("tandem as t").$if(d > 0, (q) => q.where("t.request_id", "in", inDistrict()));
    // The tandem only for the district (every meeting has its tandem: a foreign key); joined for
    // the whole town as well, PostgreSQL hashed all tandems for nothing (issue #13).
    const meetings = db
      .selectFrom("tandem_meeting as m")
      .where("m.day", ">=", period.from)
      .where("m.day", "<", period.to)
      .$if(d > 0, (q) => q.where("m.tandem_id", "in", db.selectFrom("tandem").select("id").where("request_id", "in", inDistrict())));
    const [req, prop, started, running, ended, met] = await Promise.all([
      requests.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
      proposals.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
      tandems().where("t.started_on", ">=", period.from).where("t.started_on", "<", period.to).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
      tandems()
        .where("t.started_on", "<", period.to)
        .where((eb) => eb.or([eb("t.ended_on", "is", null), eb("t.ended_on", ">=", period.from)]))
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow(),
      tandems().where("t.ended_on", ">=", period.from).where("t.ended_on", "<", period.to).select((eb) => ["t.end_reason", eb.fn.countAll().as("n")]).groupBy("t.end_reason").execute(),
      meetings.select((eb) => [eb.fn.countAll().as("n"), eb.fn.count("m.confirmed_at").as("confirmed"), eb.fn.sum("m.minutes").as("minutes")]).executeTakeFirstOrThrow(),
    ]);
    const endedBy = new Map(ended.map((e) => [e.end_reason ?? "other", n(e.n)]));
    const endedTotal = ended.reduce((sum, e) => sum + n(e.n), 0);
    return wanted(ctx, [
      {
        key: "sponsorships.totals",
        unit: "count",
        rows: [row("requests", n(req.n)), row("proposals", n(prop.n)), row("tandemsStarted", n(started.n)), row("tandemsRunning", n(running.n)), row("tandemsEnded", endedTotal)],
      },
      { key: "sponsorships.endedByReason", unit: "count", rows: END_REASON_ROWS.filter(([reason]) => endedBy.has(reason)).map(([reason, id]) => row(id, endedBy.get(reason) ?? 0)) },
      { key: "sponsorships.meetings", unit: "count", rows: [row("meetingsLogged", n(met.n)), row("meetingsConfirmed", n(met.confirmed))] },
      { key: "sponsorships.meetingHours", unit: "hours", rows: [row("meetingHours", round1(n(met.minutes) / 60))] },
    ]);
  },
};

/** The sections in order. Associations append theirs here. */
export const REPORT_SECTIONS: ReportSection[] = [volunteers, hours, assignments, donations, sponsorships, rooms];
