/**
 * What `npm run bench` (run.ts) and the side-by-side run of both engines (side-by-side.ts) share:
 * the routes to measure, how many requests a heavy route is measured by, and the PostgreSQL copy of
 * the data set.
 */
import pg from "pg";
import { createDatabase, type Database } from "../../db/database";
import { copySqliteToPostgres, formatReport } from "../pg-copy";
import { redact } from "../pg-tools";
import type { Dataset } from "./dataset";
import { cpuOfPids } from "./machine";
import type { DatabaseCpu } from "./measure";
import { FLOOR_ROUTE } from "./modules/foundation";
import type { BenchRoute } from "./types";

export type Planned = { module: string; route: BenchRoute };

/** Every route of every module whose data is there; route names must be unique. */
export async function plannedRoutes(dataset: Dataset): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const status of dataset.modules) {
    if (status.state === "skipped") continue;
    for (const route of await status.module.routes(dataset.contextFor(status.module))) planned.push({ module: status.module.name, route });
  }
  const names = new Set<string>();
  for (const p of planned) {
    if (names.has(p.route.name)) throw new Error(`Two bench routes are called "${p.route.name}": route names must be unique.`);
    names.add(p.route.name);
  }
  if (!names.has(FLOOR_ROUTE.name)) throw new Error(`The floor route "${FLOOR_ROUTE.name}" is missing (foundation module skipped?).`);
  return planned;
}

/** Route names given with `--routes`: separated by commas, or by "|" where a name holds a comma ("hours: organisation, days"). */
export function routeNames(raw: string | undefined): string[] | null {
  return (
    raw
      ?.split(raw.includes("|") ? "|" : ",")
      .map((r) => r.trim())
      .filter(Boolean) ?? null
  );
}

/**
 * The floor first (every ratio needs it), then the routes named (all when none are), in the
 * modules' order. Unknown names end the run with the names there are.
 */
export function selectRoutes(planned: Planned[], names: string[] | null): Planned[] {
  if (names) {
    const known = new Set(planned.map((p) => p.route.name));
    const unknown = names.filter((r) => !known.has(r));
    if (unknown.length) {
      console.error(`Unknown route(s): ${unknown.join(", ")}. Known: ${[...known].join(", ")}`);
      process.exit(2);
    }
  }
  return [
    planned.find((p) => p.route.name === FLOOR_ROUTE.name)!,
    ...planned.filter((p) => p.route.name !== FLOOR_ROUTE.name && (!names || names.includes(p.route.name))),
  ];
}

/** Below this many answers expected within the duration, a route is measured by this many requests (at least twice the connections). */
const HEAVY_RESPONSES = 40;
/**
 * A duration-measured run leaves up to `connections` requests unanswered at its end; their CPU
 * counts against the answers (and what the server does for them after the end lands in the next
 * run). Below this many answers per connection expected, the run is measured by a number of
 * requests instead, so that share stays under ~5 % (stop 19: the year's XLSX at 50 connections
 * answered 20 requests in 4 s with 50 running and showed 436 ms a request against 138 at 10).
 */
const ANSWERS_PER_CONNECTION = 20;

/** How many requests a run is measured by (undefined: by the duration), from the answers expected within it. */
export function requestsToMeasure(expected: number, connections: number): number | undefined {
  if (expected >= HEAVY_RESPONSES && expected >= ANSWERS_PER_CONNECTION * connections) return undefined;
  return Math.max(HEAVY_RESPONSES, 2 * connections, Math.round(Number.isFinite(expected) ? expected : 0));
}

export type PostgresCopy = {
  /** A handle on the copy (for the logins). */
  db: Database;
  /** CPU seconds so far of the backends serving the bench database (the server's pooled connections). */
  databaseCpu: DatabaseCpu;
  close(): Promise<void>;
};

/**
 * A fresh copy of the data set (the SQLite file) in the PostgreSQL database `pgUrl` names: the
 * database is dropped and created again, the copy verified table by table (counts and checksums).
 */
export async function copyIntoPostgres(dbFile: string, pgUrl: string, log: (line: string) => void): Promise<PostgresCopy> {
  const url = new URL(pgUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(pgUrl);
  admin.pathname = "/postgres";
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  await adminClient.query(`create database "${name.replace(/"/g, '""')}"`);
  await adminClient.end();
  log(`Copying the data set into ${redact(pgUrl)} …`);
  const copy = await copySqliteToPostgres({ from: dbFile, to: pgUrl });
  if (!copy.ok) throw new Error(`The PostgreSQL copy differs from the data set:\n${formatReport(copy)}`);
  log(`  ${copy.rows} rows copied and verified (counts and checksums of ${copy.tables.length} tables equal) in ${copy.seconds.toFixed(1)} s.`);
  const { db } = createDatabase(pgUrl, { poolSize: 2 });
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  const databaseCpu: DatabaseCpu = async () => {
    const { rows } = await client.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
    return cpuOfPids(rows.map((r) => r.pid));
  };
  return {
    db,
    databaseCpu,
    close: async () => {
      await db.destroy();
      await client.end();
    },
  };
}
