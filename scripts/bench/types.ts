import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";

/**
 * A module's part of the benchmark: it generates its county-scale data into the bench
 * database (skipped when one of `requiresTables` does not exist yet) and names the routes
 * to measure. Modules live in `scripts/bench/modules/<name>.ts`, listed in `modules/index.ts`.
 *
 * Writing one: draw every value from `ctx.random` (helpers in `../random.ts`: `pick`, `int`,
 * `weighted`, `sample`, `chunks`); insert in batches (`chunks(rows, 500)`) inside one
 * `db.transaction()` of your own (fast with better-sqlite3); put ids later modules need into
 * `ctx.ids`; give a route a `goal` when an issue sets one. After changing a generator:
 * `npm run bench -- --fresh`.
 */
export type BenchContext = {
  /** Deterministic pseudo-random numbers in [0, 1) (seeded), so runs are comparable. */
  random: () => number;
  now: Date;
  /** Ids created by earlier modules, e.g. `ids.users`, `ids.volunteers`, `ids.organisations`. */
  ids: Record<string, Array<string | number>>;
};

/** A target from an issue, checked against this route's figures at `connections` (default 10). */
export type BenchGoal = {
  connections?: 10 | 50;
  maxP99Ms?: number;
  minReqPerSec?: number;
  /** Where the goal comes from, e.g. "issue 4". */
  source?: string;
};

export type BenchRoute = {
  name: string;
  path: string;
  /** Measured while logged in with this demo role (a session is created for the run). */
  role?: "coordinator" | "admin" | "volunteer" | "association_member";
  /** Optional: the goal an issue sets for this route (shown as met / missed in the report). */
  goal?: BenchGoal;
};

/**
 * Optional: an in-process timing (no HTTP), e.g. "match one need against 50,000 offers".
 * `run` is called `iterations` times (default 20) after two unmeasured calls; app code it
 * calls reads the bench database (`DATABASE_PATH` points there while timings run).
 */
export type BenchTiming = {
  name: string;
  run: () => unknown;
  iterations?: number;
  goal?: { maxMs: number; source?: string };
};

export interface BenchModule {
  name: string;
  requiresTables: string[];
  generate(db: Kysely<DB>, ctx: BenchContext): Promise<void>;
  routes(ctx: BenchContext): Promise<BenchRoute[]> | BenchRoute[];
  /** Optional in-process timings, reported in their own table. */
  timings?(ctx: BenchContext): Promise<BenchTiming[]> | BenchTiming[];
}
