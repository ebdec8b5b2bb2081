import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { newRandomId } from "~/auth/ids.server";
import { enqueueMails } from "~/modules/mail/outbox.server";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { germanSortKey } from "~/utils/text-keys";
import { IMPORT_LIMITS } from "./limits";
import type { VolunteerValues } from "./volunteer-rows.server";

/**
 * A volunteer as the import sees it: every field it may write, each as one comparable value
 * (lists as sorted text). Undo compares and restores these.
 */
export type Snapshot = {
  name: string;
  phone: string | null;
  district_id: number | null;
  has_car: number;
  gender: string | null;
  birth_year: number | null;
  languages: string;
  skills: string;
  fields: string;
  availability: string;
};
export type SnapshotField = keyof Snapshot;

/** An imported account has no password until the person follows the invitation. */
export const NO_PASSWORD = "!imported-no-password";

export async function snapshots(db: Kysely<DB>, ids: string[]): Promise<Map<string, Snapshot & { status: string; password_hash: string }>> {
  const out = new Map<string, Snapshot & { status: string; password_hash: string }>();
  if (!ids.length) return out;
  const base = await db
    .selectFrom("user as u")
    .innerJoin("volunteer_profile as p", "p.user_id", "u.id")
    .select(["u.id", "u.name", "u.password_hash", "p.phone", "p.district_id", "p.has_car", "p.gender", "p.birth_year", "p.status"])
    .where("u.id", "in", ids)
    .execute();
  const [langs, skills, fields, avail] = await Promise.all([
    db.selectFrom("volunteer_language").select(["user_id", "language_code", "level"]).where("user_id", "in", ids).execute(),
    db.selectFrom("volunteer_skill").select(["user_id", "skill"]).where("user_id", "in", ids).execute(),
    db.selectFrom("volunteer_field").select(["user_id", "field_id"]).where("user_id", "in", ids).execute(),
    db.selectFrom("volunteer_availability").select(["user_id", "weekday", "slot"]).where("user_id", "in", ids).execute(),
  ]);
  const group = <T extends { user_id: string }>(rows: T[], f: (r: T) => string) => {
    const m = new Map<string, string[]>();
    for (const r of rows) (m.get(r.user_id) ?? m.set(r.user_id, []).get(r.user_id)!).push(f(r));
    return (id: string) => (m.get(id) ?? []).sort().join(",");
  };
  const l = group(langs, (r) => `${r.language_code}:${r.level}`);
  const s = group(skills, (r) => r.skill.replace(/,/g, " "));
  const f = group(fields, (r) => String(r.field_id).padStart(6, "0"));
  const a = group(avail, (r) => `${r.weekday}-${r.slot}`);
  for (const b of base) {
    out.set(b.id, {
      name: b.name,
      phone: b.phone,
      district_id: b.district_id,
      has_car: b.has_car,
      gender: b.gender,
      birth_year: b.birth_year,
      languages: l(b.id),
      skills: s(b.id),
      fields: f(b.id),
      availability: a(b.id),
      status: b.status,
      password_hash: b.password_hash,
    });
  }
  return out;
}

/** The snapshot fields a row's values set (only non-blank cells are values). */
export function snapshotOfValues(v: VolunteerValues): Partial<Snapshot> {
  const out: Partial<Snapshot> = {};
  if (v.name !== undefined) out.name = v.name;
  if (v.phone !== undefined) out.phone = v.phone;
  if (v.districtId !== undefined) out.district_id = v.districtId;
  if (v.hasCar !== undefined) out.has_car = v.hasCar ? 1 : 0;
  if (v.gender !== undefined) out.gender = v.gender;
  if (v.birthYear !== undefined) out.birth_year = v.birthYear;
  if (v.languages !== undefined) out.languages = v.languages.map((x) => `${x.code}:${x.level}`).sort().join(",");
  if (v.skills !== undefined) out.skills = v.skills.map((x) => x.replace(/,/g, " ")).sort().join(",");
  if (v.fields !== undefined) out.fields = [...new Set(v.fields)].map((x) => String(x).padStart(6, "0")).sort().join(",");
  if (v.availability !== undefined) out.availability = v.availability.map((x) => `${x.weekday}-${x.slot}`).sort().join(",");
  return out;
}

