/**
 * PostgreSQL: each query text with parameters (and each read without) is prepared once per connection (`db/database.ts`,
 * ADR 0042), and a table changed by another process under a prepared statement (a migration on a
 * running county installation) still answers. Needs a PostgreSQL server: TEST_DATABASE_URL.
 */
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import path from "node:path";
import { createDatabase, POSTGRES_IDLE_TIMEOUT_MS, POSTGRES_RANDOM_PAGE_COST } from "../../../db/database";
import { createTestPostgresDatabase, testPostgresUrl } from "../../setup/postgres";
import { contains } from "../../../app/utils/like.server";

// Skipped on SQLite (reason): named statements are a PostgreSQL-only mechanism, and without TEST_DATABASE_URL there is no server to ask; `npm test` says how to include it, .ci/run always does.
describe.skipIf(!testPostgresUrl())("prepared statements on PostgreSQL", () => {
  let target: Awaited<ReturnType<typeof createTestPostgresDatabase>>;
  let db: Kysely<any>;

  beforeAll(async () => {
    target = await createTestPostgresDatabase("eh_prepared");
    // One connection, so every query below runs on the connection whose statements are inspected.
    db = createDatabase(target.url, { poolSize: 1 }).db as Kysely<any>;
    await sql`create table item (id integer primary key, name text not null)`.execute(db);
    await sql`insert into item values (1, 'Aachen'), (2, 'Bonn')`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await target?.drop();
  });

  const preparedTexts = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);

  it("prepares a query with parameters once and reuses it", async () => {
    for (const id of [1, 2, 1]) {
      const row = await db.selectFrom("item").select(["id", "name"]).where("id", "=", id).executeTakeFirstOrThrow();
      expect(row.id).toBe(id);
    }
    const texts = (await preparedTexts()).filter((t) => t.includes('from "item"'));
    expect(texts).toEqual(['select "id", "name" from "item" where "id" = $1']);
  });

  it("prepares a read without parameters, and leaves other texts without parameters unnamed", async () => {
    // A list's page with its size and offset in the text (ADR 0054): planned once, not per request.
    await db.selectFrom("item").select("id").orderBy("id").limit(sql.lit(25)).offset(sql.lit(0)).execute();
    expect(await preparedTexts()).toContain('select "id" from "item" order by "id" limit 25 offset 0');
    // Transaction control and other statements that do not read go unnamed.
    await db.transaction().execute(async (trx) => {
      await sql`create temporary table scratch (n integer)`.execute(trx);
    });
    expect((await preparedTexts()).some((t) => /^(begin|commit|create)/i.test(t))).toBe(false);
  });

  it("leaves searches for a user's text unnamed, so each is planned for its pattern", async () => {
    for (const part of ["ach", "onn"]) {
      const rows = await db.selectFrom("item").select("id").where(contains("name", part)).execute();
      expect(rows).toHaveLength(1);
    }
    expect((await preparedTexts()).some((t) => t.includes(" like "))).toBe(false);
    // The same query with an equality is prepared as before.
    await db.selectFrom("item").select("id").where("name", "=", "Bonn").execute();
    expect((await preparedTexts()).some((t) => t.includes('where "name" = $1'))).toBe(true);
  });

  it("answers after another connection changed the table under a prepared select *", async () => {
    const selectAll = () => db.selectFrom("item").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
    expect(await selectAll()).toEqual({ id: 1, name: "Aachen" });
    const other = new pg.Client({ connectionString: target.url });
    await other.connect();
    try {
      await other.query("alter table item add column district text not null default 'Mitte'");
    } finally {
      await other.end();
    }
    // PostgreSQL refuses the prepared statement now ("cached plan must not change result type").
    expect(await selectAll()).toEqual({ id: 1, name: "Aachen", district: "Mitte" });
    expect(await selectAll()).toEqual({ id: 1, name: "Aachen", district: "Mitte" });
  });

  it("keeps errors of the query itself", async () => {
    await expect(db.selectFrom("item").selectAll().where(sql<boolean>`no_such_column = ${1}`).execute()).rejects.toThrow(/no_such_column/);
  });

  it("plans with the SSD page cost in the app's sessions, unless the URL brings its own options", async () => {
    const cost = async (d: Kysely<any>) => (await sql<{ random_page_cost: string }>`show random_page_cost`.execute(d)).rows[0].random_page_cost;
    expect(await cost(db)).toBe(String(POSTGRES_RANDOM_PAGE_COST));
    const own = new URL(target.url);
    own.searchParams.set("options", "-c random_page_cost=3");
    const other = createDatabase(own.toString(), { poolSize: 1 }).db as Kysely<any>;
    try {
      expect(await cost(other)).toBe("3");
    } finally {
      await other.destroy();
    }
  });

  it("keeps an idle connection, its backend and its prepared statements past the pool's default of 10 s (ADR 0056)", { timeout: 30_000 }, async () => {
    expect(POSTGRES_IDLE_TIMEOUT_MS).toBeGreaterThan(60_000);
    const backend = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0].pid;
    await db.selectFrom("item").select("name").where("id", "=", 1).execute();
    const before = await backend();
    // why: the idle time is the stimulus under test (pg-pool closed idle connections after 10 s
    // by default), not a wait for something to happen; nothing signals "still idle".
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    expect(await backend()).toBe(before);
    expect(await preparedTexts()).toContain('select "name" from "item" where "id" = $1');
  });

  it("an idle pool does not keep a script's process alive", { timeout: 30_000 }, async () => {
    // A script that queries and never ends its pool: it must exit by itself, long before the idle timeout.
    const code = `const { createDatabase } = await import(${JSON.stringify(path.resolve(import.meta.dirname, "../../../db/database.ts"))});
const { db } = createDatabase(process.env.TARGET, { poolSize: 2 });
const { sql } = await import("kysely");
console.log((await sql\`select 41 + 1 as n\`.execute(db)).rows[0].n);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { env: { ...process.env, TARGET: target.url }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const exitCode = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(out.trim()).toBe("42");
    expect(exitCode).toBe(0);
  });
});
