import { sql } from "kysely";
import { getDb } from "~/utils/db.server";
import { freshSharedRead } from "~/utils/fresh-read";

/**
 * The database probe, shared by the checks that arrive while one runs (`freshSharedRead`): each
 * check still gets a probe that began after it arrived, so a database that stopped answering is
 * never reported as up; on PostgreSQL a round trip is most of a check's cost (issue #13, ADR 0054).
 */
const probe = freshSharedRead(async () => {
  await sql`select 1`.execute(getDb());
});

// Public, for monitoring: answers 200 when the database answers, 503 otherwise. No data.
export async function loader() {
  try {
    await probe();
    return new Response(JSON.stringify({ status: "ok" }), { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch {
    return new Response(JSON.stringify({ status: "error" }), { status: 503, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  }
}
