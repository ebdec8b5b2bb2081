import nodemailer, { type Transporter } from "nodemailer";
import { requirePermission, type Actor } from "~/auth/permissions";
import { getDb } from "~/utils/db.server";
import { parseAttachments } from "./outbox.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

const LEASE_SECONDS = 120;

/** Back-off after the n-th failed attempt: 30 s, 1 min, 2 min, … capped at 1 h. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

let transport: { url: string; t: Transporter } | undefined;
function getTransport(url: string): Transporter {
  if (!transport || transport.url !== url) {
    transport = { url, t: nodemailer.createTransport(url) };
  }
  return transport.t;
}

/**
 * Delivers due messages. Each message is claimed with a lease (one atomic UPDATE), so two
 * senders (server and cron) never send the same message; it is marked sent only after the
 * SMTP server accepted it, and keeps its Message-ID on every retry so a receiver can
 * recognise a repeat after a crash between acceptance and marking.
 * Without SMTP_URL nothing is sent: mail stays in the outbox for admins to read.
 */
export async function deliverDueMail(opts: { now?: Date; limit?: number; shouldStop?: () => boolean } = {}): Promise<{ sent: number; failed: number }> {
  const e = env();
  if (!e.SMTP_URL) return { sent: 0, failed: 0 };
  const db = getDb();
  const now = opts.now ?? new Date();
  const nowIso = now.toISOString();
  const due = await db
    .selectFrom("outbox")
    .select(["id"])
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", nowIso)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", nowIso)]))
    .orderBy("id")
    .limit(opts.limit ?? 50)
    .execute();

  let sent = 0;
  let failed = 0;
  for (const { id } of due) {
    // A stopping server sends the message it has started, then claims no further one.
    if (opts.shouldStop?.()) break;
    const leaseUntil = new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString();
    const claimed = await db
      .updateTable("outbox")
      .set({ lease_until: leaseUntil })
      .where("id", "=", id)
      .where("status", "=", "pending")
      // Re-checked here: another sender may have tried it since the list was read (back-off holds).
      .where("next_attempt_at", "<=", nowIso)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", nowIso)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const msg = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    try {
      await getTransport(e.SMTP_URL).sendMail({
        from: e.MAIL_FROM,
        to: msg.to_address,
        subject: msg.subject,
        html: msg.html,
        text: msg.text,
        messageId: msg.message_id,
        attachments: parseAttachments(msg.attachments).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        headers: {
          "Content-Language": msg.locale,
          "Auto-Submitted": "auto-generated",
          // One-click opt-out of group messages (RFC 8058): the address answers a POST without login.
          ...(msg.list_unsubscribe ? { "List-Unsubscribe": `<${msg.list_unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {}),
        },
      });
      await db
        .updateTable("outbox")
        .set({ status: "sent", sent_at: new Date().toISOString(), lease_until: null, attempts: msg.attempts + 1, last_error: null })
        .where("id", "=", id)
        .execute();
      sent++;
    } catch (err) {
      const attempts = msg.attempts + 1;
      const giveUp = attempts >= e.OUTBOX_MAX_ATTEMPTS;
      await db
        .updateTable("outbox")
        .set({
          status: giveUp ? "failed" : "pending",
          attempts,
          lease_until: null,
          last_error: err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500),
          next_attempt_at: new Date(now.getTime() + backoffSeconds(attempts) * 1000).toISOString(),
        })
        .where("id", "=", id)
        .execute();
      failed++;
      logger.warn("mail delivery failed", { outboxId: id, attempts, giveUp, err });
    }
  }
  return { sent, failed };
}

/** Admin action: put a failed message back in the queue. */
export async function retryMessage(actor: Actor, id: number): Promise<boolean> {
  requirePermission(actor, "manage:outbox:any");
  const r = await getDb()
    .updateTable("outbox")
    .set({ status: "pending", attempts: 0, next_attempt_at: new Date().toISOString(), lease_until: null })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
