import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../app/auth/permissions";
import { listOffersForOffice } from "../../app/modules/donations/review.server";
import { OFFER_FILTERS } from "../../app/modules/donations/schema";
import { inboxProviders } from "../../app/modules/office/inbox.server";
import { navTaskCount, taskCounts } from "../../app/modules/tasks/queue.server";
import { getLookups } from "../../app/modules/volunteers/queries.server";
import { associationOptions } from "../../app/modules/associations/lookups.server";
import { addDaysToDay, addYearsToDay, berlinDay } from "../../app/utils/dates";
import { getDb, recordQueries, tablesOfScopes, tablesRead } from "../../app/utils/db.server";
import { clearDerived, DERIVED_TTL_MS, derived, scopeVersions, traceDerived } from "../../app/utils/derived-cache.server";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../factories";
import { createTestAssignment, createTestHours, createTestInspection } from "../factories/coverage";
import { createTestHousehold, createTestNeed, createTestOffer } from "../factories/donations";
import { createTestRequest } from "../factories/sponsorships";
import { listUsers } from "../../app/modules/users/queries.server";
import { listHoursToDecide } from "../../app/modules/coverage/hours-list.server";
import { listVolunteersForAssociation, listVolunteersForOffice } from "../../app/modules/volunteers/list.server";
import { listRequests } from "../../app/modules/sponsorships/requests.server";
import { listEhrenamtskarte } from "../../app/modules/coverage/volunteer-facts.server";

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
    await navTaskCount(office);
    expect(traced.has("volunteer-lookups")).toBe(true);
    expect(traced.has("association-options")).toBe(true);
    const keys = [...traced.keys()];
    for (const prefix of ["tasks:counts:", "tasks:nav:", "inbox:tandems:", "inbox:seal:", "inbox:sponsorship-requests:", "inbox:donations:"]) {
      expect(keys.filter((k) => k.startsWith(prefix)).length, prefix).toBeGreaterThan(0);
    }

    expect(await uncoveredReads(traced), "Add the table to a scope (a trigger in a new migration) or the scope to the derived value").toEqual([]);
  });

  it("the office lists' totals read only tables that bump their scopes (ADR 0054)", async () => {
    const db = getDb();
    const today = berlinDay(new Date());
    const c = await createTestUser(db, { roles: ["coordinator", "admin"] });
    const org = await createTestOrganisation(db, { name: "Sportverein Anrath e.V." });
    const member = await createTestUser(db, { roles: ["association_member"], organisationIds: [org.id] });
    const v = await createTestVolunteer(db, { status: "active", name: "Mia Muster", languages: [{ code: "ar", level: "native" }], skills: ["Kochen"] });
    const a = await createTestAssignment(db, { volunteerId: v.id, organisationId: org.id, createdBy: c.id, startDay: addDaysToDay(today, -60) });
    await createTestHours(db, { assignmentId: a.id, day: addDaysToDay(today, -40) });
    const household = await createTestHousehold(db);
    await createTestRequest(db, household.id, { languages: ["ar"], help: ["german"], districtId: 1 });

    const office: Actor = { userId: c.id, email: "c@example.org", name: "C", locale: "de", emailVerified: true, roles: ["coordinator", "admin"], organisationIds: [] };
    const association: Actor = { userId: member.id, email: "m@example.org", name: "M", locale: "de", emailVerified: true, roles: ["association_member"], organisationIds: [org.id] };
    const traced = traceDerived();
    // Every filter of each list at once: each reads its own tables for the count.
    await listUsers(office, { q: "muster", role: "volunteer", page: 1 });
    await listHoursToDecide(office, { status: "submitted", q: "muster", org: "anrath", from: addDaysToDay(today, -90), to: today, page: 1 });
    await listHoursToDecide(association, { status: "submitted", page: 1 });
    const every = { q: "mia", districtId: 1, language: "ar", skill: "koch", fieldId: 1, status: "active", cover: "yes", certificate: "notNeeded", karte: "no", in: "active", from: addDaysToDay(today, -90), to: today, page: 1 } as const;
    await listVolunteersForOffice(office, every, today);
    await listVolunteersForOffice(office, { ...every, in: "new", page: 2 }, today);
    await listVolunteersForAssociation(association, { q: "mia", language: "ar", organisationId: org.id, page: 1 }, today);
    await listRequests(office, { status: "waiting", districtId: 1, language: "ar", help: "german", page: 1 });
    await listEhrenamtskarte(office, today, { eligibleOnly: false, q: "mia", districtId: 1, page: 1 });
    await listEhrenamtskarte(office, today, { eligibleOnly: true, page: 1 });
    const counts = [...traced.keys()].filter((k) => k.startsWith("count:"));
    for (const list of ["users", "hours", "volunteers", "sponsorship-requests", "ehrenamtskarte"]) {
      expect(counts.filter((k) => k.startsWith(`count:["${list}"`)).length, list).toBeGreaterThan(0);
    }
    expect(await uncoveredReads(traced), "Add the table to a scope (a trigger in a new migration) or the scope to the count").toEqual([]);
  });

  it("a list's total follows a write to a table it counts that bumps a scope since migration 0070", async () => {
    const db = getDb();
    const admin = await createTestUser(db, { roles: ["admin"] });
    const actor: Actor = { userId: admin.id, email: "a@example.org", name: "A", locale: "de", emailVerified: true, roles: ["admin"], organisationIds: [] };
    const before = (await listUsers(actor, { role: "coordinator", page: 1 })).total;
    const newcomer = await createTestUser(db, { roles: ["volunteer"] });
    expect((await listUsers(actor, { role: "coordinator", page: 1 })).total).toBe(before);
    // Only a role is written (user_role), no account: the kept total must not stand.
    await db.insertInto("user_role").values({ user_id: newcomer.id, role: "coordinator", created_at: new Date().toISOString() }).execute();
    expect((await listUsers(actor, { role: "coordinator", page: 1 })).total).toBe(before + 1);
  });
});

/** The derived values that read a table which bumps none of their scopes. */
async function uncoveredReads(traced: ReturnType<typeof traceDerived>): Promise<string[]> {
  const invalidating = await tablesOfScopes();
  const problems: string[] = [];
  for (const [key, { scopes, queries }] of traced) {
    const covered = new Set(scopes.flatMap((s) => [...(invalidating.get(s) ?? [])]));
    // The version tables are the cache's own bookkeeping: a value that asks for another derived
    // value (the skill filter's tags) reads them inside its computation.
    const missing = [...(await tablesRead(queries))].filter((t) => !covered.has(t) && t !== "cache_scope" && t !== "cache_scope_bump");
    if (missing.length) problems.push(`${key} (scopes ${scopes.join(", ")}) reads ${missing.join(", ")}, which bump none of them`);
  }
  return problems;
}
