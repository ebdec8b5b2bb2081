/**
 * npm run backup [-- --dir backups] — a consistent copy of the live database while the server runs.
 * SQLite: SQLite's online backup API to <dir>/ehrenamt-<UTC timestamp>.sqlite, checked with
 * PRAGMA integrity_check. PostgreSQL (DATABASE_URL): `pg_dump --format=custom` (one snapshot) to
 * <dir>/ehrenamt-<UTC timestamp>.dump, checked with `pg_restore --list`.
 */
import path from "node:path";
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { engineOfUrl } from "../db/dialect";
import { argValue, loadEnvOrExit } from "./lib";
import { checkDump, redact, runTool } from "./pg-tools";

const env = loadEnvOrExit();
const dir = path.resolve(argValue("dir") ?? "backups");
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const kib = (file: string) => (fs.statSync(file).size / 1024).toFixed(0);

if (env.DATABASE_URL && engineOfUrl(env.DATABASE_URL) === "postgres") {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `ehrenamt-${stamp}.dump`);
  const dump = runTool("pg_dump", ["--format=custom", "--no-owner", "--no-acl", `--file=${target}`], env.DATABASE_URL);
  if (dump.code !== 0) {
    fs.rmSync(target, { force: true });
    console.error(`pg_dump of ${redact(env.DATABASE_URL)} failed: ${dump.err.trim()}`);
    process.exit(1);
  }
  const problem = checkDump(target);
  if (problem) {
    console.error(`Backup written to ${target} but pg_restore --list says: ${problem}`);
    process.exit(1);
  }
  console.log(`Backup written: ${target} (${kib(target)} KiB, pg_restore --list ok)`);
  process.exit(0);
}

if (!fs.existsSync(env.DATABASE_PATH)) {
  console.error(`No database at ${env.DATABASE_PATH}.`);
  process.exit(1);
}
fs.mkdirSync(dir, { recursive: true });
const target = path.join(dir, `ehrenamt-${stamp}.sqlite`);
const source = new SQLite(env.DATABASE_PATH, { readonly: true, fileMustExist: true });
await source.backup(target);
source.close();
const copy = new SQLite(target);
// A backup is one self-contained file: no WAL mode, so no -wal/-shm files beside it.
copy.pragma("journal_mode = DELETE");
const check = copy.pragma("integrity_check", { simple: true });
copy.close();
if (check !== "ok") {
  console.error(`Backup written to ${target} but integrity_check says: ${check}`);
  process.exit(1);
}
console.log(`Backup written: ${target} (${kib(target)} KiB, integrity ok)`);
