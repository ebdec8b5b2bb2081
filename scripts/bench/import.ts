/**
 * The import's speed goal (issue #17): 10,000 volunteer rows validated and imported in under 60 s,
 * memory bounded. Runs the module's own path — upload (CSV parse), header, mapping with the
 * validation and dry run of every row, the background run — against a fresh database (SQLite in a
 * temp file, or PostgreSQL with DATABASE_URL), and reports the time of each step and the peak
 * memory (RSS and heap, sampled every 50 ms).
 *
 *   nice -n 10 npx tsx scripts/bench/import.ts [rows]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const rows = Number(process.argv[2] ?? 10_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eh-import-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.sqlite");
process.env.BASE_URL ??= "http://localhost:3000";
process.env.LOG_LEVEL = "silent";
process.env.NODE_ENV = "test";

const { getDb, closeDb, getEngine } = await import("../../app/utils/db.server");
const { migrateToLatest } = await import("../../db/database");
const { createBatch, setHeaderRow, mappingView, saveMapping, confirmBatch, dryRun } = await import("../../app/modules/import/batches.server");
const { runBatch } = await import("../../app/modules/import/run.server");
const { germanSortKey } = await import("../../app/utils/text-keys");

await migrateToLatest(getDb());
const db = getDb();
const now = new Date().toISOString();
await db.insertInto("user").values({ id: "benchoffice01", email: "bench.office@example.org", name: "Bench Office", name_key: germanSortKey("Bench Office"), password_hash: "!", email_verified_at: now, locale: "de", disabled_at: null, created_at: now, updated_at: now }).execute();
await db.insertInto("user_role").values({ user_id: "benchoffice01", role: "coordinator", created_at: now }).execute();
const actor = { userId: "benchoffice01", email: "bench.office@example.org", name: "Bench Office", locale: "de", emailVerified: true, roles: ["coordinator" as const], organisationIds: [] };

// A town's list as German Excel writes it: semicolons, Windows-1252 would do too (here UTF-8 with Arabic names).
const districts = ["Alt-Willich", "Schiefbahn", "Anrath", "Neersen"];
const first = ["Anna", "Jürgen", "Leyla", "Olena", "Mehmet", "ليلى", "Örtel", "Sophie"];
// Names are letters only (the form's rule): the row number spelled in letters.
const letters = (n: number) => {
  let out = "";
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
};
const lines = ["Nr;Vorname;Nachname;E-Mail;Telefon;Ortsteil;Geburtsjahr;Sprachen;Fähigkeiten;Handlungsfelder;Verfügbarkeit;Auto"];
for (let i = 0; i < rows; i++) {
  lines.push(
    [`B-${i}`, first[i % first.length], `Bench${letters(i)}`, `bench${i}@example.org`, `02154 ${10000 + i}`, districts[i % 4], String(1950 + (i % 50)), i % 3 ? "Deutsch Muttersprache, Englisch B2" : "Arabisch Muttersprache, Deutsch B1", "Nachhilfe, Fahrrad", "Gesundheit, Ehrenamt", "Mo vormittags, Do abends", i % 2 ? "ja" : "nein"].join(";"),
  );
}
const bytes = new Uint8Array(Buffer.from(lines.join("\r\n"), "utf8"));

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const timer = setInterval(sample, 50);
const startRss = process.memoryUsage().rss;
const t = (label: string, since: number) => console.log(`${label.padEnd(28)} ${((performance.now() - since) / 1000).toFixed(2)} s`);

const t0 = performance.now();
let s = performance.now();
const id = await createBatch(actor, { kind: "volunteers", fileName: "bench.csv", bytes });
t("upload (parse, store rows)", s);
s = performance.now();
await setHeaderRow(actor, id, 1);
const view = await mappingView(id, 1, "volunteers");
await saveMapping(actor, id, view.suggestion);
t("validate + dry run", s);
const dry = await dryRun(id);
if (dry.errors) {
  const sample = await db.selectFrom("import_row").select(["row_no", "errors"]).where("batch_id", "=", id).where("plan", "=", "error").limit(1).executeTakeFirst();
  console.log(`rows with errors: ${dry.errors}, e.g. ${JSON.stringify(sample)}`);
}
await confirmBatch(actor, id);
s = performance.now();
await runBatch(id);
t("background run", s);
const total = (performance.now() - t0) / 1000;
clearInterval(timer);
sample();
const b = await db.selectFrom("import_batch").select(["status", "created_count", "failed_count"]).where("id", "=", id).executeTakeFirstOrThrow();
console.log(`engine ${getEngine()}, ${rows} rows: dry run ${JSON.stringify(dry)}; result ${JSON.stringify(b)}`);
console.log(`total ${total.toFixed(2)} s (goal < 60 s); peak RSS ${(peakRss / 1048576).toFixed(0)} MiB (start ${(startRss / 1048576).toFixed(0)} MiB), peak heap ${(peakHeap / 1048576).toFixed(0)} MiB`);
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
if (b.status !== "done" || b.created_count !== rows) {
  console.error("not every row was created");
  process.exit(1);
}