const list = (s: string) => (s === "" ? [] : s.split(","));

/** Writes snapshot fields to a volunteer (the import's update, and undo's restore). */
export async function writeSnapshot(trx: Kysely<DB>, userId: string, values: Partial<Snapshot>, at: string) {
  if (values.name !== undefined) await trx.updateTable("user").set({ name: values.name, name_key: germanSortKey(values.name), updated_at: at }).where("id", "=", userId).execute();
  const profile: Record<string, unknown> = {};
  for (const k of ["phone", "district_id", "has_car", "gender", "birth_year"] as const) if (values[k] !== undefined) profile[k] = values[k];
  if (Object.keys(profile).length) await trx.updateTable("volunteer_profile").set({ ...profile, updated_at: at }).where("user_id", "=", userId).execute();
  if (values.languages !== undefined) {
    await trx.deleteFrom("volunteer_language").where("user_id", "=", userId).execute();
    const rows = list(values.languages).map((x) => ({ user_id: userId, language_code: x.split(":")[0], level: x.split(":")[1] as never }));
    if (rows.length) await trx.insertInto("volunteer_language").values(rows).execute();
  }
  if (values.skills !== undefined) {
    await trx.deleteFrom("volunteer_skill").where("user_id", "=", userId).execute();
    const rows = list(values.skills).map((skill) => ({ user_id: userId, skill, skill_key: germanSortKey(skill) }));
    if (rows.length) await trx.insertInto("volunteer_skill").values(rows).execute();
  }
  if (values.fields !== undefined) {
    await trx.deleteFrom("volunteer_field").where("user_id", "=", userId).execute();
    const rows = list(values.fields).map((x) => ({ user_id: userId, field_id: Number(x) }));
    if (rows.length) await trx.insertInto("volunteer_field").values(rows).execute();
  }
  if (values.availability !== undefined) {
    await trx.deleteFrom("volunteer_availability").where("user_id", "=", userId).execute();
    const rows = list(values.availability).map((x) => ({ user_id: userId, weekday: Number(x.split("-")[0]), slot: x.split("-")[1] as never }));
    if (rows.length) await trx.insertInto("volunteer_availability").values(rows).execute();
  }
}

export type NewVolunteer = { rowNo: number; values: VolunteerValues };

/**
 * Creates volunteers (one chunk, in the caller's transaction): account without a password,
 * profile "registered", lists, the invitation (a set-password link valid 14 days) through the
 * outbox. Returns the new ids by row.
 */
