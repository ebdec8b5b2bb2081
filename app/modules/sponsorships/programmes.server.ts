import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { getDb } from "~/utils/db.server";

/** The active programmes a tandem can belong to (the city's own first, then by name). */
export async function listActiveProgrammes(db: Kysely<DB> = getDb()) {
  const rows = await db
    .selectFrom("sponsorship_programme as p")
    .leftJoin("organisation as o", "o.id", "p.organisation_id")
    .select(["p.id", "p.name", "p.kind", "p.funder", "o.name as organisation"])
    .where("p.active", "=", 1)
    .orderBy("p.name")
    .orderBy("p.id")
    .execute();
  const order = { city: 0, funded: 1, association: 2 } as const;
  return rows.sort((a, b) => order[a.kind] - order[b.kind]);
}
