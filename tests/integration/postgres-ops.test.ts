/**
 * Operations on PostgreSQL (issue #13): backup and restore with pg_dump/pg_restore, and the copy of a
 * SQLite database into PostgreSQL (scripts/migrate-to-postgres) with its per-table verification.
 * Every test here needs a PostgreSQL server, so the file is skipped when TEST_DATABASE_URL is unset
 * (the SQLite paths of backup and restore are tested in scripts.test.ts).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/auth/permissions";
import { listHouseholds } from "../../app/modules/donations/households.server";
import { listPublicNeeds } from "../../app/modules/donations/public-needs.server";
import { enqueueMail } from "../../app/modules/mail/outbox.server";
import { deliverDueMail } from "../../app/modules/mail/sender.server";
import { closeDb, getDb, transaction } from "../../app/utils/db.server";
import { resetEnvCache } from "../../app/utils/env.server";
import { createDatabase, migrateToLatest } from "../../db/database";
import { DEMO_LOGINS, seedDemo } from "../../db/seed/demo";
import { prepareDataset } from "../../scripts/bench/dataset";
import { MIGRATION_FILLED_TABLES, SQLITE_FULL_TEXT_TABLES } from "../../scripts/pg-copy";
import { createTestOrganisation, createTestUser } from "../factories";
import { createTestPostgresDatabase, testPostgresUrl } from "../setup/postgres";
import { startSmtp } from "../setup/smtp";
import { withEnv } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eh-pgops-"));
const dropLater: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of dropLater) await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An empty database of its own on the test server, dropped after the file. */
async function emptyDatabase(): Promise<string> {
  const created = await createTestPostgresDatabase("eh_ops");
  dropLater.push(created.drop);
  return created.url;
}

