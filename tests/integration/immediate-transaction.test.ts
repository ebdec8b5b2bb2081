/**
 * A command waiting for another process's write lock must not hold this process's connection:
 * the worker's reads go on while it waits, and the write succeeds once the lock is free
 * (`immediateTransaction`, ADR 0002). Another process holds `BEGIN IMMEDIATE` until told to let
 * go; every step waits for a signal (the child's "locked", the writer's first busy try), never
 * for a fixed time.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getDb, transaction } from "../../app/utils/db.server";

const HOLDER = `
const SQLite = require("better-sqlite3");
const db = new SQLite(process.argv[1]);
db.pragma("journal_mode = WAL");
db.exec("begin immediate");
db.prepare("insert into cache_scope (scope, version) values ('lock-holder', 1)").run();
process.stdout.write("locked\\n");
process.stdin.once("data", () => { db.exec("commit"); process.stdout.write("released\\n"); db.close(); process.exit(0); });
`;

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill();
});

/** Resolves when the child prints `line`. */
function waitForLine(p: ChildProcessWithoutNullStreams, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split("\n").includes(line)) {
        p.stdout.off("data", onData);
        resolve();
      }
    };
    p.stdout.on("data", onData);
    p.once("exit", (code) => reject(new Error(`holder exited (${code}) before "${line}": ${out}`)));
  });
}

// BEGIN IMMEDIATE and its write lock are SQLite's; on PostgreSQL commands run serialisable with
// retry instead, tested in tests/integration/postgres/ and the concurrency tests.
// Skipped on PostgreSQL (reason): SQLite's write lock only; the SQLite pass of `npm test` (and .ci/run) runs it.
describe.skipIf(!!process.env.DATABASE_URL)("immediateTransaction while another process holds the write lock", () => {
  // Skipped on PostgreSQL (reason): it tests SQLite's file write lock (BEGIN IMMEDIATE), which PostgreSQL does not have; the SQLite pass runs it.
  it("lets this process's reads answer while it waits, then writes", async () => {
    const db = getDb();
    await db.selectFrom("cache_scope").select("scope").execute();
    child = spawn(process.execPath, ["-e", HOLDER, process.env.DATABASE_PATH!], { cwd: path.resolve(import.meta.dirname, "../.."), stdio: ["pipe", "pipe", "pipe"] });
    await waitForLine(child, "locked");

    let firstBusy!: () => void;
    const waiting = new Promise<void>((r) => (firstBusy = r));
    let ran = false;
    const write = transaction(
      async (trx) => {
        ran = true;
        await trx.insertInto("cache_scope").values({ scope: "waited-writer", version: 1 }).execute();
        return "written";
      },
      { onBusy: (attempt) => attempt === 0 && firstBusy() },
    );
    await waiting;

    // The writer waits for the other process; a read of this process answers meanwhile.
    const read = await db.selectFrom("cache_scope").select("scope").where("scope", "=", "rooms").execute();
    expect(read).toEqual([{ scope: "rooms" }]);
    expect(ran).toBe(false);

    const released = waitForLine(child, "released");
    child.stdin.write("go\n");
    await released;
    expect(await write).toBe("written");
    expect(ran).toBe(true);
    const scopes = (await db.selectFrom("cache_scope").select("scope").where("scope", "in", ["lock-holder", "waited-writer"]).orderBy("scope").execute()).map((r) => r.scope);
    expect(scopes).toEqual(["lock-holder", "waited-writer"]);
    await db.deleteFrom("cache_scope").where("scope", "in", ["lock-holder", "waited-writer"]).execute();
  });
});
