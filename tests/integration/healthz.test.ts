/**
 * `/healthz` for monitoring: 200 when the database answers. Checks arriving while a probe runs share
 * it (ADR 0054), and a check after that probe has settled probes again; on PostgreSQL a loaded
 * process probes at most once per HEALTH_PROBE_INTERVAL_MS (ADR 0055).
 */
import { describe, expect, it } from "vitest";
import { HEALTH_PROBE_INTERVAL_MS, loader } from "../../app/routes/healthz";
import { getEngine, recordQueries } from "../../app/utils/db.server";

const probes = (queries: { sql: string }[]) => queries.filter((q) => /^select 1$/.test(q.sql.trim())).length;

describe("/healthz", () => {
  it("answers 200 with the database up; concurrent checks share one probe, a later check probes anew", async () => {
    const together = await recordQueries(() => Promise.all(Array.from({ length: 5 }, () => loader())));
    expect(together.result.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await together.result[0].json()).toEqual({ status: "ok" });
    // The first check probes; the others arrive while it runs and wait for one probe after it.
    expect(probes(together.queries)).toBeGreaterThanOrEqual(1);
    expect(probes(together.queries)).toBeLessThanOrEqual(2);
    const later = await recordQueries(() => loader());
    expect(later.result.status).toBe(200);
    expect(probes(later.queries)).toBe(1);
  });

  it("on PostgreSQL a check right after a probe waits for the interval and probes anew (never the earlier probe's answer)", async () => {
    const t0 = performance.now();
    expect((await loader()).status).toBe(200);
    const next = await recordQueries(() => loader());
    const elapsed = performance.now() - t0;
    expect(next.result.status).toBe(200);
    expect(probes(next.queries)).toBe(1);
    // Two local round trips take far less than the interval; only the spacing makes the second wait.
    if (getEngine() === "postgres") expect(elapsed).toBeGreaterThanOrEqual(HEALTH_PROBE_INTERVAL_MS);
  });
});
