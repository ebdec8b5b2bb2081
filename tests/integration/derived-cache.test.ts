import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../app/auth/permissions";
import { listOffersForOffice } from "../../app/modules/donations/review.server";
import { OFFER_FILTERS } from "../../app/modules/donations/schema";
import { inboxProviders } from "../../app/modules/office/inbox.server";
import { taskCounts } from "../../app/modules/tasks/queue.server";
import { getLookups } from "../../app/modules/volunteers/queries.server";
import { associationOptions } from "../../app/modules/associations/lookups.server";
import { addDaysToDay, addYearsToDay, berlinDay } from "../../app/utils/dates";
import { getDb, recordQueries, tablesOfScopes, tablesRead } from "../../app/utils/db.server";
import { clearDerived, DERIVED_TTL_MS, derived, scopeVersions, traceDerived } from "../../app/utils/derived-cache.server";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../factories";
import { createTestAssignment, createTestHours, createTestInspection } from "../factories/coverage";
import { createTestHousehold, createTestNeed, createTestOffer } from "../factories/donations";

beforeEach(() => clearDerived());

describe("derived data cached per data version", () => {
  it("computes once while the scope's version stands, again after a write to one of its tables", async () => {
    let runs = 0;
    const compute = async () => ++runs;
    expect(await derived("k", ["coverage"], compute)).toBe(1);
    expect(await derived("k", ["coverage"], compute)).toBe(1);
    const before = await scopeVersions(["coverage"]);
    const office = await createTestUser(getDb(), { roles: ["coordinator"] });
    const org = await createTestOrganisation(getDb(), { legalForm: "city" });
    const v = await createTestVolunteer(getDb(), { status: "active" });
    await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: org.id, createdBy: office.id });
    expect(await scopeVersions(["coverage"])).not.toBe(before);
    expect(await derived("k", ["coverage"], compute)).toBe(2);
    // Another key is computed for itself.
    expect(await derived("other", ["coverage"], compute)).toBe(3);
  });

  it("fails closed: an unknown scope is never kept, and an entry expires after the time limit without a bump", async () => {
    let runs = 0;
    const compute = async () => ++runs;
    expect(await scopeVersions(["no-such-scope"])).toBeNull();
    expect(await derived("unknown", ["coverage", "no-such-scope"], compute)).toBe(1);
    expect(await derived("unknown", ["coverage", "no-such-scope"], compute)).toBe(2);

    let clock = 1_000_000;
    const now = () => clock;
    expect(await derived("timed", ["coverage"], compute, now)).toBe(3);
    clock += DERIVED_TTL_MS - 1;
    expect(await derived("timed", ["coverage"], compute, now)).toBe(3);
    clock += 1;
    expect(await derived("timed", ["coverage"], compute, now)).toBe(4);
  });

  it("values asked for together read their versions in one query, and each sees a write made before it asked", async () => {
    const versionReads = (sqls: { sql: string }[]) => sqls.filter((q) => /from cache_scope s/.test(q.sql)).length;
    let runs = 0;
    const compute = async () => ++runs;
    const together = await recordQueries(() => Promise.all([derived("a", ["coverage"], compute), derived("b", ["organisations"], compute), derived("c", ["coverage", "donations"], compute)]));
    expect(together.result.sort()).toEqual([1, 2, 3]);
    expect(versionReads(together.queries)).toBe(1);
    // A write between two askings: the later asking reads anew and computes again.
    const first = derived("a", ["coverage"], compute);
    await first;
    const office = await createTestUser(getDb(), { roles: ["coordinator"] });
    const org = await createTestOrganisation(getDb(), { legalForm: "city" });
    const v = await createTestVolunteer(getDb(), { status: "active" });
    await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: org.id, createdBy: office.id });
    expect(await derived("a", ["coverage"], compute)).toBe(4);
  });

  it("requests that miss while the same value is being computed share that computation", async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const compute = async () => {
      runs++;
      await gate;
      return runs;
    };
    const waiting = [derived("shared", ["coverage"], compute), derived("shared", ["coverage"], compute), derived("shared", ["coverage"], compute)];
    // All three have read the versions and missed before the computation ends.
    await expect.poll(() => runs).toBe(1);
    release();
    expect(await Promise.all(waiting)).toEqual([1, 1, 1]);
    expect(runs).toBe(1);
    // A failed computation is shared too, and not kept: the next request computes again.
    let fail!: () => void;
    const failGate = new Promise<void>((resolve) => (fail = resolve));
    const failing = async () => {
      runs++;
      await failGate;
      throw new Error("boom");
    };
    const failingRuns = [derived("failing", ["coverage"], failing), derived("failing", ["coverage"], failing)];
    await expect.poll(() => runs).toBe(2);
    fail();
    const failed = await Promise.allSettled(failingRuns);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(runs).toBe(2);
    await expect(derived("failing", ["coverage"], async () => ++runs)).resolves.toBe(3);
  });
});

