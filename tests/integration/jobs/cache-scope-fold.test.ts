/**
 * The daily fold of PostgreSQL's cache bump rows (app/modules/jobs/cache-scope-fold.server.ts): the
 * versions every reader computes are the same before and after, and still grow with the next write.
 * On SQLite there is nothing to fold: the task folds nothing and the versions stay as they are.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { readScopeVersions } from "../../../db/cache-scopes";
import { cacheScopeFoldTask } from "../../../app/modules/jobs/cache-scope-fold.server";
import { getDb, getEngine, transaction } from "../../../app/utils/db.server";
import { createTestOrganisation, createTestRoom } from "../../factories";

const versions = () => readScopeVersions(getDb(), getEngine());
const fold = () => transaction((trx) => cacheScopeFoldTask.run(trx, new Date()));
const bumpRows = async () =>
  getEngine() === "postgres" ? Number((await sql<{ n: number }>`select count(*) as n from cache_scope_bump`.execute(getDb())).rows[0].n) : 0;

describe("folding the cache bump rows", () => {
  it("leaves every scope's version unchanged, and the versions still grow after", async () => {
    await createTestRoom(getDb());
    await createTestOrganisation(getDb());
    await createTestRoom(getDb());
    const before = await versions();
    expect(before.get("rooms")).toBeGreaterThan(0);
    const rows = await bumpRows();
    if (getEngine() === "postgres") expect(rows).toBeGreaterThan(0);

    expect(await fold()).toBe(rows);
    expect(await bumpRows()).toBe(0);
    expect(await versions()).toEqual(before);
    // Folding again changes nothing.
    expect(await fold()).toBe(0);
    expect(await versions()).toEqual(before);

    await createTestRoom(getDb());
    const after = await versions();
    expect(after.get("rooms")).toBeGreaterThan(before.get("rooms")!);
    expect(after.get("organisations")).toBe(before.get("organisations"));
  });

  it("runs as a step of the daily job", async () => {
    const { runDailyJobs } = await import("../../../app/modules/jobs/daily.server");
    await createTestRoom(getDb());
    const before = await versions();
    const result = await runDailyJobs({ now: new Date("2026-07-01T08:00:00Z"), force: true });
    expect(result?.["cache-scope-fold"]).toBeGreaterThanOrEqual(0);
    if (getEngine() === "postgres") expect(await bumpRows()).toBe(0);
    // The daily tasks may write (and bump) themselves; a version never goes back.
    const after = await versions();
    for (const [scope, v] of before) expect(after.get(scope)).toBeGreaterThanOrEqual(v);
  });
});
