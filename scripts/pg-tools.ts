/**
 * PostgreSQL's own tools (pg_dump, pg_restore, psql) for the scripts (issue #13). The password of
 * a `postgres://user:password@…` URL is handed over in PGPASSWORD, never on the command line
 * (where every user of the machine could read it in the process list).
 */
import { spawnSync } from "node:child_process";

export function connectionArgs(url: string): {
  dbname: string;
  env: NodeJS.ProcessEnv;
} {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = "";
  return {
    dbname: u.toString(),
    env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env },
  };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

export function runTool(tool: "pg_dump" | "pg_restore" | "psql", args: string[], url?: string): { code: number; out: string; err: string } {
  const conn = url ? connectionArgs(url) : { dbname: undefined, env: process.env };
  const r = spawnSync(tool, conn.dbname ? [...args, `--dbname=${conn.dbname}`] : args, {
    encoding: "utf8",
    env: conn.env,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) return { code: 127, out: "", err: `${tool}: ${r.error.message}` };
  return { code: r.status ?? 1, out: r.stdout, err: r.stderr };
}

/**
 * Checks a pg_dump custom-format archive: `pg_restore --list` must read its table of contents,
 * and it must hold the hub's migration table. Returns why it is not usable, or undefined.
 */
export function checkDump(file: string): string | undefined {
  const r = runTool("pg_restore", ["--list", file]);
  if (r.code !== 0) return r.err.trim() || `pg_restore --list exited with ${r.code}`;
  if (!/\bTABLE (DATA )?public kysely_migration\b/.test(r.out)) return "not an Ehrenamt-Hub database (no migration table)";
  return undefined;
}
