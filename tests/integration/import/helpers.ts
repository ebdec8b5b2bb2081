/** Shared set-up of the import tests (not a test file itself). */
import type { Actor } from "../../../app/auth/permissions";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";

export async function officeActor(): Promise<Actor & { id: string }> {
  const u = await createTestUser(getDb(), { roles: ["coordinator"], name: "Kora Import" });
  return { id: u.id, userId: u.id, email: u.email, name: "Kora Import", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
}

/** A CSV text as bytes: UTF-8 (optionally with BOM) or Windows-1252 (Latin-1 covers the umlauts). */
export function csvBytes(rows: string[][], opts: { delimiter?: string; encoding?: "utf-8" | "windows-1252"; bom?: boolean } = {}): Uint8Array {
  const d = opts.delimiter ?? ";";
  const text = rows.map((r) => r.map((c) => (/[";\n,\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(d)).join("\r\n") + "\r\n";
  if (opts.encoding === "windows-1252") return new Uint8Array(Buffer.from(text, "latin1"));
  return new Uint8Array(Buffer.from((opts.bom ? "\uFEFF" : "") + text, "utf8"));
}

export const db = () => getDb();

export async function rowsOf(batchId: number) {
  return db().selectFrom("import_row").selectAll().where("batch_id", "=", batchId).orderBy("row_no").execute();
}

export async function userByEmail(email: string) {
  return db().selectFrom("user as u").innerJoin("volunteer_profile as p", "p.user_id", "u.id").selectAll().where("u.email", "=", email).executeTakeFirst();
}
