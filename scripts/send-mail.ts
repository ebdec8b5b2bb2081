// npm run send-mail — delivers due outbox messages once (for cron; the server also does it).
import { deliverDueMail } from "~/modules/mail/sender.server";
import { closeDb } from "~/utils/db.server";
import { loadEnvOrExit } from "./lib";

const env = loadEnvOrExit();
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
