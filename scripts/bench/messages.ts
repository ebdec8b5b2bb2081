/**
 * Queueing a message to a county's volunteers (issue #17, ADR 0047): the office sends to N active
 * volunteers (default 10,000); the send command's one short transaction, then the send job writing
 * every recipient row and outbox mail in batches. Reports the time of each step and the peak
 * memory (RSS and heap, sampled every 50 ms), against a fresh database (SQLite in a temp file, or
 * PostgreSQL with DATABASE_URL).
 *
 *   nice -n 10 npx tsx scripts/bench/messages.ts [volunteers]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const n = Number(process.argv[2] ?? 10_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eh-messages-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.sqlite");
process.env.BASE_URL ??= "http://localhost:3000";
process.env.LOG_LEVEL = "silent";
process.env.NODE_ENV = "test";

const { getDb, closeDb, getEngine } = await import("../../app/utils/db.server");
const { migrateToLatest } = await import("../../db/database");
const { sendMessage } = await import("../../app/modules/messages/commands.server");
const { runMessageSend } = await import("../../app/modules/messages/send-job.server");
const { germanSortKey } = await import("../../app/utils/text-keys");
const { berlinDay } = await import("../../app/utils/dates");

await migrateToLatest(getDb());
const db = getDb();
const now = new Date().toISOString();
await db.insertInto("user").values({ id: "benchoffice01", email: "bench.office@example.org", name: "Bench Office", name_key: germanSortKey("Bench Office"), password_hash: "!", email_verified_at: now, locale: "de", disabled_at: null, created_at: now, updated_at: now }).execute();
await db.insertInto("user_role").values({ user_id: "benchoffice01", role: "coordinator", created_at: now }).execute();
const actor = { userId: "benchoffice01", email: "bench.office@example.org", name: "Bench Office", locale: "de", emailVerified: true, roles: ["coordinator" as const], organisationIds: [] };

// N active, confirmed volunteers (fictitious), a third with Arabic as their UI language.
const district = (await db.selectFrom("district").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
for (let i = 0; i < n; i += 500) {
  const ids = Array.from({ length: Math.min(500, n - i) }, (_, k) => i + k);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("user")
      .values(ids.map((k) => ({ id: `benchvol${String(k).padStart(6, "0")}`, email: `bench${k}@example.org`, name: `Bench Person ${k}`, name_key: germanSortKey(`Bench Person ${k}`), password_hash: "!", email_verified_at: now, locale: k % 3 ? "de" : "ar", disabled_at: null, created_at: now, updated_at: now })))
      .execute();
    await trx
      .insertInto("volunteer_profile")
      .values(ids.map((k) => ({ user_id: `benchvol${String(k).padStart(6, "0")}`, phone: null, district_id: district, has_car: 0, gender: null, birth_year: null, status: "active" as const, status_changed_at: now, intake_on: null, intake_notes: null, erased_at: null, created_at: now, updated_at: now })))
      .execute();
  });
}

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const timer = setInterval(sample, 50);
const startRss = process.memoryUsage().rss;
const t = (label: string, since: number) => console.log(`${label.padEnd(34)} ${((performance.now() - since) / 1000).toFixed(2)} s`);

const texts = { de: { subject: "Sprachcafé sucht Helfende", body: "Liebe Ehrenamtliche,\n\nam Samstag brauchen wir Hilfe." }, ar: { subject: "مقهى اللغة يبحث عن متطوعين", body: "أعزاءنا المتطوعين،\n\nنحتاج إلى المساعدة يوم السبت." } };
const t0 = performance.now();
let s = performance.now();
const sent = await sendMessage(actor, { filter: {}, texts, today: berlinDay(new Date()) });
t("send command (one transaction)", s);
s = performance.now();
const result = await runMessageSend(sent.id);
t("send job (recipients + outbox)", s);
const total = (performance.now() - t0) / 1000;
clearInterval(timer);
sample();
const m = await db.selectFrom("message").select(["status", "recipient_count", "queued_count"]).where("id", "=", sent.id).executeTakeFirstOrThrow();
const { outbox } = await db.selectFrom("outbox").select((e) => e.fn.countAll<number>().as("outbox")).executeTakeFirstOrThrow();
console.log(`engine ${getEngine()}, ${n} volunteers: job ${result}; message ${JSON.stringify(m)}; outbox rows ${outbox}`);
console.log(`total ${total.toFixed(2)} s; peak RSS ${(peakRss / 1048576).toFixed(0)} MiB (start ${(startRss / 1048576).toFixed(0)} MiB), peak heap ${(peakHeap / 1048576).toFixed(0)} MiB`);
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
if (m.status !== "done" || m.queued_count !== n || Number(outbox) !== n) {
  console.error("not every recipient was queued");
  process.exit(1);
}
