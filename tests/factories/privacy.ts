/**
 * Privacy desk records for tests and the demo seed (issue #17): a request of a data subject,
 * valid by default (an access request of a volunteer, received today), with overrides.
 */
import type { Kysely } from "kysely";
import type { DB, PrivacyRequestKind, PrivacySubjectKind } from "../../db/schema";
import { dueDay } from "../../app/modules/privacy/deadline";

export async function createTestPrivacyRequest(
  db: Kysely<DB>,
  opts: {
    kind?: PrivacyRequestKind;
    subjectKind?: PrivacySubjectKind;
    volunteerId?: string | null;
    householdId?: number | null;
    requesterName?: string;
    receivedOn?: string;
    identityCheckedBy?: string | null;
    createdBy?: string | null;
    status?: "open" | "closed";
  } = {},
): Promise<{ id: number }> {
  const now = new Date().toISOString();
  const receivedOn = opts.receivedOn ?? now.slice(0, 10);
  const subjectKind = opts.subjectKind ?? (opts.householdId ? "household" : opts.volunteerId ? "volunteer" : "other");
  const row = await db
    .insertInto("privacy_request")
    .values({
      kind: opts.kind ?? "access",
      subject_kind: subjectKind,
      volunteer_user_id: opts.volunteerId ?? null,
      household_id: opts.householdId ?? null,
      requester_name: opts.requesterName ?? "Testperson Anfrage",
      channel: "letter",
      received_on: receivedOn,
      due_on: dueDay(receivedOn),
      extended_due_on: null,
      extension_reason: null,
      identity_method: opts.identityCheckedBy ? "id-document" : null,
      identity_checked_at: opts.identityCheckedBy ? now : null,
      identity_checked_by: opts.identityCheckedBy ?? null,
      note: null,
      status: opts.status ?? "open",
      outcome: opts.status === "closed" ? "answered" : null,
      outcome_note: opts.status === "closed" ? "Auskunft per Brief" : null,
      closed_at: opts.status === "closed" ? now : null,
      closed_by: null,
      created_by: opts.createdBy ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("privacy_request_event").values({ request_id: row.id, action: "created", note: null, by_user_id: opts.createdBy ?? null, at: now }).execute();
  return { id: row.id };
}
