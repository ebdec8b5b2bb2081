import { sql, type Insertable, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { chunks, int, pick } from "../random";
import { germanSortKey } from "../../../app/utils/text-keys";
import type { BenchContext, BenchModule, BenchRoute } from "../types";

const ACTIVITIES = ["Sprachcafé", "Hausaufgabenhilfe", "Fahrdienst", "Begleitung zu Behörden", "Fahrradwerkstatt", "Kleiderkammer", "Patenschaft", "Jugendtraining", "Umzugshilfe", "Nähcafé"];

const dayOf = (now: Date, offsetDays: number) => new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Assignments (insurance cover), § 72a inspections and hours for the volunteers of the bench:
 * about 60 % of the volunteers have one to three assignments with the 200 organisations (some
 * ended or closed, a quarter with minors), those with minors mostly an inspection (some too old),
 * and weekly hours entries over the last months (most confirmed). The demo association member's
 * organisations get their share, so `/verein/volunteers` has rows.
 */
export const coverageBench: BenchModule = {
  name: "coverage",
  requiresTables: ["assignment", "certificate_inspection", "hours_entry"],
  async generate(db: Kysely<DB>, ctx: BenchContext) {
    const random = ctx.random;
    const at = ctx.now.toISOString();
    const volunteers = (ctx.ids.volunteers ?? []) as string[];
    const organisations = (ctx.ids.organisations ?? []) as number[];
    const office = await db.selectFrom("user").select("id").where("email", "=", "koordination@example.org").executeTakeFirstOrThrow();
    const member = await db
      .selectFrom("organisation_member as m")
      .innerJoin("user as u", "u.id", "m.user_id")
      .select("m.organisation_id")
      .where("u.email", "=", "verein@example.org")
      .execute();
    const memberOrgs = member.map((m) => m.organisation_id);
    const fields = (await db.selectFrom("field_of_action").select("id").execute()).map((f) => f.id);
    const assignments: Insertable<DB["assignment"]>[] = [];
    const withMinors = new Set<string>();
    for (const volunteer of volunteers) {
      if (random() > 0.6) continue;
      const count = 1 + (random() < 0.3 ? 1 : 0) + (random() < 0.1 ? 1 : 0);
      for (let i = 0; i < count; i++) {
        const start = -int(random, 0, 900);
        const r = random();
        // Open (60 %), with an end (25 %, some still to come), or closed early (15 %).
        const end = r < 0.6 ? null : start + int(random, 30, 700);
        const closed = r >= 0.85 && end !== null ? Math.min(end, start + int(random, 10, 300)) : null;
        const minors = random() < 0.25;
        if (minors) withMinors.add(volunteer);
        const organisation = memberOrgs.length && random() < 0.03 ? pick(random, memberOrgs) : pick(random, organisations);
        const activity = pick(random, ACTIVITIES);
        assignments.push({
          volunteer_user_id: volunteer,
          activity,
          activity_key: germanSortKey(activity),
          field_of_action_id: pick(random, fields),
          organisation_id: organisation,
          start_day: dayOf(ctx.now, start),
          end_day: end === null ? null : dayOf(ctx.now, end),
          document_ref: `Bench-${assignments.length + 1}`,
          works_with_minors: minors ? 1 : 0,
          closed_on: closed === null ? null : dayOf(ctx.now, closed),
          close_reason: closed === null ? null : "Ende (Bench)",
          created_by: office.id,
          created_at: at,
          updated_by: office.id,
          updated_at: at,
        });
      }
    }
    const inspections = [...withMinors]
      .filter(() => random() < 0.8)
      .map((volunteer) => {
        const inspected = -int(random, 0, 2000);
        return {
          volunteer_user_id: volunteer,
          inspected: 1,
          certificate_date: dayOf(ctx.now, inspected - int(random, 5, 80)),
          relevant_conviction: 0,
          inspected_by: office.id,
          inspected_on: dayOf(ctx.now, inspected),
          created_at: at,
        };
      });
    await db.transaction().execute(async (trx) => {
      for (const batch of chunks(assignments, 300)) await trx.insertInto("assignment").values(batch).execute();
      for (const batch of chunks(inspections, 500)) await trx.insertInto("certificate_inspection").values(batch).execute();
      const rows = await trx.selectFrom("assignment").select(["id", "start_day", "end_day", "closed_on"]).execute();
      const today = dayOf(ctx.now, 0);
      const hours = [];
      for (const a of rows) {
        if (random() > 0.7) continue;
        const last = [a.closed_on, a.end_day, today].filter((d): d is string => !!d).sort()[0];
        // Weekly entries over the last up to 30 weeks of the assignment.
        for (let w = 0; w < 30; w++) {
          const day = dayOf(new Date(`${last}T12:00:00.000Z`), -7 * w);
          if (day < a.start_day) break;
          if (random() < 0.3) continue;
          const s = random();
          hours.push({
            assignment_id: a.id,
            day,
            hours: int(random, 1, 6),
            note: null,
            status: s < 0.85 ? ("confirmed" as const) : s < 0.95 ? ("submitted" as const) : ("rejected" as const),
            decided_by: s < 0.85 || s >= 0.95 ? office.id : null,
            decided_at: s < 0.85 || s >= 0.95 ? at : null,
            decision_reason: s >= 0.95 ? "Doppelt erfasst (Bench)" : null,
            created_at: `${day}T20:00:00.000Z`,
          });
        }
      }
      for (const batch of chunks(hours, 500)) await trx.insertInto("hours_entry").values(batch).execute();
    });
    await sql`ANALYZE`.execute(db);
  },
  routes(ctx: BenchContext): BenchRoute[] {
    const someone = (ctx.ids.volunteers ?? [])[1];
    return [
      { name: "volunteers: insured today", path: "/office/volunteers?cover=yes", role: "coordinator" },
      { name: "volunteers: not insured, active", path: "/office/volunteers?cover=no&status=active", role: "coordinator" },
      { name: "volunteers: certificate missing", path: "/office/volunteers?certificate=missing", role: "coordinator" },
      { name: "volunteers: Ehrenamtskarte", path: "/office/volunteers?karte=yes", role: "coordinator" },
      { name: "volunteers: skill part", path: "/office/volunteers?skill=nach", role: "coordinator" },
      { name: "volunteers: insured, ar, district", path: "/office/volunteers?cover=yes&language=ar&districtId=2", role: "coordinator" },
      ...(someone ? [{ name: "volunteers: detail with assignments", path: `/office/volunteers/${someone}`, role: "coordinator" as const }] : []),
      { name: "association: its volunteers", path: "/verein/volunteers", role: "association_member" },
      // The office's coverage lists: paged and filtered in SQL (25 rows a page).
      { name: "hours: waiting, oldest first", path: "/office/hours", role: "coordinator" },
      { name: "hours: confirmed, by name", path: "/office/hours?status=confirmed&q=busch", role: "coordinator" },
      { name: "hours: organisation, days", path: `/office/hours?org=Anrath&from=${dayOf(ctx.now, -90)}`, role: "coordinator" },
      { name: "association: hours to confirm", path: "/office/hours", role: "association_member" },
      { name: "certificates: most urgent", path: "/office/certificates", role: "coordinator" },
      { name: "certificates: overdue", path: "/office/certificates?state=overdue", role: "coordinator" },
      { name: "Ehrenamtskarte: eligible", path: "/office/ehrenamtskarte", role: "coordinator" },
      { name: "Ehrenamtskarte: district, all", path: "/office/ehrenamtskarte?districtId=2&all=1", role: "coordinator" },
    ];
  },
};
