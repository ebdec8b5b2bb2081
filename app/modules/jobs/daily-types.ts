import type { Kysely } from "kysely";
import type { DB } from "@db/schema";

/** A task of the daily job (`daily.server.ts` runs them; modules define them): its own file, so a task does not import the job that imports it. */
export type DailyTask = {
  name: string;
  run: (trx: Kysely<DB>, now: Date) => Promise<number>;
  /** Work after `run`'s transaction has committed, outside any transaction (e.g. PostgreSQL's `vacuum`). */
  afterCommit?: () => Promise<void>;
};
