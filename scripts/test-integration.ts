/**
 * npm run test:integration — the integration suite on SQLite, then on PostgreSQL when
 * TEST_DATABASE_URL names a server (each test file gets a database of its own there, created and
 * dropped by tests/setup/postgres.ts). Without it, PostgreSQL is left out with one line saying so.
 * Extra arguments go to vitest (files, -t).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
const args = process.argv.slice(2);
const pgUrl = process.env.TEST_DATABASE_URL || undefined;

function run(label: string, env: NodeJS.ProcessEnv): number {
  console.log(`\n── Integration tests on ${label}`);
  const r = spawnSync(process.execPath, [vitest, "run", "--project", "integration", ...args], { cwd: root, stdio: "inherit", env });
  return r.status ?? 1;
}

const { TEST_DATABASE_URL: _omit, DATABASE_URL: _omit2, ...sqliteEnv } = process.env;
let status = run("SQLite", sqliteEnv);
if (pgUrl) {
  const pgStatus = run(`PostgreSQL (${new URL(pgUrl).host})`, { ...sqliteEnv, TEST_DATABASE_URL: pgUrl });
  status ||= pgStatus;
} else {
  console.log("PostgreSQL: not tested. To include it: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test");
}
process.exit(status);
