import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMails } from "~/modules/mail/outbox.server";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { berlinDay } from "~/utils/dates";
import { getDb, transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { MESSAGE_SEND_LIMITS } from "./limits";
import { languageFor, recipientsWhere } from "./recipients.server";
import { MESSAGE_LOCALES, parseStoredFilter, type MessageTexts } from "./schema";

type Clock = () => Date;

export const optOutUrl = (token: string) => `${env().BASE_URL}/abmelden/${token}`;

/**
 * Claims a message in the state "sending" for this process: one nobody runs (just sent), or one
 * whose lease ran out (its process ended: a restart) — that one resumes after its cursor. False
 * when another process holds it or the message is not sending.
 */
async function claim(messageId: number, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const lease = new Date(now.getTime() + MESSAGE_SEND_LIMITS.leaseMs).toISOString();
  const res = await getDb()
    .updateTable("message")
    .set((eb) => ({
      lease_until: lease,
      // A lease that ran out means a run ended without finishing: this run resumes it.
      resumed_count: eb("resumed_count", "+", eb.case().when("lease_until", "is not", null).then(1).else(0).end()),
      updated_at: at,
    }))
    .where("id", "=", messageId)
    .where("status", "=", "sending")
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Sends (or resumes sending) one message: its recipients are read with the frozen filter on the
 * frozen day, in user id order after the cursor, a batch per transaction. Each batch writes the
 * recipient rows (primary key message + person: nobody twice), their outbox mails (each person's
 * language, a one-click opt-out link of their own, due `mailsPerMinute` a minute) and the message's
 * progress (count, cursor) together — so a restart between batches neither repeats nor skips
 * anyone. The opt-out, the account state and the filter are read when the batch is written.
 * `maxBatches` stops early (tests: the process "dies" in the middle); `batchSize` makes small
 * groups run in several batches (tests).
 */
export async function runMessageSend(messageId: number, opts: { clock?: Clock; maxBatches?: number; batchSize?: number } = {}): Promise<"done" | "stopped" | "not-claimed"> {
  const clock = opts.clock ?? (() => new Date());
  const batchSize = opts.batchSize ?? MESSAGE_SEND_LIMITS.batch;
  if (!(await claim(messageId, clock()))) return "not-claimed";
  const db = getDb();
  try {
    const message = await db.selectFrom("message").select(["id", "filter", "filter_day", "sent_at", "author_user_id"]).where("id", "=", messageId).executeTakeFirstOrThrow();
    const textRows = await db.selectFrom("message_text").select(["locale", "subject", "body"]).where("message_id", "=", messageId).execute();
    const texts: MessageTexts = {};
    for (const r of textRows) if ((MESSAGE_LOCALES as readonly string[]).includes(r.locale)) texts[r.locale as keyof MessageTexts] = { subject: r.subject, body: r.body };
    // Made once per run, before the transactions (it looks skill tags up through the derived cache);
    // its opt-out and account conditions are subqueries, read when each batch runs.
    const where = await recipientsWhere(parseStoredFilter(message.filter), message.filter_day ?? berlinDay(new Date(message.sent_at!)));
    let batches = 0;
    for (;;) {
      if (opts.maxBatches !== undefined && batches >= opts.maxBatches) return "stopped";
      const now = clock();
      const finished = await transaction(async (trx) => {
        const state = await trx.selectFrom("message").select(["status", "cursor", "queued_count", "recipient_count", "rate_anchor_at", "sent_at"]).where("id", "=", messageId).executeTakeFirstOrThrow();
        if (state.status !== "sending") return true;
        let q = trx
          .selectFrom("volunteer_profile as p")
          .innerJoin("user as u", "u.id", "p.user_id")
          .select(["u.id", "u.email", "u.name", "u.locale"])
          .where(where)
          .where((eb) => eb.not(eb.exists(eb.selectFrom("message_recipient as r").select("r.user_id").where("r.message_id", "=", messageId).whereRef("r.user_id", "=", "u.id"))));
        if (state.cursor !== null) q = q.where("u.id", ">", state.cursor);
        const people = await q.orderBy("u.id").limit(batchSize).execute();
        const at = now.toISOString();
        if (!people.length) {
          await trx.updateTable("message").set({ status: "done", lease_until: null, finished_at: at, updated_at: at, error: null }).where("id", "=", messageId).execute();
          await recordAudit(trx, {
            actorUserId: message.author_user_id,
            action: "send-done",
            entity: "message",
            entityId: messageId,
            details: { recipients: state.queued_count, counted: state.recipient_count },
            now,
          });
          return true;
        }
        // The rate limit counts from the anchor; after a long stop it moves so the rest is not due at once.
        const perMinute = MESSAGE_SEND_LIMITS.mailsPerMinute;
        const anchor = Math.max(Date.parse(state.rate_anchor_at ?? state.sent_at ?? at), now.getTime() - Math.floor(state.queued_count / perMinute) * 60_000);
        const planned = people.map((r, i) => {
          const locale = languageFor(r.locale, texts);
          const token = generateToken();
          const text = texts[locale]!;
          return {
            recipient: { message_id: messageId, user_id: r.id, locale, opt_out_token_hash: hashToken(token) },
            mail: {
              to: r.email,
              locale,
              template: "group-message" as const,
              data: { name: r.name, subject: text.subject, body: text.body, optOutUrl: optOutUrl(token) },
              notBefore: new Date(anchor + Math.floor((state.queued_count + i) / perMinute) * 60_000),
              listUnsubscribe: optOutUrl(token),
            },
          };
        });
        const outboxIds = await enqueueMails(trx, planned.map((p) => p.mail), now);
        const rows = planned.map((p, i) => ({ ...p.recipient, outbox_id: outboxIds[i] }));
        // 5 values a row: well below SQLite's limit of bound values per statement.
        await trx.insertInto("message_recipient").values(rows).execute();
        await trx
          .updateTable("message")
          .set((eb) => ({
            queued_count: eb("queued_count", "+", rows.length),
            cursor: people[people.length - 1].id,
            rate_anchor_at: new Date(anchor).toISOString(),
            lease_until: new Date(now.getTime() + MESSAGE_SEND_LIMITS.leaseMs).toISOString(),
            failures: 0,
            error: null,
            updated_at: at,
          }))
          .where("id", "=", messageId)
          .execute();
        return false;
      });
      if (finished) return "done";
      batches++;
    }
  } catch (err) {
    logger.error("message send failed", { messageId, err });
    const at = clock().toISOString();
    // The lease is given back: the next round tries again from the cursor; after a few errors in a row the message is marked failed.
    const { failures } = await db.selectFrom("message").select("failures").where("id", "=", messageId).executeTakeFirstOrThrow();
    const failed = failures + 1 >= MESSAGE_SEND_LIMITS.maxFailures;
    await db
      .updateTable("message")
      .set({ failures: failures + 1, status: failed ? "failed" : "sending", error: "messages:errors.sendFailed", lease_until: null, finished_at: failed ? at : null, updated_at: at })
      .where("id", "=", messageId)
      .where("status", "=", "sending")
      .execute();
    return "stopped";
  }
}

/** Runs every message that is sending and not held by a live process (the background loop calls this). */
export async function runDueMessages(clock: Clock = () => new Date()): Promise<number> {
  const at = clock().toISOString();
  const due = await getDb()
    .selectFrom("message")
    .select("id")
    .where("status", "=", "sending")
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
    .orderBy("id")
    .execute();
  let n = 0;
  for (const m of due) if ((await runMessageSend(m.id, { clock })) === "done") n++;
  return n;
}
