import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { germanSortKey } from "../../../app/utils/text-keys";
import type { BenchContext, BenchModule, BenchRoute } from "../types";

const TARGET = 10_000;
const STATUSES = ["registered", "intake_scheduled", "active", "active", "active", "paused", "left"] as const;
const LANGS = ["de", "en", "ar", "uk", "ru", "fa", "tr", "fr", "ku", "ti"] as const;
const LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"] as const;
const SKILLS = ["kochen", "fahren", "nachhilfe mathe", "übersetzen", "fahrrad reparieren", "sport", "musik", "behördengänge", "kinderbetreuung", "gärtnern", "computer", "nähen"];
const SLOTS = ["morning", "afternoon", "evening"] as const;
const FIRST = ["Anna", "Ben", "Cem", "Dana", "Emil", "Fatma", "Gregor", "Hana", "Ilja", "Jana", "Karim", "Lea", "Mila", "Noah", "Olga", "Paul", "Rana", "Sami", "Tina", "Yusuf"];
const LAST = ["Becker", "Schmidt", "Yılmaz", "Kowalski", "Haddad", "Schneider", "Petrenko", "Fischer", "Weber", "Nasser", "Wagner", "Hoffmann"];

const pick = <T>(ctx: BenchContext, xs: readonly T[]) => xs[Math.floor(ctx.random() * xs.length)];

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 400) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Volunteer profiles for the bench: one per volunteer user of the foundation module
 * (topped up to 10,000 volunteer users when fewer exist), with languages, skills, fields
 * of action, availability, status history and both consents.
 */
export const volunteersBench: BenchModule = {
  name: "volunteers",
  requiresTables: ["volunteer_profile", "consent_text"],
  async generate(db: Kysely<DB>, ctx: BenchContext) {
    const at = ctx.now.toISOString();
    const existing = await db
      .selectFrom("user_role as r")
      .leftJoin("volunteer_profile as p", "p.user_id", "r.user_id")
      .select("r.user_id")
      .where("r.role", "=", "volunteer")
      .where("p.user_id", "is", null)
      .execute();
    const userIds = existing.map((r) => r.user_id);
    const total = await db.selectFrom("user_role").select((eb) => eb.fn.countAll<number>().as("n")).where("role", "=", "volunteer").executeTakeFirstOrThrow();
    const missing = Math.max(0, TARGET - Number(total.n));
    const newUsers = Array.from({ length: missing }, (_, i) => {
      const name = `${pick(ctx, FIRST)} ${pick(ctx, LAST)}`;
      return {
        id: `benchvol${String(i).padStart(8, "0")}`,
        email: `bench-volunteer-${i}@example.org`,
        name,
        name_key: germanSortKey(name),
        password_hash: "!bench-no-login",
        email_verified_at: at,
        locale: pick(ctx, ["de", "de", "de", "en", "ar", "uk"] as const),
        disabled_at: null,
        created_at: at,
        updated_at: at,
      };
    });
    await db.transaction().execute(async (trx) => {
      await insertChunked(newUsers, (c) => trx.insertInto("user").values(c).execute(), 500);
      await insertChunked(newUsers.map((u) => ({ user_id: u.id, role: "volunteer" as const, created_at: at })), (c) => trx.insertInto("user_role").values(c).execute(), 500);
      userIds.push(...newUsers.map((u) => u.id));

      const districts = (await trx.selectFrom("district").select("id").execute()).map((d) => d.id);
      const fields = (await trx.selectFrom("field_of_action").select("id").execute()).map((f) => f.id);
      const texts = await trx.selectFrom("consent_text").select(["id", "purpose"]).where("locale", "=", "de").where("version", "=", 1).execute();
      const profiles = [];
      const languages = [];
      const skills = [];
      const fieldRows = [];
      const availability = [];
      const history = [];
      const consents = [];
      for (const user_id of userIds) {
        const created = new Date(ctx.now.getTime() - Math.floor(ctx.random() * 730) * 86400_000).toISOString();
        const status = pick(ctx, STATUSES);
        profiles.push({
          user_id,
          phone: ctx.random() < 0.7 ? `02154 ${Math.floor(10000 + ctx.random() * 89999)}` : null,
          district_id: pick(ctx, districts),
          has_car: ctx.random() < 0.4 ? 1 : 0,
          gender: ctx.random() < 0.5 ? pick(ctx, ["female", "male", "diverse"] as const) : null,
          birth_year: ctx.random() < 0.6 ? 1945 + Math.floor(ctx.random() * 62) : null,
          status,
          status_changed_at: created,
          intake_on: null,
          intake_notes: null,
          erased_at: null,
          created_at: created,
          updated_at: created,
        });
        const langs = new Set<string>(["de"]);
        while (ctx.random() < 0.5 && langs.size < 4) langs.add(pick(ctx, LANGS));
        for (const code of langs) languages.push({ user_id, language_code: code, level: code === "de" ? pick(ctx, ["B2", "C1", "native", "native"] as const) : pick(ctx, LEVELS) });
        const sk = new Set<string>();
        while (sk.size < 1 + Math.floor(ctx.random() * 3)) sk.add(pick(ctx, SKILLS));
        for (const skill of sk) skills.push({ user_id, skill, skill_key: germanSortKey(skill) });
        const fs = new Set<number>();
        while (fs.size < 1 + Math.floor(ctx.random() * 2)) fs.add(pick(ctx, fields));
        for (const field_id of fs) fieldRows.push({ user_id, field_id });
        for (let d = 1; d <= 7; d++) for (const slot of SLOTS) if (ctx.random() < 0.15) availability.push({ user_id, weekday: d, slot });
        history.push({ user_id, from_status: null, to_status: status, changed_by: null, reason: null, changed_at: created });
        for (const t of texts) consents.push({ user_id, purpose: t.purpose, consent_text_id: t.id, given_at: created, withdrawn_at: null });
      }
      await insertChunked(profiles, (c) => trx.insertInto("volunteer_profile").values(c).execute(), 200);
      await insertChunked(languages, (c) => trx.insertInto("volunteer_language").values(c).execute());
      await insertChunked(skills, (c) => trx.insertInto("volunteer_skill").values(c).execute());
      await insertChunked(fieldRows, (c) => trx.insertInto("volunteer_field").values(c).execute());
      await insertChunked(availability, (c) => trx.insertInto("volunteer_availability").values(c).execute());
      await insertChunked(history, (c) => trx.insertInto("volunteer_status_history").values(c).execute());
      await insertChunked(consents, (c) => trx.insertInto("consent_record").values(c).execute());
    });
    ctx.ids.volunteers = userIds;
    // Fresh statistics so SQLite's planner picks the filter indexes.
    await sql`ANALYZE`.execute(db);
  },
  routes(ctx: BenchContext): BenchRoute[] {
    const someone = ctx.ids.volunteers?.[0];
    return [
      { name: "volunteers: list", path: "/office/volunteers", role: "coordinator" },
      { name: "volunteers: list page 40", path: "/office/volunteers?page=40", role: "coordinator" },
      { name: "volunteers: filter language+district", path: "/office/volunteers?language=ar&districtId=2", role: "coordinator" },
      { name: "volunteers: filter skill+status", path: "/office/volunteers?skill=kochen&status=active", role: "coordinator" },
      { name: "volunteers: filter field", path: "/office/volunteers?fieldId=3", role: "coordinator" },
      { name: "volunteers: search by name", path: "/office/volunteers?q=yus", role: "coordinator" },
      ...(someone ? [{ name: "volunteers: detail", path: `/office/volunteers/${someone}`, role: "coordinator" as const }] : []),
    ];
  },
};
