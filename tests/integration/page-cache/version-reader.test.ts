/**
 * The page cache's own reader of the cache scope versions (scripts/serve.ts `scopeVersionReader`):
 * it answers the versions the database holds, null when it cannot read them (nothing is then
 * served from the cache, ADR 0019), and reads again after the connection broke.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { readScopeVersions } from "../../../db/cache-scopes";
import { scopeVersionReader } from "../../../scripts/serve";
import { getDb, getEngine } from "../../../app/utils/db.server";
import { createTestOrganisation } from "../../factories";

const env = () => ({ DATABASE_URL: process.env.DATABASE_URL, DATABASE_PATH: process.env.DATABASE_PATH! });

describe("the page cache's version reader", () => {
  it("answers every scope's version as the app reads it, and a bump at once", async () => {
    const read = scopeVersionReader(env());
    const first = await read();
    expect(first).toEqual(await readScopeVersions(getDb(), getEngine()));
    expect(first!.size).toBeGreaterThan(3);
    await createTestOrganisation(getDb(), { name: "Lesertest e.V." });
    const second = await read();
    expect(second).toEqual(await readScopeVersions(getDb(), getEngine()));
    expect(second).not.toEqual(first);
  });

  it("answers null when the database cannot be reached", async () => {
    const read =
      getEngine() === "postgres"
        ? scopeVersionReader({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none", DATABASE_PATH: "" })
        : scopeVersionReader({ DATABASE_URL: undefined, DATABASE_PATH: "/nonexistent/ehrenamt.sqlite" });
    expect(await read()).toBeNull();
    expect(await read()).toBeNull();
  });

  // PostgreSQL only: SQLite reads the file in process, there is no server connection to cut; the
  // PostgreSQL pass of `npm test` (and of .ci/run) runs it.
  // Skipped on SQLite (reason): no server connection to cut there; the PostgreSQL pass runs it.
  it.runIf(getEngine() === "postgres")("after its connection was ended by the server, fails closed once and then connects anew", async () => {
    const read = scopeVersionReader(env());
    expect(await read()).not.toBeNull();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query like '%cache_scope_bump%'");
    await admin.end();
    const results: (Map<string, number> | null)[] = [];
    for (let i = 0; i < 3; i++) results.push(await read());
    // The read on the cut connection (if it noticed) is null; the next one has the versions again.
    expect(results.at(-1)).toEqual(await readScopeVersions(getDb(), getEngine()));
  });
});
