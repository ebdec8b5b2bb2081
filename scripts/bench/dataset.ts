/**
 * The bench database: migrated, then filled by every registered module whose tables exist.
 * A sidecar file (`<db>.json`) records the seed, the modules generated and the ids they
 * handed on, so a later run reuses the data and only generates modules that are new.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { createDatabase, engineOf, migrateToLatest, type Database } from "../../db/database";
import type { DB } from "../../db/schema";
import { DEMO_LOGINS } from "../../db/seed/demo";
import { benchModules } from "./modules/index";
import { mulberry32, seedFrom } from "./random";
import type { BenchContext, BenchModule, BenchRoute } from "./types";

/** Bumped when the foundation's data set changes shape: an older bench database is regenerated. */
const DATASET_VERSION = 1;

type Meta = {
  version: number;
  seed: number;
  now: string;
  modules: Array<{ name: string; generatedAt: string; seconds: number }>;
  ids: BenchContext["ids"];
};

export type ModuleStatus = {
  module: BenchModule;
  state: "generated" | "reused" | "skipped";
  missingTables?: string[];
  seconds?: number;
};

export type Dataset = {
  db: Database;
  file: string;
  seed: number;
  now: Date;
  modules: ModuleStatus[];
  /** Rows per table (application tables only), for the report. */
  counts: Record<string, number>;
  /** A context for `routes()` / `timings()` of a module (its own seeded stream). */
  contextFor(module: BenchModule): BenchContext;
  close(): Promise<void>;
};

const metaFile = (file: string) => `${file}.json`;

