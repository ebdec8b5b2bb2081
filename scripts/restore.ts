/**
 * npm run restore -- --file backups/ehrenamt-….sqlite [--yes]
 * Checks the backup with PRAGMA integrity_check, keeps the current database as
 * <DATABASE_PATH>.before-restore-<timestamp>, then replaces it. Stop the server first.
 */
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { argValue, loadEnvOrExit } from "./lib";

const env = loadEnvOrExit();
const file = argValue("file");
if (!file || !fs.existsSync(file)) {
  console.error("Usage: npm run restore -- --file PATH_TO_BACKUP [--yes]");
  process.exit(1);
}
let check: unknown;
try {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  check = db.pragma("integrity_check", { simple: true });
  const tables = db.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'").get() as { n: number };
  db.close();
  if (tables.n !== 1) check = "not an Ehrenamt-Hub database (no migration table)";
} catch (err) {
  check = err instanceof Error ? err.message : String(err);
}
if (check !== "ok") {
  console.error(`Refusing to restore: ${file}: ${check}`);
  process.exit(1);
}
if (!process.argv.includes("--yes")) {
  console.error(`The backup is intact. Stop the server, then run again with --yes to replace ${env.DATABASE_PATH}.`);
  process.exit(2);
}
if (fs.existsSync(env.DATABASE_PATH)) {
  const keep = `${env.DATABASE_PATH}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  fs.renameSync(env.DATABASE_PATH, keep);
  // The WAL may hold the last committed writes (e.g. after a crash): it stays with the kept copy.
  if (fs.existsSync(`${env.DATABASE_PATH}-wal`)) fs.renameSync(`${env.DATABASE_PATH}-wal`, `${keep}-wal`);
  if (fs.existsSync(`${env.DATABASE_PATH}-shm`)) fs.rmSync(`${env.DATABASE_PATH}-shm`);
  console.log(`Previous database kept as ${keep}`);
}
fs.copyFileSync(file, env.DATABASE_PATH);
console.log(`Restored ${file} to ${env.DATABASE_PATH}.`);
