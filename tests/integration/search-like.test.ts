import { describe, expect, it } from "vitest";
import { getDb } from "../../app/utils/db.server";
import { listOrganisations } from "../../app/modules/organisations/queries.server";
import { listUsers } from "../../app/modules/users/queries.server";
import type { Actor } from "../../app/auth/permissions";
import { createTestOrganisation, createTestUser } from "../factories";

const admin: Actor = { userId: "x", email: "a@example.org", name: "A", locale: "de", emailVerified: true, roles: ["admin"], organisationIds: [] };

describe("search treats %, _ and \\ as plain characters", () => {
  it("finds names containing them, and only those", async () => {
    await createTestOrganisation(getDb(), { name: "100% Nachbarschaft e.V." });
    await createTestOrganisation(getDb(), { name: "1000 Hände e.V." });
    await createTestOrganisation(getDb(), { name: "Kinder_Treff e.V." });
    await createTestOrganisation(getDb(), { name: "KinderXTreff e.V." });
    expect((await listOrganisations(admin, { q: "100%" })).items.map((o) => o.name)).toEqual(["100% Nachbarschaft e.V."]);
    expect((await listOrganisations(admin, { q: "Kinder_" })).items.map((o) => o.name)).toEqual(["Kinder_Treff e.V."]);
    await createTestUser(getDb(), { name: "Anna Back", email: "back\\slash@example.org" });
    expect((await listUsers(admin, { q: "back\\s", page: 1 })).items.map((u) => u.name)).toEqual(["Anna Back"]);
    expect((await listUsers(admin, { q: "%", page: 1 })).items).toEqual([]);
  });
});
