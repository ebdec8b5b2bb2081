import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";

/**
 * A module's part of the benchmark: it generates its county-scale data into the bench
 * database (skipped when one of `requiresTables` does not exist yet) and names the routes
 * to measure. Modules live in `scripts/bench/modules/<name>.ts`, listed in `modules/index.ts`.
 */
export type BenchContext = {
  /** Deterministic pseudo-random numbers in [0, 1) (seeded), so runs are comparable. */
  random: () => number;
  now: Date;
  /** Ids created by earlier modules, e.g. `ids.users`, `ids.volunteers`, `ids.organisations`. */
  ids: Record<string, Array<string | number>>;
};

export type BenchRoute = {
  name: string;
  path: string;
  /** Measured while logged in with this demo role (a session is created for the run). */
  role?: "coordinator" | "admin" | "volunteer" | "association_member";
};

export interface BenchModule {
  name: string;
  requiresTables: string[];
  generate(db: Kysely<DB>, ctx: BenchContext): Promise<void>;
  routes(ctx: BenchContext): Promise<BenchRoute[]> | BenchRoute[];
}
