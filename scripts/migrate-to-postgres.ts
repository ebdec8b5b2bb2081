/**
 * npm run migrate-to-postgres -- --from data/ehrenamt.sqlite --to postgres://user@host:5432/database
 * Moves a town's SQLite database to PostgreSQL (issue #13, docs/deploy.md): refuses a target that
 * holds data, migrates it to the latest schema, copies every table in one transaction, then
 * compares row counts and checksums per table and prints them. Exit code 0 only when every table is
 * equal. Stop the server first (writes after the copy started would be missing).
 * --verify-only compares an earlier copy again (no copy; exit code 3 when a table differs).
 */
import { engineOfUrl } from "../db/dialect";
import { argValue } from "./lib";
import { copySqliteToPostgres, formatReport } from "./pg-copy";
import { redact } from "./pg-tools";

const from = argValue("from");
const to = argValue("to");
const batch = argValue("batch");
if (!from || !to || engineOfUrl(to) !== "postgres") {
  console.error(
    "Usage: npm run migrate-to-postgres -- --from data/ehrenamt.sqlite --to postgres://user@host:5432/database [--batch 1000] [--verify-only]"
  );
  process.exit(1);
}
try {
  console.log(`Copying ${from} to ${redact(to)} …`);
  const report = await copySqliteToPostgres({
    from,
    to,
    batchSize: batch ? Number(batch) : undefined,
    verifyOnly: process.argv.includes("--verify-only"),
    log: (line) => console.log(line),
  });
  console.log(formatReport(report));
  process.exit(report.ok ? 0 : 3);
} catch (err) {
  console.error(`Refusing: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
