/**
 * Associations and personal data (issue #15): the Art. 15 export lists memberships, registrations and
 * invitations; invitations (someone's address) go 30 days after they expired (daily job, fixed clock).
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { inviteCleanupTask } from "../../../app/modules/associations/personal-data.server";
import { exportOwnData } from "../../../app/modules/volunteers/personal-data.server";
import { getDb, transaction } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { createTestAssociation, createTestInvite } from "../../factories/associations";

describe("associations' personal data", () => {
  it("the export names the memberships, the registrations and the invitations of the account", async () => {
    const u = await createTestUser(getDb(), { roles: [], email: "export-verein@example.org" });
    const org = await createTestAssociation(getDb(), { name: "Exportverein e.V.", adminIds: [u.id], registeredBy: u.id, status: "pending" });
    await createTestInvite(getDb(), org.id, "export-verein@example.org");
    const actor: Actor = { userId: u.id, email: u.email, name: "E", locale: "de", emailVerified: true, roles: ["association_member"], organisationIds: [org.id] };
    const data = (await exportOwnData(actor)) as unknown as { associations: Record<string, Array<Record<string, unknown>>> };
    expect(data.associations.memberships).toEqual([expect.objectContaining({ association: "Exportverein e.V.", association_admin: 1 })]);
    expect(data.associations.associationRegistrations).toEqual([expect.objectContaining({ association: "Exportverein e.V.", status: "pending" })]);
    expect(data.associations.associationInvites).toEqual([expect.objectContaining({ association: "Exportverein e.V.", email: "export-verein@example.org" })]);
  });

  it("the daily job deletes invitations 30 days after they expired, not before", async () => {
    const org = await createTestAssociation(getDb());
    const now = new Date("2030-06-30T03:00:00.000Z");
    const old = await createTestInvite(getDb(), org.id, "alt@example.org", { expiresAt: "2030-05-30T00:00:00.000Z" });
    const recent = await createTestInvite(getDb(), org.id, "neu@example.org", { expiresAt: "2030-06-02T00:00:00.000Z" });
    const deleted = await transaction((trx) => inviteCleanupTask.run(trx, now));
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = (await getDb().selectFrom("association_invite").select("id").where("id", "in", [old.id, recent.id]).execute()).map((r) => r.id);
    expect(left).toEqual([recent.id]);
  });
});
