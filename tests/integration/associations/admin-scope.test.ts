/**
 * Two rules of ADR 0032 where they used to leak (issue #15):
 * - applying for the seal (`apply:seal:own`) is for an association's admins, not for every member:
 *   a plain member gets 403 on /verein/siegel and 404 on its applications, files and letters;
 * - the office's old "remove member" button on /office/organisations/:id keeps the last admin too,
 *   also when two removals race (the check runs in the removing transaction, ADR 0026).
 * On SQLite and on PostgreSQL (TEST_DATABASE_URL).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { can, memberOrganisations, type Actor } from "../../../app/auth/permissions";
import { getActor } from "../../../app/auth/session.server";
import { removeOrganisationMember } from "../../../app/modules/organisations/commands.server";
import * as officeOrg from "../../../app/routes/office.organisations.$id";
import * as applyList from "../../../app/routes/verein.siegel._index";
import * as applyPage from "../../../app/routes/verein.siegel.$id";
import * as evidenceFile from "../../../app/routes/siegel.nachweis.$id";
import { getDb } from "../../../app/utils/db.server";
import { isAppError } from "../../../app/utils/errors";
import { createTestUser } from "../../factories";
import { createTestAssociation } from "../../factories/associations";
import { createTestApplication, createTestCatalogue, createTestEvidence } from "../../factories/seal";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

type Who = { id: string; email: string; cookie: string };
async function who(roles: Array<"association_member" | "coordinator" | "volunteer"> = []): Promise<Who> {
  const u = await createTestUser(getDb(), { roles });
  return { id: u.id, email: u.email, cookie: await sessionCookie(u.id) };
}
const actorOf = async (cookie: string) => (await getActor(makeRequest("/", { cookie })))!;
const adminsOf = async (organisationId: number) =>
  (await getDb().selectFrom("organisation_member").select("user_id").where("organisation_id", "=", organisationId).where("association_admin", "=", 1).execute()).map((r) => r.user_id);
const isMember = async (organisationId: number, userId: string) =>
  !!(await getDb().selectFrom("organisation_member").select("user_id").where("organisation_id", "=", organisationId).where("user_id", "=", userId).executeTakeFirst());

let office: Who;
let criterionIds: number[];

beforeAll(async () => {
  office = await who(["coordinator"]);
  ({ criterionIds } = await createTestCatalogue(getDb(), { electiveMin: 3 }));
});

describe("apply:seal:own is for an association's admins", () => {
  it("a plain member may not apply, see or change the association's application; an admin may", async () => {
    const admin = await who();
    const plain = await who();
    const orgId = (await createTestAssociation(getDb(), { name: "Siegelverein e.V.", adminIds: [admin.id], memberIds: [plain.id] })).id;
    const app = await createTestApplication(getDb(), { organisationId: orgId, answered: true, submittedBy: admin.id });
    const evidence = await createTestEvidence(getDb(), { applicationId: app.id, criterionId: criterionIds[0] });

    // The actor carries the memberships with the admin flag; the permission asks for it.
    const plainActor = await actorOf(plain.cookie);
    const adminActor = await actorOf(admin.cookie);
    expect(plainActor.organisationIds).toEqual([orgId]);
    expect(plainActor.adminOrganisationIds).toEqual([]);
    expect(adminActor.adminOrganisationIds).toEqual([orgId]);
    expect(can(plainActor, "apply:seal:own", { organisationId: orgId })).toBe(false);
    expect(can(adminActor, "apply:seal:own", { organisationId: orgId })).toBe(true);
    expect(memberOrganisations(plainActor, "apply:seal:own")).toEqual([]);
    // Other `own` permissions of members still reach every organisation they belong to.
    expect(can(plainActor, "read:organisation:own", { organisationId: orgId })).toBe(true);
    // An actor made by hand without the field administers nothing.
    const bare: Actor = { ...adminActor, adminOrganisationIds: undefined };
    expect(can(bare, "apply:seal:own", { organisationId: orgId })).toBe(false);

    const params = { id: String(app.id) };
    expect((await run(applyList.loader, makeRequest("/verein/siegel", { cookie: plain.cookie }))).status).toBe(403);
    expect((await run(applyList.action, makeRequest("/verein/siegel", { form: { intent: "start", organisationId: String(orgId) }, cookie: plain.cookie }))).status).toBe(403);
    expect((await run(applyPage.loader, makeRequest(`/verein/siegel/${app.id}`, { cookie: plain.cookie }), params)).status).toBe(404);
    const answer = { intent: "answer", criterionId: String(criterionIds[0]), selfScore: "1", statement: "Von einem einfachen Mitglied" };
    expect((await run(applyPage.action, makeRequest(`/verein/siegel/${app.id}`, { form: answer, cookie: plain.cookie }), params)).status).toBe(404);
    expect((await run(evidenceFile.loader, makeRequest(`/siegel/nachweis/${evidence.id}`, { cookie: plain.cookie }), { id: String(evidence.id) })).status).toBe(404);
    const kept = await getDb().selectFrom("seal_answer").select("statement").where("application_id", "=", app.id).where("criterion_id", "=", criterionIds[0]).executeTakeFirstOrThrow();
    expect(kept.statement).not.toBe(answer.statement);

    expect((await run(applyList.loader, makeRequest("/verein/siegel", { cookie: admin.cookie }))).status).toBe(200);
    expect((await run(applyPage.loader, makeRequest(`/verein/siegel/${app.id}`, { cookie: admin.cookie }), params)).status).toBe(200);
    expect((await run(evidenceFile.loader, makeRequest(`/siegel/nachweis/${evidence.id}`, { cookie: admin.cookie }), { id: String(evidence.id) })).status).toBe(200);

    // Appointed admin by the office, the member may apply from the next request on.
    const set = await run(officeOrg.action, makeRequest(`/office/organisations/${orgId}`, { form: { intent: "set-admin", userId: plain.id, role: "admin" }, cookie: office.cookie }), { id: String(orgId) });
    expect(set.status).toBe(302);
    expect((await run(applyPage.loader, makeRequest(`/verein/siegel/${app.id}`, { cookie: plain.cookie }), params)).status).toBe(200);
  });
});

describe("the office's remove-member button keeps the last admin", () => {
  const remove = (orgId: number, userId: string) =>
    run(officeOrg.action, makeRequest(`/office/organisations/${orgId}`, { form: { intent: "remove-member", userId }, cookie: office.cookie }), { id: String(orgId) });

  it("refuses to remove the only admin with the translated message's key; plain members and a second admin go", async () => {
    const admin = await who();
    const plain = await who();
    const orgId = (await createTestAssociation(getDb(), { adminIds: [admin.id], memberIds: [plain.id] })).id;
    const refused = await remove(orgId, admin.id);
    expect(refused.status).toBe(400);
    expect(refused.data.error[""]).toEqual(["associations:errors.lastAdmin"]);
    expect(refused.data.initialValue.intent).toBe("remove-member");
    expect(await isMember(orgId, admin.id)).toBe(true);
    expect(await adminsOf(orgId)).toEqual([admin.id]);

    // A plain member is removed as before (membership and role go).
    expect((await remove(orgId, plain.id)).status).toBe(302);
    expect(await isMember(orgId, plain.id)).toBe(false);
    // With a second admin, the first may go; then the second is the last.
    const second = await who();
    await getDb().insertInto("organisation_member").values({ user_id: second.id, organisation_id: orgId, association_admin: 1, created_at: new Date().toISOString() }).execute();
    expect((await remove(orgId, admin.id)).status).toBe(302);
    expect((await remove(orgId, second.id)).status).toBe(400);
    expect(await adminsOf(orgId)).toEqual([second.id]);
    // Someone who is no member: 404, as before.
    expect((await remove(orgId, admin.id)).status).toBe(404);
  });

  it("an organisation without any admin (office-managed) still loses members as before", async () => {
    const m = await who(["association_member"]);
    const { id: orgId } = await createTestAssociation(getDb(), { memberIds: [m.id] });
    expect((await remove(orgId, m.id)).status).toBe(302);
    expect(await isMember(orgId, m.id)).toBe(false);
  });

  it("two removals of the two admins at once: one succeeds, one admin remains", async () => {
    const actor = await actorOf(office.cookie);
    for (let round = 0; round < 3; round++) {
      const [a, b] = [await who(), await who()];
      const orgId = (await createTestAssociation(getDb(), { adminIds: [a.id, b.id] })).id;
      const outcomes = await Promise.all(
        [a, b].map((u) =>
          removeOrganisationMember(actor, orgId, u.id).then(
            () => "removed",
            (e) => (isAppError(e) ? e.key : `crash: ${String(e)}`),
          ),
        ),
      );
      expect(outcomes.sort()).toEqual(["associations:errors.lastAdmin", "removed"]);
      expect(await adminsOf(orgId)).toHaveLength(1);
    }
  });
});