function removeDatabase(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`, metaFile(file)]) fs.rmSync(f, { force: true });
}

function readMeta(file: string): Meta | null {
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile(file), "utf8")) as Meta;
    return meta.version === DATASET_VERSION ? meta : null;
  } catch {
    return null;
  }
}

export async function tableNames(db: Kysely<any>): Promise<Set<string>> {
  const { rows } =
    engineOf(db) === "postgres"
      ? await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  return new Set(rows.map((r) => r.name));
}

export async function prepareDataset(opts: {
  file: string;
  fresh: boolean;
  seed: number;
  log: (line: string) => void;
}): Promise<Dataset> {
  const { file, log } = opts;
  // Never delete a database this harness did not create (e.g. `--db data/ehrenamt.sqlite`).
  if (fs.existsSync(file) && !fs.existsSync(metaFile(file))) {
    throw new Error(`${file} exists but is not a bench database (no ${path.basename(metaFile(file))} next to it). Pick another --db or remove it yourself.`);
  }
  let meta = fs.existsSync(file) && !opts.fresh ? readMeta(file) : null;
  if (meta && meta.seed !== opts.seed) {
    log(`Bench database ${file} was generated with seed ${meta.seed}; regenerating with seed ${opts.seed}.`);
    meta = null;
  }
  if (!meta) {
    if (fs.existsSync(file)) log(`Removing the old bench database ${file}.`);
    removeDatabase(file);
    meta = { version: DATASET_VERSION, seed: opts.seed, now: new Date().toISOString(), modules: [], ids: {} };
  } else {
    log(`Reusing the bench database ${file} (generated ${meta.now}; --fresh regenerates it).`);
  }

  let { db } = createDatabase(file);
  let applied: string[];
  try {
    applied = await migrateToLatest(db);
  } catch (err) {
    if (!meta.modules.length) throw err;
    // E.g. a migration merged in before one the old bench database already ran: the data
    // set is disposable, so it is generated again on the current schema.
    log(`The old bench database cannot be migrated (${err instanceof Error ? err.message : String(err)}); regenerating it.`);
    await db.destroy();
    removeDatabase(file);
    meta = { version: DATASET_VERSION, seed: opts.seed, now: new Date().toISOString(), modules: [], ids: {} };
    ({ db } = createDatabase(file));
    applied = await migrateToLatest(db);
  }
  if (applied.length) log(`Applied ${applied.length} migration(s).`);
  const tables = await tableNames(db);
  const now = new Date(meta.now);
  const contextFor = (module: BenchModule): BenchContext => ({
    random: mulberry32(seedFrom(`${opts.seed}:${module.name}`)),
    now,
    ids: meta.ids,
  });

  const statuses: ModuleStatus[] = [];
  for (const module of benchModules) {
    const missing = module.requiresTables.filter((t) => !tables.has(t));
    if (missing.length) {
      log(`  ${module.name}: skipped (tables not there yet: ${missing.join(", ")})`);
      statuses.push({ module, state: "skipped", missingTables: missing });
      continue;
    }
    const done = meta.modules.find((m) => m.name === module.name);
    if (done) {
      log(`  ${module.name}: reused (generated ${done.generatedAt})`);
      statuses.push({ module, state: "reused", seconds: done.seconds });
      continue;
    }
    log(`  ${module.name}: generating …`);
    const started = performance.now();
    const ctx = contextFor(module);
    const ids = { ...meta.ids };
    // Modules open their own transaction (batched inserts inside one are fast). A module that
    // fails half-way leaves rows behind, so the bench database is removed: the next run starts over.
    try {
      await module.generate(db, { ...ctx, ids });
    } catch (err) {
      await db.destroy();
      removeDatabase(file);
      throw new Error(`Generating the ${module.name} data failed (bench database removed): ${err instanceof Error ? err.message : String(err)}`);
    }
    const seconds = (performance.now() - started) / 1000;
    meta.ids = ids;
    meta.modules.push({ name: module.name, generatedAt: new Date().toISOString(), seconds });
    fs.writeFileSync(metaFile(file), JSON.stringify(meta));
    log(`  ${module.name}: generated in ${seconds.toFixed(1)} s`);
    statuses.push({ module, state: "generated", seconds });
  }
  // Start the server on a checkpointed file (no large WAL left over from generating).
  if (engineOf(db) === "sqlite") await sql`pragma wal_checkpoint(truncate)`.execute(db);

  const counts: Record<string, number> = {};
  for (const t of [...(await tableNames(db))].sort()) {
    if (t.startsWith("sqlite_") || t.startsWith("kysely_")) continue;
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    counts[t] = Number(rows[0].n);
  }

  return {
    db,
    file,
    seed: opts.seed,
    now,
    modules: statuses,
    counts,
    contextFor,
    close: () => db.destroy(),
  };
}

export type Login = { role: NonNullable<BenchRoute["role"]>; userId: string; name: string; cookie: string; sessionId: string };

/**
 * Logs the demo user of each role in by writing a session row directly (what a login would
 * store after a login): the routes are measured with the cookie `eh_session=<token>`.
 */
export async function createLogins(db: Kysely<DB>, roles: Iterable<NonNullable<BenchRoute["role"]>>): Promise<Map<string, Login>> {
  const logins = new Map<string, Login>();
  const now = new Date();
  for (const role of new Set(roles)) {
    const demo = DEMO_LOGINS.find((l) => l.role === role);
    if (!demo) throw new Error(`No demo login for the role ${role}.`);
    const user = await db.selectFrom("user").select(["id", "name"]).where("email", "=", demo.email).executeTakeFirst();
    if (!user) throw new Error(`The bench database has no user ${demo.email}; run with --fresh.`);
    // The cookie holds the token, the table its SHA-256 (migration 0020).
    const token = randomBytes(24).toString("hex");
    const sessionId = createHash("sha256").update(token).digest("hex");
    await db
      .insertInto("session")
      .values({
        id: sessionId,
        user_id: user.id,
        // 14 days, like a real login (extended only by the root loader when less than half is left).
        expires_at: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
        created_at: now.toISOString(),
      })
      .execute();
    logins.set(role, { role, userId: user.id, name: user.name, cookie: `eh_session=${token}`, sessionId });
  }
  return logins;
}

export async function removeLogins(db: Kysely<DB>, logins: Map<string, Login>) {
  const ids = [...logins.values()].map((l) => l.sessionId);
  if (ids.length) await db.deleteFrom("session").where("id", "in", ids).execute();
}
