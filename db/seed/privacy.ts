/**
 * The privacy desk in the demo (issue #17), fictitious: one open access request of the demo
 * volunteer Tomasz Beispiel, received 20 days ago and with the identity checked, so the office
 * sees it in the inbox (due within the next 11 days) and can run the export from it.
 */
import type { Kysely } from "kysely";
import { createTestPrivacyRequest } from "../../tests/factories/privacy";
import type { DB } from "../schema";

export async function seedPrivacyDemo(db: Kysely<DB>) {
  const volunteer = await db.selectFrom("user").select("id").where("email", "=", "ehrenamt@example.org").executeTakeFirst();
  const office = await db.selectFrom("user").select("id").where("email", "=", "koordination@example.org").executeTakeFirst();
  if (!volunteer) return;
  const receivedOn = new Date(Date.now() - 20 * 86400_000).toISOString().slice(0, 10);
  await createTestPrivacyRequest(db, { kind: "access", volunteerId: volunteer.id, requesterName: "Tomasz Beispiel", receivedOn, identityCheckedBy: office?.id ?? null, createdBy: office?.id ?? null });
}
