import { deliverDueMail } from "~/modules/mail/sender.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { runDailyJobs } from "./daily.server";
import { runDueImports } from "~/modules/import/run.server";
import { runDueMessages } from "~/modules/messages/send-job.server";

const KEY = Symbol.for("ehrenamt-hub.background");
const NUDGE = Symbol.for("ehrenamt-hub.background.messages");
type G = typeof globalThis & { [KEY]?: boolean; [NUDGE]?: () => void };

/**
 * Starts the message send job at once (after the office pressed send) instead of at the next
 * round; does nothing where the background jobs do not run (tests; with `BACKGROUND_JOBS=false`
 * `npm run send-mail` runs the job before it delivers).
 */
export function nudgeMessageSends() {
  (globalThis as G)[NUDGE]?.();
}

/** Starts the mail sender and the daily job inside the server process (once per process). */
export function startBackgroundJobs() {
  const g = globalThis as G;
  if (g[KEY]) return;
  let e;
  try {
    e = env();
  } catch {
    return;
  }
  if (!e.BACKGROUND_JOBS || e.NODE_ENV === "test") return;
  g[KEY] = true;
  let sending = false;
  const mailTimer = setInterval(async () => {
    if (sending) return;
    sending = true;
    try {
      await deliverDueMail();
    } catch (err) {
      logger.error("mail sender failed", { err });
    } finally {
      sending = false;
    }
  }, e.OUTBOX_POLL_MS);
  mailTimer.unref();
  const daily = async () => {
    try {
      await runDailyJobs();
    } catch (err) {
      logger.error("daily job failed", { err });
    }
  };
  // Spreadsheet imports: queued ones start, ones whose process ended resume (lease run out).
  let importing = false;
  setInterval(async () => {
    if (importing) return;
    importing = true;
    try {
      await runDueImports();
    } catch (err) {
      logger.error("import runner failed", { err });
    } finally {
      importing = false;
    }
  }, 2_000).unref();
  // Messages to groups: the send job writes recipients in batches; a restart resumes (lease run out).
  let messaging = false;
  const messages = async () => {
    if (messaging) return;
    messaging = true;
    try {
      await runDueMessages();
    } catch (err) {
      logger.error("message sender failed", { err });
    } finally {
      messaging = false;
    }
  };
  g[NUDGE] = () => void messages();
  setInterval(messages, 2_000).unref();
  setTimeout(daily, 5_000).unref();
  setInterval(daily, 15 * 60_000).unref();
}
