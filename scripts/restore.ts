/**
 * npm run restore -- --file BACKUP [--yes] [--dir backups]
 * SQLite: checks the backup with PRAGMA integrity_check, keeps the current database as
 * <DATABASE_PATH>.before-restore-<timestamp>, then replaces it.
 * PostgreSQL (DATABASE_URL): checks the pg_dump archive with `pg_restore --list`; into an empty
 * database it restores as is, otherwise it first keeps the current database as
 * <dir>/ehrenamt-before-restore-<timestamp>.dump and restores with `--clean --if-exists`. Either
 * way in one transaction (`--single-transaction --exit-on-error`): a failed restore changes nothing.
 * Stop the server (every app process) first.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { engineOfUrl } from "../db/dialect";
import { argValue, loadEnvOrExit } from "./lib";
import { checkDump, redact, runTool } from "./pg-tools";

const env = loadEnvOrExit();
const file = argValue("file");
if (!file || !fs.existsSync(file)) {
  console.error("Usage: npm run restore -- --file PATH_TO_BACKUP [--yes]");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[:.]/g, "-");

if (env.DATABASE_URL && engineOfUrl(env.DATABASE_URL) === "postgres") {
  const url = env.DATABASE_URL;
  const problem = checkDump(file);
  if (problem) {
    console.error(`Refusing to restore: ${file}: ${problem}`);
    process.exit(1);
  }
  if (!process.argv.includes("--yes")) {
    console.error(`The backup is intact. Stop the server, then run again with --yes to replace the database ${redact(url)}.`);
    process.exit(2);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(
    `select count(*) as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
     where s.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')`
  );
  await client.end();
  const empty = Number(rows[0].n) === 0;
  if (!empty) {
    const dir = path.resolve(argValue("dir") ?? "backups");
    fs.mkdirSync(dir, { recursive: true });
    const keep = path.join(dir, `ehrenamt-before-restore-${stamp}.dump`);
    const dump = runTool("pg_dump", ["--format=custom", "--no-owner", "--no-acl", `--file=${keep}`], url);
    if (dump.code !== 0) {
      console.error(`Refusing to restore: the current database could not be kept first (pg_dump: ${dump.err.trim()}).`);
      process.exit(1);
    }
    console.log(`Previous database kept as ${keep}`);
  }
  const args = ["--no-owner", "--no-acl", "--single-transaction", "--exit-on-error", ...(empty ? [] : ["--clean", "--if-exists"]), file];
  const r = runTool("pg_restore", args, url);
  if (r.code !== 0) {
    console.error(`Restore failed, the database is unchanged: ${r.err.trim()}`);
    process.exit(1);
  }
  // pg_restore writes no planner statistics: gather them now, not when autovacuum gets round to it.
  const stats = runTool("psql", ["--quiet", "--no-psqlrc", "--command=analyze"], url);
  if (stats.code !== 0) console.warn(`Restored, but "analyze" failed (run it once by hand): ${stats.err.trim()}`);
  console.log(`Restored ${file} to ${redact(url)}${empty ? " (empty database)" : " (--clean --if-exists)"}.`);
  process.exit(0);
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
  const keep = `${env.DATABASE_PATH}.before-restore-${stamp}`;
  fs.renameSync(env.DATABASE_PATH, keep);
  // The WAL may hold the last committed writes (e.g. after a crash): it stays with the kept copy.
  if (fs.existsSync(`${env.DATABASE_PATH}-wal`)) fs.renameSync(`${env.DATABASE_PATH}-wal`, `${keep}-wal`);
  if (fs.existsSync(`${env.DATABASE_PATH}-shm`)) fs.rmSync(`${env.DATABASE_PATH}-shm`);
  console.log(`Previous database kept as ${keep}`);
}
fs.copyFileSync(file, env.DATABASE_PATH);
console.log(`Restored ${file} to ${env.DATABASE_PATH}.`);
