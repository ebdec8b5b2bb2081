import { randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, HouseholdConsentPurpose } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { recordView } from "~/modules/volunteers/access-log.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { HouseholdInput } from "./schema";
import { containsFolded, containsUpperCase } from "~/utils/like.server";
import { germanSortKey } from "~/utils/text-keys";

export const HOUSEHOLD_PAGE_SIZE = 25;
const ENTITY = "household";
// No 0/O, 1/I/L: codes are read out on the phone.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newHouseholdCode(): string {
  let s = "";
  for (let i = 0; i < 5; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `H-${s}`;
}

/** The office list: code, district, counts; the contact name only as a search key. */
/** The household list's filters as one query (the page and the export of what was filtered use the same). */
export function householdListQuery(f: { q?: string; districtId?: number }) {
  let query = getDb().selectFrom("household as h").where("h.erased_at", "is", null);
  if (f.districtId) query = query.where("h.district_id", "=", f.districtId);
  if (f.q) {
    const q = f.q;
    query = query.where((eb) => eb.or([containsUpperCase("h.code", q), containsFolded("h.contact_name_key", q)]));
  }
  return query;
}

export async function listHouseholds(actor: Actor, f: { q?: string; districtId?: number; page: number }) {
  if (!can(actor, "read:household:any")) return { items: [], total: 0, page: 1, pageSize: HOUSEHOLD_PAGE_SIZE };
  const query = householdListQuery(f);
  const page = Math.max(1, f.page);
  const [{ total }, items] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    query
      .leftJoin("district as d", "d.id", "h.district_id")
      .select((eb) => [
        "h.id",
        "h.code",
        "d.name as district",
        "h.adults",
        eb.selectFrom("household_child").select((e) => e.fn.countAll<number>().as("n")).whereRef("household_id", "=", "h.id").as("children"),
        eb.selectFrom("donation_need").select((e) => e.fn.countAll<number>().as("n")).whereRef("household_id", "=", "h.id").where("status", "=", "open").as("openNeeds"),
      ])
      .orderBy("h.code")
      .limit(HOUSEHOLD_PAGE_SIZE)
      .offset((page - 1) * HOUSEHOLD_PAGE_SIZE)
      .execute(),
  ]);
  return { items, total: Number(total), page, pageSize: HOUSEHOLD_PAGE_SIZE };
}

async function loadHousehold(db: Kysely<DB>, id: number) {
  const h = await db
    .selectFrom("household as h")
    .leftJoin("district as d", "d.id", "h.district_id")
    .selectAll("h")
    .select("d.name as district")
    .where("h.id", "=", id)
    .where("h.erased_at", "is", null)
    .executeTakeFirst();
  if (!h) return null;
  const [languages, children, consents] = await Promise.all([
    db.selectFrom("household_language").select("language_code").where("household_id", "=", id).orderBy("language_code").execute(),
    db.selectFrom("household_child").select("birth_year").where("household_id", "=", id).orderBy("birth_year").execute(),
    db
      .selectFrom("household_consent as c")
      .innerJoin("household_consent_text as t", "t.id", "c.consent_text_id")
      .leftJoin("user as v", "v.id", "c.volunteer_user_id")
      .leftJoin("user as r", "r.id", "c.recorded_by")
      .select(["c.id", "c.purpose", "t.version", "t.title", "c.language_shown", "c.given_on", "c.recorded_at", "c.withdrawn_at", "v.name as volunteer", "r.name as recordedBy"])
      .where("c.household_id", "=", id)
      .orderBy("c.id", "desc")
      .execute(),
  ]);
  return { ...h, languages: languages.map((l) => l.language_code), childrenYears: children.map((c) => c.birth_year), consents };
}
export type HouseholdRecord = NonNullable<Awaited<ReturnType<typeof loadHousehold>>>;

/** For actions: the record without an access-log entry (the change itself is logged). */
export async function getHouseholdForStaff(actor: Actor, id: number) {
  if (!can(actor, "read:household:any")) return null;
  return loadHousehold(getDb(), id);
}

/** For pages: reading the record is written to the access log in the same transaction. */
export async function viewHousehold(actor: Actor, id: number, now = new Date()) {
  requirePermission(actor, "read:household:any");
  return transaction(async (trx) => {
    const h = await loadHousehold(trx, id);
    // `via`: the page, for the privacy desk's access log (issue #17).
    if (h) await recordView(trx, { actorUserId: actor.userId, entity: ENTITY, entityId: id, via: `/office/households/${id}`, now });
    return h;
  });
}

