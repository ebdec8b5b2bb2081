import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// Group messages are sent by a background job (issue #17, ADR 0047): the send command only records
// the message as "sending" with its frozen filter, the day the filter is read on and the expected
// count; the job writes the recipients and their outbox mails in batches, a transaction each.
// - `status`: draft | sending | done | failed (messages sent before this migration: done).
// - `filter_day`: the Berlin day the filter's "current or upcoming assignment" is read on.
// - `queued_count`: recipients written so far (n of `recipient_count`).
// - `cursor`: the last user id the job looked at (batches go in user id order).
// - `lease_until`: while a process runs the job (a restart: the lease runs out, another run resumes).
// - `rate_anchor_at`: when the message's first mail became due (the rate limit counts from it).
// - `resumed_count`, `failures`, `error`, `finished_at`: the run's story for the message page.
// The unique key per message and recipient is `message_recipient`'s primary key (migration 0047).

export function migration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("message").addColumn("status", "text", (c) => c.notNull().defaultTo("draft")).execute();
      await db.schema.alterTable("message").addColumn("filter_day", "text").execute();
      await db.schema.alterTable("message").addColumn("queued_count", "integer", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable("message").addColumn("cursor", "text").execute();
      await db.schema.alterTable("message").addColumn("lease_until", "text").execute();
      await db.schema.alterTable("message").addColumn("rate_anchor_at", "text").execute();
      await db.schema.alterTable("message").addColumn("resumed_count", "integer", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable("message").addColumn("failures", "integer", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable("message").addColumn("error", "text").execute();
      await db.schema.alterTable("message").addColumn("finished_at", "text").execute();
      await db
        .updateTable("message")
        .set({
          status: "done",
          queued_count: sql`(select count(*) from message_recipient r where r.message_id = message.id)`,
          rate_anchor_at: sql`sent_at`,
          finished_at: sql`sent_at`,
        })
        .where("sent_at", "is not", null)
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const c of ["finished_at", "error", "failures", "resumed_count", "rate_anchor_at", "lease_until", "cursor", "queued_count", "filter_day", "status"]) {
        await db.schema.alterTable("message").dropColumn(c).execute();
      }
    },
  };
}
