import { expressionBuilder, type Kysely } from "kysely";
import type { DB } from "@db/schema";
import { volunteerListWhere } from "~/modules/volunteers/list.server";
import { assignedTo } from "~/modules/volunteers/scope.server";
import { getDb } from "~/utils/db.server";
import type { MessageFilter, MessageLocale, MessageTexts } from "./schema";

/**
 * Who a message reaches: active volunteers matching the filter with the volunteer list's own
 * conditions (`volunteerListWhere`: district, field, spoken language, a part of a skill; erased
 * profiles never), whose account is confirmed and not blocked, and who have not opted out; plus
 * willingness to sponsor and a current or upcoming assignment with an association.
 */
export async function recipientsWhere(f: MessageFilter, today: string) {
  const db = getDb();
  const eb = expressionBuilder<{ p: DB["volunteer_profile"] }, "p">();
  const listed = await volunteerListWhere({ kind: "office" }, { districtId: f.districtId, fieldId: f.fieldId, language: f.language, skill: f.skill, status: "active", page: 1 }, today);
  const conditions = [
    listed,
    eb("p.user_id", "in", db.selectFrom("user").select("id").where("email_verified_at", "is not", null).where("disabled_at", "is", null)),
    eb("p.user_id", "not in", db.selectFrom("message_opt_out").select("user_id")),
  ];
  if (f.sponsor === "yes") conditions.push(eb("p.user_id", "in", db.selectFrom("sponsor_profile").select("user_id").where("willing", "=", 1)));
  if (f.sponsor === "no") conditions.push(eb("p.user_id", "not in", db.selectFrom("sponsor_profile").select("user_id").where("willing", "=", 1)));
  if (f.organisationId) conditions.push(eb("p.user_id", "in", assignedTo([f.organisationId], today)));
  return eb.and(conditions);
}

/** How many would receive a message with this filter today. */
export async function countRecipients(f: MessageFilter, today: string, db: Kysely<DB> = getDb()): Promise<number> {
  const where = await recipientsWhere(f, today);
  const { n } = await db
    .selectFrom("volunteer_profile as p")
    .where(where)
    .select((e) => e.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** A recipient's language: their own if the message was written in it, else German. */
export function languageFor(userLocale: string, texts: MessageTexts): MessageLocale {
  return (Object.keys(texts) as MessageLocale[]).find((l) => l === userLocale) ?? "de";
}
