/**
 * A report's statements run on one connection (issue #13, ADR 0053): on PostgreSQL the statements
 * a section starts together would otherwise each take a pooled connection, and ten reports at once
 * put twenty backends on two cores. The figures are the same either way (figures.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Actor } from "../../../app/auth/permissions";
import { periodOf } from "../../../app/modules/reports/period";
import { buildReport } from "../../../app/modules/reports/report.server";
import { getDb, getEngine } from "../../../app/utils/db.server";
import { createDatabase, type Database } from "../../../db/database";
import { createTestUser } from "../../factories";

let actor: Actor;
let other: Database | undefined;
const NAME = `report-one-connection-${process.pid}`;

beforeAll(async () => {
  const u = await createTestUser(getDb(), { roles: ["coordinator"] });
  actor = { userId: u.id, email: u.email, name: "Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
});
afterAll(async () => {
  await other?.destroy();
});

describe("a report on PostgreSQL", () => {
  // Skipped on SQLite (reason): there is one connection per process whatever the code does, so there is no backend to count. The PostgreSQL pass of `npm test` (and of .ci/run) runs it.
  it.runIf(getEngine() === "postgres")("opens one backend for all its statements, both periods and both views", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set("application_name", NAME);
    other = createDatabase(url.toString(), { poolSize: 10 }).db;
    const backends = async () => Number((await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = ${NAME}`.execute(getDb())).rows[0].n);
    expect(await backends()).toBe(0);
    const period = periodOf("year", "2026-01-01", "2027-01-01");
    const overview = await buildReport(actor, { view: "overview", period, today: "2026-12-06" }, other);
    const kommAn = await buildReport(actor, { view: "komm-an", period, today: "2026-12-06" }, other);
    expect(overview.sections.map((s) => s.key)).toEqual(["volunteers", "hours", "assignments", "donations", "sponsorships", "rooms"]);
    expect(kommAn.sections.map((s) => s.key)).toEqual(["kommAn"]);
    // The pool keeps its idle connections (10 s), so every one this handle opened is still there.
    expect(await backends()).toBe(1);
    // And the same figures as through the process's own handle.
    expect(await buildReport(actor, { view: "overview", period, today: "2026-12-06" })).toEqual(overview);
  });
});
