import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// PostgreSQL only: a trigram index on the users' folded name key, so the name search of the office
// lists (`name_key like '%…%'`, app/utils/like.server.ts `containsFolded`) is answered from an index
// instead of reading every user (bench data set, 10,000 users: the count of "yus" 1.9–2.4 → 0.7–1.0 ms,
// its first page 2.6–3.3 → 1.8–1.9 ms; issue #13, docs/benchmarks.md "Stop 13"). The query is the
// same on both engines; SQLite has no such index type and keeps scanning (it is in process and
// cheaper per row). `pg_trgm` ships with PostgreSQL and is a trusted extension (13+): the database's
// owner may create it (docs/deploy.md).

export function migration(engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine !== "postgres") return;
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`create index user_name_key_trgm_idx on "user" using gin (name_key gin_trgm_ops)`.execute(db);
    },
    async down(db: Kysely<any>): Promise<void> {
      if (engine !== "postgres") return;
      await sql`drop index if exists user_name_key_trgm_idx`.execute(db);
    },
  };
}