/** Runs a script as an operator would: a separate Node process with its own environment. */
function script(name: string, args: string[], env: Record<string, string> = {}, timeout = 120_000) {
  const r = spawnSync(process.execPath, ["--import", "tsx", `scripts/${name}.ts`, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? dir, NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_PATH: path.join(dir, "unused.sqlite"), ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}
const emailsIn = async (url: string) => (await query<{ email: string }>(url, `select email from "user" order by email`)).map((r) => r.email);

/** Points the app (getDb) at another database for the rest of a test; gives back the previous one. */
async function appUses(url: string): Promise<() => Promise<void>> {
  const before = process.env.DATABASE_URL;
  await closeDb();
  process.env.DATABASE_URL = url;
  resetEnvCache();
  return async () => {
    await closeDb();
    process.env.DATABASE_URL = before;
    resetEnvCache();
  };
}

// PostgreSQL only: without TEST_DATABASE_URL there is no server to back up, restore or copy into.
// Each script is a Node process of its own (several seconds on a loaded machine): a longer timeout.
// Skipped on SQLite (reason): backup, restore and the copy need a PostgreSQL server (TEST_DATABASE_URL); .ci/run always has one.
describe.skipIf(!testPostgresUrl())("PostgreSQL operations", { timeout: 180_000 }, () => {
  describe("backup and restore (pg_dump --format=custom, pg_restore)", () => {
    const backups = path.join(dir, "backups");
    let live = "";
    let backupFile = "";

    beforeAll(async () => {
      live = await emptyDatabase();
      const { db } = createDatabase(live, { poolSize: 1 });
      await migrateToLatest(db);
      for (const email of ["alice@example.org", "bob@example.org"]) await createTestUser(db, { email });
      await db.destroy();
    });

    it("backup writes a timestamped custom-format dump that pg_restore can list", () => {
      const r = script("backup", ["--dir", backups], { DATABASE_URL: live });
      expect(r.code, r.err).toBe(0);
      const files = fs.readdirSync(backups);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^ehrenamt-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.dump$/);
      backupFile = path.join(backups, files[0]);
      expect(r.out).toContain(backupFile);
      const list = spawnSync("pg_restore", ["--list", backupFile], { encoding: "utf8" });
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(/TABLE DATA public user /);
    });

    it("backup fails clearly when the server cannot be reached", () => {
      const r = script("backup", ["--dir", path.join(dir, "none")], { DATABASE_URL: "postgres://postgres@127.0.0.1:1/nothing" });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/pg_dump of postgres:\/\/postgres@127\.0\.0\.1:1\/nothing failed/);
      expect(fs.existsSync(path.join(dir, "none")) ? fs.readdirSync(path.join(dir, "none")) : []).toEqual([]);
    });

    it.each([
      ["random bytes", () => Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256))],
      ["a truncated dump", () => fs.readFileSync(backupFile).subarray(0, 200)],
    ])("restore refuses %s and leaves the database alone", async (_label, bytes) => {
      const bad = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.dump`);
      fs.writeFileSync(bad, bytes());
      const r = script("restore", ["--file", bad, "--yes"], { DATABASE_URL: live });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Refusing to restore/);
      expect(await emailsIn(live)).toEqual(["alice@example.org", "bob@example.org"]);
    });

    it("restore without --yes only checks", async () => {
      const r = script("restore", ["--file", backupFile], { DATABASE_URL: live });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--yes/);
    });

    it("restore --yes brings the data back after a change and keeps the replaced database as a dump", async () => {
      const { db } = createDatabase(live, { poolSize: 1 });
      await createTestUser(db, { email: "carol@example.org" });
      await db.updateTable("user").set({ name: "Changed After Backup" }).where("email", "=", "alice@example.org").execute();
      await db.destroy();

      const r = script("restore", ["--file", backupFile, "--yes", "--dir", backups], { DATABASE_URL: live });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/--clean --if-exists/);
      expect(await emailsIn(live)).toEqual(["alice@example.org", "bob@example.org"]);
      expect((await query<{ name: string }>(live, `select name from "user" where email = 'alice@example.org'`))[0].name).not.toBe("Changed After Backup");
      // Planner statistics gathered by the restore (pg_statistic has no rows for a table until it is analysed).
      expect(Number((await query<{ n: number }>(live, `select count(*) as n from pg_statistic where starelid = '"user"'::regclass`))[0].n)).toBeGreaterThan(0);

      const kept = fs.readdirSync(backups).filter((f) => f.startsWith("ehrenamt-before-restore-"));
      expect(kept).toHaveLength(1);
      const list = spawnSync("pg_restore", ["--list", path.join(backups, kept[0])], { encoding: "utf8" });
      expect(list.status).toBe(0);

      // The restored database works for the app: migrations are all there, new rows get new ids.
      const again = createDatabase(live, { poolSize: 1 });
      expect(await migrateToLatest(again.db)).toEqual([]);
      await createTestUser(again.db, { email: "dave@example.org" });
      await again.db.destroy();
      expect(await emailsIn(live)).toContain("dave@example.org");
    });

    it("restore into an empty database", async () => {
      const fresh = await emptyDatabase();
      const r = script("restore", ["--file", backupFile, "--yes"], { DATABASE_URL: fresh });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/empty database/);
      expect(await emailsIn(fresh)).toEqual(["alice@example.org", "bob@example.org"]);
    });
  });

  describe("migrate-to-postgres", () => {
    const demoFile = path.join(dir, "demo.sqlite");
    let demoTarget = "";

    beforeAll(async () => {
      const { db } = createDatabase(demoFile);
      await migrateToLatest(db);
      await seedDemo(db);
      await db.destroy();
    });

    it("copies the demo database: every table's count and checksum equal", async () => {
      demoTarget = await emptyDatabase();
      const r = script("migrate-to-postgres", ["--from", demoFile, "--to", demoTarget]);
      expect(r.code, r.err + r.out).toBe(0);
      expect(r.out).toMatch(/all counts and checksums equal/);
      expect(r.out).not.toMatch(/DIFFERENT/);
      // Every table of the source is in the comparison, with the same counts.
      const source = new SQLite(demoFile, { readonly: true });
      // SQLite's full-text index of the offers is not copied: PostgreSQL generates its own (migration 0057).
      const tables = (source.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'").all() as { name: string }[])
        .map((t) => t.name)
        .filter((t) => !SQLITE_FULL_TEXT_TABLES.includes(t));
      for (const t of tables) {
        const n = (source.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n;
        expect(r.out, t).toMatch(new RegExp(`^${t}\\s+${n}\\s+${n}\\s+[0-9a-f]{16}\\s+[0-9a-f]{16}\\s+equal$`, "m"));
      }
      source.close();
      expect((await query<{ n: number }>(demoTarget, `select count(*)::int as n from "user"`))[0].n).toBeGreaterThan(5);
    });

    it("the app serves the copied data (module queries on the copy answer as on the source)", async () => {
      const source = new SQLite(demoFile, { readonly: true });
      const coordinatorEmail = DEMO_LOGINS.find((l) => l.role === "coordinator")!.email;
      const coordinator = source.prepare(`select id, email, name from user where email = ?`).get(coordinatorEmail) as { id: string; email: string; name: string };
      const expectedCodes = (source.prepare(`select code from household where erased_at is null order by code`).all() as { code: string }[]).map((h) => h.code);
      const openNeeds = (source.prepare(`select count(*) as n from donation_need where status = 'open'`).get() as { n: number }).n;
      source.close();
      expect(expectedCodes.length).toBeGreaterThan(0);

      const restore = await appUses(demoTarget);
      try {
        const actor: Actor = { userId: coordinator.id, email: coordinator.email, name: coordinator.name, locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
        const households = await listHouseholds(actor, { page: 1 });
        expect(households.total).toBe(expectedCodes.length);
        expect(households.items.map((h) => h.code)).toEqual(expectedCodes);
        const needs = await listPublicNeeds();
        expect(needs.length).toBeGreaterThan(0);
        expect(openNeeds).toBeGreaterThan(0);
        // Identity sequences follow the copied ids: a new row gets the next free id.
        const maxId = (await getDb().selectFrom("organisation").select((eb) => eb.fn.max("id").as("m")).executeTakeFirstOrThrow()).m;
        const org = await createTestOrganisation(getDb(), { name: "Neu nach dem Umzug e.V." });
        expect(org.id).toBe(Number(maxId) + 1);
        const user = await createTestUser(getDb(), { email: "after-move@example.org" });
        expect(user.id).toBeTruthy();
      } finally {
        await restore();
      }
    });

    it("refuses a target that holds data", async () => {
      const r = script("migrate-to-postgres", ["--from", demoFile, "--to", demoTarget]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/not empty \(rows in .*user/);
    });

    it("a freshly migrated database counts as empty: only the migrations' own tables have rows", async () => {
      const url = await emptyDatabase();
      const { db } = createDatabase(url, { poolSize: 1 });
      await migrateToLatest(db);
      await db.destroy();
      const tables = await query<{ name: string }>(url, `select tablename as name from pg_tables where schemaname = 'public' order by 1`);
      const filled: string[] = [];
      for (const { name } of tables) {
        // cache_scope_bump: PostgreSQL's own, not copied (a statement of migration 0031 bumps `rooms`).
        if (name.startsWith("kysely_") || name === "cache_scope_bump") continue;
        if ((await query(url, `select 1 from "${name}" limit 1`)).length) filled.push(name);
      }
      expect(filled.sort()).toEqual([...MIGRATION_FILLED_TABLES].sort());
      const r = script("migrate-to-postgres", ["--from", demoFile, "--to", url]);
      expect(r.code, r.err + r.out).toBe(0);
    });

    it("--verify-only finds a row that differs and exits non-zero", async () => {
      await query(demoTarget, `update household set adults = adults + 1 where id = (select min(id) from household)`);
      const r = script("migrate-to-postgres", ["--from", demoFile, "--to", demoTarget, "--verify-only"]);
      expect(r.code).toBe(3);
      expect(r.out).toMatch(/^household\s+\d+\s+\d+\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+DIFFERENT$/m);
      expect(r.out).toMatch(/^volunteer_skill\s+.*equal$/m);
    });

    it("refuses a source that is not migrated to the latest schema, and a non-PostgreSQL target", async () => {
      const old = path.join(dir, "old.sqlite");
      const db = new SQLite(old);
      db.exec("create table kysely_migration (name varchar(255) primary key, timestamp varchar(255))");
      db.close();
      const r = script("migrate-to-postgres", ["--from", old, "--to", await emptyDatabase()]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/npm run db:migrate/);
      const usage = script("migrate-to-postgres", ["--from", demoFile, "--to", path.join(dir, "x.sqlite")]);
      expect(usage.code).toBe(1);
      expect(usage.err).toMatch(/Usage/);
    });

    // The bench data set (county scale, scripts/bench/dataset.ts): generated and copied, about a minute or two.
    it("copies the bench data set: counts and checksums equal, the app serves it", { timeout: 600_000 }, async () => {
      const file = path.join(dir, "bench.sqlite");
      const dataset = await prepareDataset({ file, fresh: true, seed: 20261121, log: () => {} });
      const counts = dataset.counts;
      await dataset.close();
      const target = await emptyDatabase();
      const r = script("migrate-to-postgres", ["--from", file, "--to", target], {}, 540_000);
      expect(r.code, r.err + r.out.slice(-3000)).toBe(0);
      expect(r.out).toMatch(/all counts and checksums equal/);
      for (const [t, n] of Object.entries(counts)) {
        if (t === "cache_scope_bump" || SQLITE_FULL_TEXT_TABLES.includes(t)) continue;
        expect(r.out, t).toMatch(new RegExp(`^${t}\\s+${n}\\s+${n}\\s+\\S+\\s+\\S+\\s+equal$`, "m"));
      }
      const households = counts.household ?? 0;
      expect(households).toBeGreaterThan(1000);

      const restore = await appUses(target);
      try {
        const coordinator = await getDb().selectFrom("user").select(["id", "email", "name"]).where("email", "=", DEMO_LOGINS.find((l) => l.role === "coordinator")!.email).executeTakeFirstOrThrow();
        const actor: Actor = { userId: coordinator.id, email: coordinator.email, name: coordinator.name, locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
        const list = await listHouseholds(actor, { page: 2 });
        const source = new SQLite(file, { readonly: true });
        const expected = (source.prepare(`select code from household where erased_at is null order by code limit ? offset ?`).all(list.pageSize, list.pageSize) as { code: string }[]).map((h) => h.code);
        const total = (source.prepare(`select count(*) as n from household where erased_at is null`).get() as { n: number }).n;
        source.close();
        expect(list.total).toBe(total);
        expect(list.items.map((h) => h.code)).toEqual(expected);
      } finally {
        await restore();
      }
    });
  });

  describe("mail outbox with several app processes", () => {
    /** Another app process in the middle of claiming the message: its UPDATE done, not yet committed. */
    async function otherProcessClaims(id: number) {
      const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await other.connect();
      await other.query("begin");
      const r = await other.query("update outbox set lease_until = $1 where id = $2 and status = 'pending'", [new Date(Date.now() + 120_000).toISOString(), id]);
      expect(r.rowCount).toBe(1);
      return other;
    }
    /**
     * Until this process's claim waits for the other's row lock (no fixed sleep). Asked on a
     * connection of its own: inside a transaction pg_stat_activity keeps its first snapshot.
     */
    async function untilWaitingForLock(done: () => boolean) {
      const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await watcher.connect();
      try {
        while (!done()) {
          const { rows } = await watcher.query<{ n: number }>(
            "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike 'update \"outbox\"%'",
          );
          if (rows[0].n > 0) return;
        }
      } finally {
        await watcher.end();
      }
    }

    it.each([
      ["commits", 0, "commit"],
      ["rolls back", 1, "rollback"],
    ] as const)("a message claimed by another process that %s is sent by this one %i time(s)", async (_label, expected, end) => {
      const smtp = await startSmtp();
      const restore = withEnv({ SMTP_URL: smtp.url });
      try {
        await getDb().deleteFrom("outbox").execute();
        await transaction((trx) => enqueueMail(trx, { to: "once@example.org", locale: "de", template: "password-changed-notice", data: { name: "Test Person" } }));
        const { id } = await getDb().selectFrom("outbox").select("id").executeTakeFirstOrThrow();
        const other = await otherProcessClaims(id);
        let settled = false;
        const sending = deliverDueMail().finally(() => (settled = true));
        await untilWaitingForLock(() => settled);
        expect(settled, "the sender must wait for the other process's claim").toBe(false);
        await other.query(end);
        await other.end();
        expect(await sending).toEqual({ sent: expected, failed: 0 });
        expect(smtp.received).toHaveLength(expected);
      } finally {
        restore();
        await smtp.close();
      }
    });
  });
});
