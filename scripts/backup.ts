/**
 * npm run backup [-- --dir backups] — copies the live database with SQLite's online backup
 * API (consistent while the server runs) to <dir>/ehrenamt-<UTC timestamp>.sqlite, then
 * checks the copy with PRAGMA integrity_check.
 */
import path from "node:path";
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { argValue, loadEnvOrExit } from "./lib";

const env = loadEnvOrExit();
const dir = path.resolve(argValue("dir") ?? "backups");
if (!fs.existsSync(env.DATABASE_PATH)) {
  console.error(`No database at ${env.DATABASE_PATH}.`);
  process.exit(1);
}
fs.mkdirSync(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
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
console.log(`Backup written: ${target} (${(fs.statSync(target).size / 1024).toFixed(0)} KiB, integrity ok)`);
