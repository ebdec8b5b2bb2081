import { sql, type Kysely } from "kysely";
import type { ConsentPurpose, DB } from "@db/schema";
import { isUiLanguage } from "~/i18n/config";
import { getDb } from "~/utils/db.server";
import { forbidden } from "~/utils/errors";
import type { Actor } from "~/auth/permissions";
import { CONSENT_PURPOSES, DECLARATION_PURPOSE, maySeeOthersPersonalData } from "./policy";

type Exec = Kysely<DB>;

/** The newest version of each consent text, in the reader's language (German if missing). */
export async function getCurrentConsentTexts(locale: string, db: Exec = getDb()) {
  const lang = isUiLanguage(locale) ? locale : "de";
  const rows = await db
    .selectFrom("consent_text as t")
    .select(["t.id", "t.purpose", "t.version", "t.locale", "t.title", "t.body"])
    .where("t.locale", "in", [lang, "de"])
    .where("t.version", "=", (eb) => eb.selectFrom("consent_text as n").select((e) => e.fn.max("n.version").as("v")).whereRef("n.purpose", "=", "t.purpose"))
    .execute();
  const pick = (purpose: ConsentPurpose) => rows.find((r) => r.purpose === purpose && r.locale === lang) ?? rows.find((r) => r.purpose === purpose)!;
  return { data: pick("volunteer-data"), confidentiality: pick("confidentiality") };
}

/** Consents in force: given to the newest version of the text and not withdrawn. */
async function currentConsentPurposes(db: Exec, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("consent_record as r")
    .innerJoin("consent_text as t", "t.id", "r.consent_text_id")
    .select("r.purpose")
    .where("r.user_id", "=", userId)
    .where("r.withdrawn_at", "is", null)
    .where("t.version", "=", (eb) => eb.selectFrom("consent_text as n").select((e) => e.fn.max("n.version").as("v")).whereRef("n.purpose", "=", "r.purpose"))
    .execute();
  return new Set(rows.map((r) => r.purpose));
}

/**
 * For later modules: may refugees' data be shown to this user? Only with both the consent
 * to data processing and the confidentiality declaration in force (newest text version).
 */
export async function hasRequiredConsents(userId: string, db: Exec = getDb()): Promise<boolean> {
  const purposes = await currentConsentPurposes(db, userId);
  return CONSENT_PURPOSES.every((p) => purposes.has(p));
}

/** Is the user's confidentiality declaration in force (newest text version, not withdrawn)? */
export async function hasValidDeclaration(userId: string, db: Exec = getDb()): Promise<boolean> {
  return (await currentConsentPurposes(db, userId)).has(DECLARATION_PURPOSE);
}

/**
 * Guard of every view that shows other people's personal data to a non-staff actor: without
 * the declaration (when the actor needs one, `maySeeOthersPersonalData`) the view is refused (403).
 */
export async function requireDeclarationToSeeOthers(actor: Actor, db: Exec = getDb()) {
  if (maySeeOthersPersonalData(actor, true) && !maySeeOthersPersonalData(actor, false)) {
    if (!(await hasValidDeclaration(actor.userId, db))) throw forbidden();
  }
}

/**
 * The same rule as SQL, for lists of volunteers: the ids of users whose confidentiality
 * declaration is in force. Use as `.where("p.user_id", "in", usersWithValidDeclaration(db))`.
 */
export function usersWithValidDeclaration(db: Exec = getDb()) {
  return db
    .selectFrom("consent_record as dr")
    .innerJoin("consent_text as dt", "dt.id", "dr.consent_text_id")
    .select("dr.user_id")
    .where("dr.purpose", "=", DECLARATION_PURPOSE)
    .where("dr.withdrawn_at", "is", null)
    .where("dt.version", "=", (e) => e.selectFrom("consent_text as dn").select((x) => x.fn.max("dn.version").as("v")).where("dn.purpose", "=", DECLARATION_PURPOSE));
}

/**
 * The same rule as a correlated test on one user id column (`userColumn`, e.g. "sp.user_id"): for a
 * query that already has its candidates, it probes the consent index per row instead of listing
 * every declaration (the list reads all consent records: 10 ms on 20,000 of them).
 */
export function hasValidDeclarationSql(db: Exec, userColumn: string) {
  return db
    .selectFrom("consent_record as dr")
    .innerJoin("consent_text as dt", "dt.id", "dr.consent_text_id")
    .select(sql.lit(1).as("one"))
    .where("dr.user_id", "=", sql.ref<string>(userColumn))
    .where("dr.purpose", "=", DECLARATION_PURPOSE)
    .where("dr.withdrawn_at", "is", null)
    .where("dt.version", "=", (e) => e.selectFrom("consent_text as dn").select((x) => x.fn.max("dn.version").as("v")).where("dn.purpose", "=", DECLARATION_PURPOSE));
}

/** Every consent record of a user with its text version and language (newest first). */
export async function listConsentRecords(userId: string, db: Exec = getDb()) {
  return db
    .selectFrom("consent_record as r")
    .innerJoin("consent_text as t", "t.id", "r.consent_text_id")
    .select(["r.id", "r.purpose", "r.given_at", "r.withdrawn_at", "t.version", "t.locale", "t.title"])
    .where("r.user_id", "=", userId)
    .orderBy("r.id", "desc")
    .execute();
}

/** Records consent to the shown texts (inside the caller's transaction). */
export async function giveConsents(trx: Exec, args: { userId: string; textIds: number[]; now: Date }) {
  const texts = await trx.selectFrom("consent_text").select(["id", "purpose"]).where("id", "in", args.textIds).execute();
  const active = await currentConsentPurposes(trx, args.userId);
  for (const t of texts) {
    if (active.has(t.purpose)) continue;
    await trx.insertInto("consent_record").values({ user_id: args.userId, purpose: t.purpose, consent_text_id: t.id, given_at: args.now.toISOString(), withdrawn_at: null }).execute();
  }
}