/** The newest version of every household consent text, per purpose and language (to show or hand out). */
export async function currentConsentTexts(db: Kysely<DB> = getDb()) {
  return db
    .selectFrom("household_consent_text as t")
    .select(["t.purpose", "t.locale", "t.version", "t.title", "t.body"])
    .where("t.version", "=", (eb) => eb.selectFrom("household_consent_text as n").select((e) => e.fn.max("n.version").as("v")).whereRef("n.purpose", "=", "t.purpose").whereRef("n.locale", "=", "t.locale"))
    .orderBy("t.purpose")
    .orderBy("t.locale")
    .execute();
}

/**
 * A consent recorded: a household the import brought in is no longer "consent to be recorded"
 * (migration 0055). Its imported needs become visible only with the donations consent: another
 * purpose clears the mark only when the household has no open need.
 */
export async function markConsentRecorded(trx: Kysely<DB>, householdId: number, purpose: HouseholdConsentPurpose) {
  if (purpose !== "donations") {
    const open = await trx.selectFrom("donation_need").select("id").where("household_id", "=", householdId).where("status", "=", "open").executeTakeFirst();
    if (open) return;
  }
  await trx.updateTable("household").set({ consent_pending: 0 }).where("id", "=", householdId).where("consent_pending", "=", 1).execute();
}

/** Is the donations consent in force (given, not withdrawn)? */
export async function hasDonationsConsent(db: Kysely<DB>, householdId: number): Promise<boolean> {
  const row = await db
    .selectFrom("household_consent")
    .select("id")
    .where("household_id", "=", householdId)
    .where("purpose", "=", "donations")
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  return !!row;
}

async function writeDetails(trx: Kysely<DB>, id: number, input: HouseholdInput) {
  await trx.deleteFrom("household_language").where("household_id", "=", id).execute();
  const langs = [...new Set(input.languages)];
  if (langs.length) {
    const known = await trx.selectFrom("language").select("code").where("code", "in", langs).execute();
    if (known.length !== langs.length) throw new AppError("errors.invalidChoice", 400, "languages");
    await trx.insertInto("household_language").values(langs.map((language_code) => ({ household_id: id, language_code }))).execute();
  }
  await trx.deleteFrom("household_child").where("household_id", "=", id).execute();
  if (input.childrenYears.length) await trx.insertInto("household_child").values(input.childrenYears.map((birth_year) => ({ household_id: id, birth_year }))).execute();
}

async function checkDistrict(trx: Kysely<DB>, districtId: number) {
  const d = await trx.selectFrom("district").select("id").where("id", "=", districtId).where("active", "=", 1).executeTakeFirst();
  if (!d) throw new AppError("errors.invalidChoice", 400, "districtId");
}

const toRow = (input: HouseholdInput) => ({
  contact_name: input.contactName,
  contact_name_key: germanSortKey(input.contactName),
  contact_phone: input.contactPhone ?? null,
  contact_email: input.contactEmail ?? null,
  street: input.street ?? null,
  district_id: input.districtId,
  adults: input.adults,
  notes: input.notes ?? null,
});

export async function createHousehold(actor: Actor, input: HouseholdInput, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:household:any");
  return transaction(async (trx) => {
    await checkDistrict(trx, input.districtId);
    const ts = now.toISOString();
    let code = newHouseholdCode();
    while (await trx.selectFrom("household").select("id").where("code", "=", code).executeTakeFirst()) code = newHouseholdCode();
    const { id } = await trx
      .insertInto("household")
      .values({ ...toRow(input), code, erased_at: null, created_by: actor.userId, created_at: ts, updated_at: ts })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeDetails(trx, id, input);
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: ENTITY, entityId: id, now });
    return id;
  });
}

export async function updateHousehold(actor: Actor, id: number, input: HouseholdInput, now = new Date()) {
  requirePermission(actor, "manage:household:any");
  await transaction(async (trx) => {
    await checkDistrict(trx, input.districtId);
    const r = await trx.updateTable("household").set({ ...toRow(input), updated_at: now.toISOString() }).where("id", "=", id).where("erased_at", "is", null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("errors.notFound", 404);
    await writeDetails(trx, id, input);
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: ENTITY, entityId: id, now });
  });
}
