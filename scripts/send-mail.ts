// npm run send-mail — finishes group messages being sent (their recipients into the outbox), then
// delivers due outbox messages once (for cron; the server also does both).
import { deliverDueMail } from "~/modules/mail/sender.server";
import { runDueMessages } from "~/modules/messages/send-job.server";
import { closeDb } from "~/utils/db.server";
import { loadEnvOrExit } from "./lib";

const env = loadEnvOrExit();
const finished = await runDueMessages();
if (finished) console.log(`Group messages written to the outbox: ${finished}.`);
if (!env.SMTP_URL) {
  console.log("SMTP_URL is not set: messages stay in the outbox (/office/outbox).");
} else {
  let total = { sent: 0, failed: 0 };
  for (;;) {
    const r = await deliverDueMail({ limit: 100 });
    total = { sent: total.sent + r.sent, failed: total.failed + r.failed };
    if (r.sent + r.failed < 100) break;
  }
  console.log(`Sent ${total.sent}, failed ${total.failed}.`);
}
await closeDb();