describe("every table a derived value reads invalidates it", () => {
  it("the office inbox and the offer counts read only tables that bump their scopes", async () => {
    const db = getDb();
    const today = berlinDay(new Date());
    const c = await createTestUser(db, { roles: ["coordinator"] });
    const org = await createTestOrganisation(db, { legalForm: "city" });
    // Something for every derived item: a certificate due and one to delete, hours waiting, an old need, offers.
    const due = await createTestVolunteer(db, { status: "active" });
    await createTestAssignment(db, { volunteerId: due.id, organisationId: org.id, createdBy: c.id, worksWithMinors: true, startDay: addYearsToDay(today, -6) });
    await createTestInspection(db, { volunteerId: due.id, inspectedBy: c.id, certificateDate: addYearsToDay(today, -5), inspectedOn: addYearsToDay(today, -5) });
    const gone = await createTestVolunteer(db, { status: "active" });
    await createTestAssignment(db, { volunteerId: gone.id, organisationId: org.id, createdBy: c.id, worksWithMinors: true, startDay: addYearsToDay(today, -3), endDay: addYearsToDay(today, -2) });
    await createTestInspection(db, { volunteerId: gone.id, inspectedBy: c.id, certificateDate: addYearsToDay(today, -3), inspectedOn: addYearsToDay(today, -3) });
    const worker = await createTestVolunteer(db, { status: "active" });
    const a = await createTestAssignment(db, { volunteerId: worker.id, organisationId: org.id, createdBy: c.id, startDay: addDaysToDay(today, -60) });
    await createTestHours(db, { assignmentId: a.id, day: addDaysToDay(today, -40), createdAt: new Date(Date.now() - 40 * 86_400_000).toISOString() });
    const household = await createTestHousehold(db);
    await createTestNeed(db, household.id, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    await createTestOffer(db);

    const office: Actor = { userId: c.id, email: "c@example.org", name: "C", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
    const traced = traceDerived();
    // Both forms of the hints: for those who work the queue (task kinds left out) and for others.
    for (const tasksInQueue of [false, true]) for (const provider of inboxProviders) await provider(office, new Date(), { tasksInQueue });
    for (const filter of OFFER_FILTERS) await listOffersForOffice(office, filter, 1);
    await getLookups();
    await associationOptions();
    await taskCounts(office);
    expect(traced.has("volunteer-lookups")).toBe(true);
    expect(traced.has("association-options")).toBe(true);
    const keys = [...traced.keys()];
    for (const prefix of ["tasks:counts:", "inbox:tandems:", "inbox:seal:", "inbox:sponsorship-requests:", "inbox:donations:"]) {
      expect(keys.filter((k) => k.startsWith(prefix)).length, prefix).toBeGreaterThan(0);
    }

    const invalidating = await tablesOfScopes();
    const problems: string[] = [];
    for (const [key, { scopes, queries }] of traced) {
      const covered = new Set(scopes.flatMap((s) => [...(invalidating.get(s) ?? [])]));
      const missing = [...(await tablesRead(queries))].filter((t) => !covered.has(t));
      if (missing.length) problems.push(`${key} (scopes ${scopes.join(", ")}) reads ${missing.join(", ")}, which bump none of them`);
    }
    expect(problems, "Add the table to a scope (a trigger in a new migration) or the scope to the derived value").toEqual([]);
  });
});
