import { beforeEach, describe, expect, it } from "vitest";
import { allEhrenamtskarteEligibilities, coveredVolunteers } from "../../app/modules/coverage/volunteer-facts.server";
import { getDb } from "../../app/utils/db.server";
import { clearDerived, derived, scopeVersions } from "../../app/utils/derived-cache.server";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../factories";
import { createTestAssignment, createTestHours } from "../factories/coverage";

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

  it("shows a new assignment and new confirmed hours in the list sets at once", async () => {
    const day = "2026-06-15";
    const office = await createTestUser(getDb(), { roles: ["coordinator"] });
    const org = await createTestOrganisation(getDb(), { legalForm: "city" });
    const v = await createTestVolunteer(getDb(), { status: "active" });
    expect((await coveredVolunteers(day)).has(v.id)).toBe(false);
    const a = await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: org.id, createdBy: office.id, startDay: "2026-01-01" });
    expect((await coveredVolunteers(day)).has(v.id)).toBe(true);
    expect((await allEhrenamtskarteEligibilities(day)).get(v.id)?.eligible ?? false).toBe(false);
    for (let w = 0; w < 26; w++) {
      const d = new Date(Date.UTC(2026, 0, 5 + 7 * w)).toISOString().slice(0, 10);
      await createTestHours(getDb(), { assignmentId: a.id, day: d, hours: 10, status: "confirmed" });
    }
    expect((await allEhrenamtskarteEligibilities(day)).get(v.id)?.eligible).toBe(true);
    // Closing the assignment before the day ends the cover the next read sees.
    await getDb().updateTable("assignment").set({ closed_on: "2026-06-01", close_reason: "Ende" }).where("id", "=", a.id).execute();
    expect((await coveredVolunteers(day)).has(v.id)).toBe(false);
  });
});
