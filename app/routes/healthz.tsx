import { getEngine, probeDatabase } from "~/utils/db.server";
import { freshSharedRead } from "~/utils/fresh-read";

/**
 * The least time between two probes of a loaded process on PostgreSQL, in ms. `/healthz` is
 * public: without a bound, anyone could make it one database round trip per request. Checks that
 * arrive in between wait (at most this long) and share the next probe; an idle process probes at
 * once. On SQLite a probe is a statement in the process (microseconds), so they are not spaced.
 */
export const HEALTH_PROBE_INTERVAL_MS = 2;

/**
 * The database probe (`select 1`, straight through the pool), shared by the checks that arrive
 * before it starts (`freshSharedRead`): each check still gets a probe that began after it
 * arrived, so a database that stopped answering is never reported as up (issue #13, ADR 0055).
 */
let probe: (() => Promise<void>) | undefined;

/**
 * The answer with its length: a streamed body of unknown length is compressed whatever its size,
 * and a compression stream for these few bytes cost more than the rest of the check (about 1 ms
 * of CPU, issue #13); with the length given, the server sends them as they are.
 */
const answer = (status: number, body: string) =>
  new Response(body, { status, headers: { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)), "Cache-Control": "no-store" } });

// Public, for monitoring: answers 200 when the database answers, 503 otherwise. No data.
export async function loader() {
  try {
    probe ??= freshSharedRead(probeDatabase, { minIntervalMs: getEngine() === "postgres" ? HEALTH_PROBE_INTERVAL_MS : 0 });
    await probe();
    return answer(200, JSON.stringify({ status: "ok" }));
  } catch {
    return answer(503, JSON.stringify({ status: "error" }));
  }
}
