import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions";
import { getDb } from "~/utils/db.server";

/**
 * The consent report (issue #17): per consent text (purpose and version) and language, how many
 * consents were given and how many of them are withdrawn, for volunteers' accounts and households
 * apart. Counts only; no person is named.
 */
export type ConsentFigure = { purpose: string; version: number; language: string; given: number; withdrawn: number };

export async function consentReport(actor: Actor): Promise<{ volunteers: ConsentFigure[]; households: ConsentFigure[] }> {
  requirePermission(actor, "manage:privacy");
  const db = getDb();
  const [volunteers, households] = await Promise.all([
    db
      .selectFrom("consent_record as r")
      .innerJoin("consent_text as t", "t.id", "r.consent_text_id")
      .select((eb) => ["t.purpose", "t.version", "t.locale as language", eb.fn.countAll<number>().as("given"), eb.fn.count<number>("r.withdrawn_at").as("withdrawn")])
      .groupBy(["t.purpose", "t.version", "t.locale"])
      .orderBy("t.purpose")
      .orderBy("t.version")
      .orderBy("t.locale")
      .execute(),
    db
      .selectFrom("household_consent as c")
      .innerJoin("household_consent_text as t", "t.id", "c.consent_text_id")
      .select((eb) => ["t.purpose", "t.version", "c.language_shown as language", eb.fn.countAll<number>().as("given"), eb.fn.count<number>("c.withdrawn_at").as("withdrawn")])
      .groupBy(["t.purpose", "t.version", "c.language_shown"])
      .orderBy("t.purpose")
      .orderBy("t.version")
      .orderBy("c.language_shown")
      .execute(),
  ]);
  const norm = (r: { purpose: string; version: number; language: string; given: number | string; withdrawn: number | string }) => ({ ...r, version: Number(r.version), given: Number(r.given), withdrawn: Number(r.withdrawn) });
  return { volunteers: volunteers.map(norm), households: households.map(norm) };
}
