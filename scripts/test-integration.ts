/**
 * npm run test:integration — the integration suite on SQLite, then on PostgreSQL when
 * TEST_DATABASE_URL names a server (each test file gets a database of its own there, created and
 * dropped by tests/setup/postgres.ts). Without it, PostgreSQL is left out with one line saying so.
 * Extra arguments go to vitest (files, -t).
 *
 * When a pass fails, what vitest printed about the failures (its "Failed Tests" and "Unhandled
 * Errors" blocks) is printed again at the very end, after both passes: CI shows only the tail of
 * the output, and a failure on SQLite was otherwise buried under the whole PostgreSQL pass
 * (stop 21's CI run failed on SQLite and its output showed only the passing PostgreSQL pass).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { failureSummary } from "./test-summary";

const root = path.resolve(import.meta.dirname, "..");
const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
const args = process.argv.slice(2);
const pgUrl = process.env.TEST_DATABASE_URL || undefined;

interface Pass {
  label: string;
  status: number;
  output: string;
}

/** Runs one pass; its output goes through to the terminal as it comes and is kept for the summary. */
function run(label: string, env: NodeJS.ProcessEnv): Promise<Pass> {
  console.log(`\n── Integration tests on ${label}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, "run", "--project", "integration", ...args], { cwd: root, stdio: ["inherit", "pipe", "pipe"], env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      output += chunk.toString("utf8");
    });
    child.on("error", (err) => resolve({ label, status: 1, output: `${output}\n${err.message}` }));
    child.on("close", (code, signal) => resolve({ label, status: code ?? 1, output: signal ? `${output}\nvitest ended by ${signal}` : output }));
  });
}

const { TEST_DATABASE_URL: _omit, DATABASE_URL: _omit2, ...sqliteEnv } = process.env;
const passes: Pass[] = [await run("SQLite", sqliteEnv)];
if (pgUrl) {
  passes.push(await run(`PostgreSQL (${new URL(pgUrl).host})`, { ...sqliteEnv, TEST_DATABASE_URL: pgUrl }));
} else {
  console.log("PostgreSQL: not tested. To include it: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test");
}

const failed = passes.filter((p) => p.status !== 0);
for (const p of failed) {
  console.log(`\n── Integration tests on ${p.label} FAILED (exit ${p.status}). What failed, again:\n`);
  console.log(failureSummary(p.output));
}
console.log(`\n── Integration tests: ${passes.map((p) => `${p.label} ${p.status === 0 ? "passed" : "FAILED"}`).join(", ")}`);
process.exit(failed.length > 0 ? failed[0].status || 1 : 0);
