import type { Kysely } from "kysely";
import type { DB, LegalForm } from "@db/schema";
import { getDb } from "~/utils/db.server";
import { derived } from "~/utils/derived-cache.server";
import { AppError } from "~/utils/errors";
import type { AssociationKind } from "./schema";

/** The organisation's coarse legal form (insurance rules of the coverage module) from the finer kind. */
export function legalFormOf(kind: AssociationKind): LegalForm {
  return kind === "registered_association" ? "registered_association" : kind === "initiative" ? "initiative" : "other";
}

/**
 * Districts, fields of action and languages for the forms and the directory's filters: on every
 * public directory and offer page, so kept in the derived cache under the scope their tables bump
 * ("organisations", migration 0037), as `getLookups` of the volunteer lists: one version read instead
 * of three queries (three round trips on PostgreSQL), and a change is seen by the next read.
 */
export async function associationOptions() {
  return derived("association-options", ["organisations"], async () => {
    const db = getDb();
    const [districts, fields, languages] = await Promise.all([
      db.selectFrom("district").select(["id", "name"]).where("active", "=", 1).orderBy("sort_order").orderBy("id").execute(),
      db.selectFrom("field_of_action").select(["id", "slug", "name"]).where("active", "=", 1).orderBy("sort_order").orderBy("id").execute(),
      db.selectFrom("language").select(["code", "name_native", "name_de"]).orderBy("sort_order").orderBy("code").execute(),
    ]);
    return { districts, fields, languages };
  });
}
export type AssociationOptions = Awaited<ReturnType<typeof associationOptions>>;

/** Checks ids from a form against the master data (a tampered id is a message at the field, never a 500). */
export async function checkLookups(trx: Kysely<DB>, args: { districtId?: number | null; fieldIds?: number[]; languageCodes?: string[]; districtField?: string; fieldsField?: string; languagesField?: string }) {
  if (args.districtId != null) {
    const d = await trx.selectFrom("district").select("id").where("id", "=", args.districtId).where("active", "=", 1).executeTakeFirst();
    if (!d) throw new AppError("errors.invalidChoice", 400, args.districtField ?? "districtId");
  }
  const fieldIds = [...new Set(args.fieldIds ?? [])];
  if (fieldIds.length) {
    const found = await trx.selectFrom("field_of_action").select("id").where("id", "in", fieldIds).where("active", "=", 1).execute();
    if (found.length !== fieldIds.length) throw new AppError("errors.invalidChoice", 400, args.fieldsField ?? "fields");
  }
  const codes = [...new Set(args.languageCodes ?? [])];
  if (codes.length) {
    const found = await trx.selectFrom("language").select("code").where("code", "in", codes).execute();
    if (found.length !== codes.length) throw new AppError("errors.invalidChoice", 400, args.languagesField ?? "languages");
  }
}
