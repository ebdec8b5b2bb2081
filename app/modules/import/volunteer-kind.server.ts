import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { germanSortKey } from "~/utils/text-keys";
import type { VolunteerField } from "./fields";
import { byExternalId, type EntityOps, type Firm, type KindHandler, type Snapshot } from "./kind.server";
import { createVolunteers, NO_PASSWORD, snapshots, updateVolunteer, writeSnapshot, type Snapshot as VolunteerSnapshot } from "./volunteer-records.server";
import { loadReferences, missingForCreate, validateVolunteerRow, type References, type VolunteerValues } from "./volunteer-rows.server";

/** Volunteers: matched by stable id, then e-mail; same name and birth year is a possible duplicate. */
export const volunteerHandler: KindHandler<VolunteerValues, References> = {
  kind: "volunteers",
  context: loadReferences,
  validate: (cells, mapping, refs) => validateVolunteerRow(cells, mapping as (VolunteerField | null)[], refs),
  fileKeys: (v) => [...(v.email ? [["email", v.email] as [string, string]] : []), ...(v.externalId ? [["externalId", v.externalId] as [string, string]] : [])],
  async match(db, values) {
    const emails = [...new Set(values.map((v) => v.email).filter((e): e is string => !!e))];
    const byEmail = new Map<string, Firm>();
    const byId = new Map<string, Firm>();
    const firmOf = (r: { id: string; profile: string | null; erased_at: string | null }): Firm =>
      r.erased_at ? { id: r.id, error: { field: null, key: "import:errors.erased" } } : !r.profile ? { id: r.id, error: { field: "email", key: "import:errors.accountWithoutProfile" } } : { id: r.id };
    if (emails.length) {
      const rows = await db.selectFrom("user as u").leftJoin("volunteer_profile as p", "p.user_id", "u.id").select(["u.id", "u.email", "p.user_id as profile", "p.erased_at"]).where("u.email", "in", emails).execute();
      for (const r of rows) byEmail.set(r.email, firmOf(r));
    }
    const ext = await byExternalId(db, "volunteers", values.map((v) => v.externalId));
    if (ext.size) {
      const rows = await db.selectFrom("user as u").leftJoin("volunteer_profile as p", "p.user_id", "u.id").select(["u.id", "p.user_id as profile", "p.erased_at"]).where("u.id", "in", [...new Set(ext.values())]).execute();
      const users = new Map(rows.map((r) => [r.id, firmOf(r)]));
      for (const [k, id] of ext) {
        const f = users.get(id);
        if (f) byId.set(k, f);
      }
    }
    // Possible duplicates: same name (folded) and same birth year, for rows matched by nothing firmer.
    const keys = [...new Set(values.filter((v) => v.name && v.birthYear).map((v) => germanSortKey(v.name!)))];
    const candidates = new Map<string, string>();
    if (keys.length) {
      const rows = await db
        .selectFrom("user as u")
        .innerJoin("volunteer_profile as p", "p.user_id", "u.id")
        .select(["u.id", "u.name_key", "p.birth_year"])
        .where("u.name_key", "in", keys)
        .where("p.erased_at", "is", null)
        .where("p.birth_year", "is not", null)
        .execute();
      for (const r of rows) candidates.set(`${r.name_key}|${r.birth_year}`, r.id);
    }
    return {
      firm: (v) => (v.externalId ? byId.get(v.externalId) : undefined) ?? (v.email ? byEmail.get(v.email) : undefined),
      candidate: (v) => (v.name && v.birthYear ? candidates.get(`${germanSortKey(v.name)}|${v.birthYear}`) : undefined),
    };
  },
  missingForCreate: (v, mapping) => missingForCreate(v, mapping as (VolunteerField | null)[]),
  async describe(db, ids) {
    const rows = await db.selectFrom("user as u").leftJoin("volunteer_profile as p", "p.user_id", "u.id").select(["u.id", "u.name", "u.email", "p.birth_year"]).where("u.id", "in", ids).execute();
    return new Map(rows.map((r) => [r.id, { name: r.name, detail: [r.email, r.birth_year ? String(r.birth_year) : null].filter(Boolean).join(", ") }]));
  },
  // The office sees existing volunteers' names next to the sheet's rows: a view of personal data.
  recordViews: (actor, ids) => recordVolunteerViews(actor, ids, "import-review"),
  async create(trx, batch, items, now) {
    const failed = new Map<number, string>();
    // Someone may have registered with the address since the dry run.
    const emails = [...new Set(items.map((i) => i.values.email!).filter(Boolean))];
    const taken = emails.length ? new Set((await trx.selectFrom("user").select("email").where("email", "in", emails).execute()).map((u) => u.email)) : new Set<string>();
    const creatable = items.filter((c) => {
      if (!taken.has(c.values.email!)) return true;
      failed.set(c.rowNo, "import:outcome.emailTaken");
      return false;
    });
    await createVolunteers(trx, batch.id, creatable, now);
    return failed;
  },
  update: (trx, batch, rowNo, targetId, values, now) => updateVolunteer(trx, batch.id, rowNo, targetId, values, now),
};

const VOLUNTEER_TABLES = ["volunteer_language", "volunteer_skill", "volunteer_field", "volunteer_availability", "volunteer_status_history", "volunteer_profile", "email_token", "user_role", "session"] as const;

export const volunteerOps: EntityOps = {
  async snapshot(db, ids) {
    const out = new Map<string, Snapshot>();
    for (const [id, s] of await snapshots(db, ids)) {
      const { status: _s, password_hash: _p, ...rest } = s;
      out.set(id, rest);
    }
    return out;
  },
  write: (trx, id, values, at) => writeSnapshot(trx, id, values as Partial<VolunteerSnapshot>, at),
  async inUse(db, ids) {
    const used = new Set<string>();
    if (!ids.length) return used;
    // The invitation accepted (a password set), the status changed, consents given or an assignment recorded: the person is in use.
    for (const [id, s] of await snapshots(db, ids)) if (s.password_hash !== NO_PASSWORD || s.status !== "registered") used.add(id);
    for (const r of await db.selectFrom("consent_record").select("user_id").where("user_id", "in", ids).execute()) used.add(r.user_id);
    for (const r of await db.selectFrom("assignment").select("volunteer_user_id as user_id").where("volunteer_user_id", "in", ids).execute()) used.add(r.user_id);
    return used;
  },
  async remove(trx, ids) {
    if (!ids.length) return;
    const emails = (await trx.selectFrom("user").select("email").where("id", "in", ids).execute()).map((u) => u.email);
    if (emails.length) await trx.deleteFrom("outbox").where("template", "=", "import-invitation").where("status", "=", "pending").where("to_address", "in", emails).execute();
    for (const table of VOLUNTEER_TABLES) await trx.deleteFrom(table).where("user_id", "in", ids).execute();
    await trx.deleteFrom("import_external_id").where("kind", "=", "volunteers").where("entity_id", "in", ids).execute();
    await trx.deleteFrom("user").where("id", "in", ids).execute();
  },
};
