/** Checking a route answers 200, and measuring it with autocannon (programmatic API). */
import autocannon from "autocannon";
import { processCpu } from "./machine";

export type Figures = {
  connections: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Responses completed within the duration (0: the route never answered in time), or of the `amount`. */
  responses: number;
  /** Set when the route was measured by a number of requests instead of a duration (a heavy route). */
  amount?: number;
  /**
   * Server CPU time per response (ms), from the server process's own CPU counters: unlike
   * req/s it hardly depends on what else runs on the machine. 1000 / this ≈ req/s one idle core could serve.
   */
  cpuMsPerResponse: number | null;
  /**
   * PostgreSQL only: CPU time per response (ms) of the database server's backends that served the
   * bench database (the server's connections), from their own CPU counters; null on SQLite, where the
   * database work is inside the server processes and already in `cpuMsPerResponse`.
   */
  dbCpuMsPerResponse: number | null;
  /** Average bytes on the wire per response (headers + body, compressed if the server did). */
  bytesPerResponse: number;
};

/** Sent with every request: browsers and calendar clients accept gzip, so the server compresses. */
export const ACCEPT_ENCODING = "gzip";

export type Check = { ok: true; status: number; contentType: string; bytes: number } | { ok: false; reason: string };

/**
 * One plain request before measuring: the route must answer 200 (a redirect to /login means
 * the session did not work, a 403 the role lacks a permission). When `expectText` is given
 * (the logged-in user's name) an HTML page must contain it: proof that the session was used.
 */
export async function checkRoute(url: string, headers: Record<string, string>, expectText?: string): Promise<Check> {
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    return { ok: false, reason: `request failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const body = await res.text();
  const contentType = res.headers.get("content-type") ?? "";
  if (res.status !== 200) {
    const location = res.headers.get("location");
    return { ok: false, reason: `HTTP ${res.status}${location ? ` → ${location}` : ""}: ${body.replace(/\s+/g, " ").slice(0, 300)}` };
  }
  if (expectText && contentType.includes("text/html") && !body.includes(expectText)) {
    return { ok: false, reason: `HTTP 200, but the page does not show the logged-in user "${expectText}" (session not recognised?)` };
  }
  return { ok: true, status: res.status, contentType, bytes: Buffer.byteLength(body) };
}

/** CPU seconds so far per database backend process (PostgreSQL), or null where unknown. */
export type DatabaseCpu = () => Promise<Map<number, number> | null>;

/**
 * Waits until the server (and its database backends) have finished the work of an earlier run: a
 * run by duration ends with up to `connections` requests unanswered, which the server still
 * completes, and their CPU would land in the next run (stop 19: a year report's warm-up left ten
 * reports running into the measured run). Quiet = under 5 ms of CPU in 100 ms, twice in a row; at
 * most 60 s.
 */
export async function settle(serverPid: number, databaseCpu?: DatabaseCpu): Promise<void> {
  const total = async () => (processCpu(serverPid) ?? 0) + [...((await databaseCpu?.()) ?? new Map<number, number>()).values()].reduce((a, b) => a + b, 0);
  const deadline = Date.now() + 60_000;
  let before = await total();
  for (let quiet = 0; quiet < 2 && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await total();
    quiet = now - before < 0.005 ? quiet + 1 : 0;
    before = now;
  }
}

export async function measure(
  url: string,
  opts: { connections: number; duration: number; amount?: number; headers: Record<string, string>; serverPid?: number; databaseCpu?: DatabaseCpu },
): Promise<Figures> {
  if (opts.serverPid) await settle(opts.serverPid, opts.databaseCpu);
  const db0 = opts.databaseCpu ? await opts.databaseCpu() : null;
  const cpu0 = opts.serverPid ? processCpu(opts.serverPid) : null;
  // With `amount`, that many requests instead of a duration: every request sent is answered before
  // the CPU is read, so none is counted half (the heavy routes answer only a few per second).
  const r = await autocannon({
    url,
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount, timeout: 120 } : { duration: opts.duration, timeout: 10 }),
    pipelining: 1,
    headers: opts.headers,
  });
  const responses = r.requests.total;
  const cpu1 = opts.serverPid ? processCpu(opts.serverPid) : null;
  const db1 = opts.databaseCpu ? await opts.databaseCpu() : null;
  let dbCpu: number | null = null;
  if (db0 && db1) {
    dbCpu = 0;
    // A backend opened during the interval counts with all its CPU time.
    for (const [pid, cpu] of db1) dbCpu += cpu - (db0.get(pid) ?? 0);
  }
  return {
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : {}),
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    responses,
    cpuMsPerResponse: cpu0 !== null && cpu1 !== null && responses > 0 ? ((cpu1 - cpu0) * 1000) / responses : null,
    dbCpuMsPerResponse: dbCpu !== null && responses > 0 ? (dbCpu * 1000) / responses : null,
    bytesPerResponse: responses ? r.throughput.total / responses : 0,
  };
}
