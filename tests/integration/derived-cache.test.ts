import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../app/utils/db.server";
import { clearDerived, derived, scopeVersions } from "../../app/utils/derived-cache.server";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../factories";
import { createTestAssignment } from "../factories/coverage";

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
});
