import { sql } from "kysely";
import { getDb } from "~/utils/db.server";

// Public, for monitoring: answers 200 when the database answers, 503 otherwise. No data.
export async function loader() {
  try {
    await sql`select 1`.execute(getDb());
    return new Response(JSON.stringify({ status: "ok" }), { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch {
    return new Response(JSON.stringify({ status: "error" }), { status: 503, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  }
}
