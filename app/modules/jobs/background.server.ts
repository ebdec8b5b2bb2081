import { deliverDueMail } from "~/modules/mail/sender.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { runDailyJobs } from "./daily.server";
import { runDueImports } from "~/modules/import/run.server";
import { runDueMessages } from "~/modules/messages/send-job.server";
import { registerBackgroundStop } from "./stop";

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
  let stopping = false;
  const timers: NodeJS.Timeout[] = [];
  // Each job runs one round at a time; `running` holds the rounds under way, for a stop to wait for.
  const running = new Set<Promise<void>>();
  const job = (name: string, round: () => Promise<unknown>) => {
    let current: Promise<void> | undefined;
    return () => {
      if (current || stopping) return;
      current = round()
        .then(() => undefined)
        .catch((err: unknown) => logger.error(`${name} failed`, { err }))
        .finally(() => {
          running.delete(current!);
          current = undefined;
        });
      running.add(current);
    };
  };
  const every = (ms: number, run: () => void) => timers.push(setInterval(run, ms).unref());

  every(e.OUTBOX_POLL_MS, job("mail sender", () => deliverDueMail({ shouldStop: () => stopping })));
  // Spreadsheet imports: queued ones start, ones whose process ended resume (lease run out).
  every(2_000, job("import runner", () => runDueImports()));
  // Messages to groups: the send job writes recipients in batches; a restart resumes (lease run out).
  const messages = job("message sender", () => runDueMessages());
  g[NUDGE] = messages;
  every(2_000, messages);
  const daily = job("daily job", () => runDailyJobs());
  timers.push(setTimeout(daily, 5_000).unref());
  every(15 * 60_000, daily);

  registerBackgroundStop(async () => {
    stopping = true;
    for (const t of timers) clearTimeout(t);
    await Promise.all([...running]);
  });
}