export async function createVolunteers(trx: Kysely<DB>, batchId: number, items: NewVolunteer[], now: Date): Promise<Map<number, { id: string; after: Snapshot }>> {
  const at = now.toISOString();
  const out = new Map<number, { id: string; after: Snapshot }>();
  if (!items.length) return out;
  const made = items.map((it) => ({ ...it, id: newRandomId(10) }));
  await trx
    .insertInto("user")
    .values(made.map((m) => ({ id: m.id, email: m.values.email!, name: m.values.name!, name_key: germanSortKey(m.values.name!), password_hash: NO_PASSWORD, email_verified_at: null, locale: "de", disabled_at: null, created_at: at, updated_at: at })))
    .execute();
  await trx.insertInto("user_role").values(made.map((m) => ({ user_id: m.id, role: "volunteer" as const, created_at: at }))).execute();
  await trx
    .insertInto("volunteer_profile")
    .values(
      made.map((m) => ({
        user_id: m.id,
        phone: m.values.phone ?? null,
        district_id: m.values.districtId ?? null,
        has_car: m.values.hasCar ? 1 : 0,
        gender: m.values.gender ?? null,
        birth_year: m.values.birthYear ?? null,
        status: "registered" as const,
        status_changed_at: at,
        intake_on: null,
        intake_notes: null,
        erased_at: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  await trx.insertInto("volunteer_status_history").values(made.map((m) => ({ user_id: m.id, from_status: null, to_status: "registered" as const, changed_by: null, reason: "import", changed_at: at }))).execute();
  const langs = made.flatMap((m) => (m.values.languages ?? []).map((l) => ({ user_id: m.id, language_code: l.code, level: l.level })));
  if (langs.length) await trx.insertInto("volunteer_language").values(langs).execute();
  const skills = made.flatMap((m) => (m.values.skills ?? []).map((skill) => ({ user_id: m.id, skill, skill_key: germanSortKey(skill) })));
  if (skills.length) await trx.insertInto("volunteer_skill").values(skills).execute();
  const fields = made.flatMap((m) => [...new Set(m.values.fields ?? [])].map((field_id) => ({ user_id: m.id, field_id })));
  if (fields.length) await trx.insertInto("volunteer_field").values(fields).execute();
  const avail = made.flatMap((m) => (m.values.availability ?? []).map((a) => ({ user_id: m.id, weekday: a.weekday, slot: a.slot })));
  if (avail.length) await trx.insertInto("volunteer_availability").values(avail).execute();
  const ext = made.filter((m) => m.values.externalId).map((m) => ({ kind: "volunteers", external_id: m.values.externalId!, entity_id: m.id, batch_id: batchId, created_at: at }));
  if (ext.length) await trx.insertInto("import_external_id").values(ext).execute();
  const expires = new Date(now.getTime() + IMPORT_LIMITS.invitationDays * 86_400_000).toISOString();
  const tokens = made.map((m) => ({ m, token: generateToken() }));
  await trx
    .insertInto("email_token")
    .values(tokens.map(({ m, token }) => ({ token_hash: hashToken(token), user_id: m.id, purpose: "reset_password" as const, new_email: null, expires_at: expires, used_at: null, created_at: at })))
    .execute();
  const base = env().BASE_URL;
  await enqueueMails(
    trx,
    tokens.map(({ m, token }) => ({ to: m.values.email!, locale: "de", template: "import-invitation" as const, data: { name: m.values.name!, url: `${base}/reset-password/${token}`, days: IMPORT_LIMITS.invitationDays } })),
    now,
  );
  const afters = await snapshots(trx, made.map((m) => m.id));
  for (const m of made) {
    const s = afters.get(m.id)!;
    const { status: _s, password_hash: _p, ...after } = s;
    out.set(m.rowNo, { id: m.id, after });
  }
  await trx
    .insertInto("import_change")
    .values(made.map((m) => ({ batch_id: batchId, row_no: m.rowNo, entity: "volunteer", entity_id: m.id, op: "create" as const, before: null, after: JSON.stringify(out.get(m.rowNo)!.after), created_at: at })))
    .execute();
  return out;
}

/** Updates one volunteer with the row's non-blank values; records what changed. */
export async function updateVolunteer(trx: Kysely<DB>, batchId: number, rowNo: number, userId: string, values: VolunteerValues, now: Date): Promise<"updated" | "unchanged" | "gone"> {
  const current = (await snapshots(trx, [userId])).get(userId);
  if (!current) return "gone";
  const wanted = snapshotOfValues(values);
  const before: Partial<Snapshot> = {};
  const after: Partial<Snapshot> = {};
  for (const [k, v] of Object.entries(wanted) as [SnapshotField, never][]) {
    if (current[k] !== v) {
      (before as Record<string, unknown>)[k] = current[k];
      (after as Record<string, unknown>)[k] = v;
    }
  }
  if (values.externalId) {
    await trx
      .insertInto("import_external_id")
      .values({ kind: "volunteers", external_id: values.externalId, entity_id: userId, batch_id: batchId, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["kind", "external_id"]).doNothing())
      .execute();
  }
  if (!Object.keys(after).length) return "unchanged";
  await writeSnapshot(trx, userId, after, now.toISOString());
  await trx.insertInto("import_change").values({ batch_id: batchId, row_no: rowNo, entity: "volunteer", entity_id: userId, op: "update", before: JSON.stringify(before), after: JSON.stringify(after), created_at: now.toISOString() }).execute();
  return "updated";
}
