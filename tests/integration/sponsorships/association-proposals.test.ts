/**
 * Associations propose sponsors in their own programme (issue #14, ADR 0045): a member of the
 * association that runs the programme a request is assigned to sees the ranked proposals among the
 * association's own volunteers (its members and the volunteers with a current or upcoming
 * assignment for it) and proposes one through the office's command — the same hard filters, the
 * same capacity check under concurrency. Another association gets 404; nobody else's volunteers
 * can be proposed. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { rankForRequest } from "../../../app/modules/sponsorships/candidates.server";
import { viewAssociationRequest } from "../../../app/modules/sponsorships/association-requests.server";
import { proposeSponsor } from "../../../app/modules/sponsorships/proposals.server";
import * as page from "../../../app/routes/verein.sponsorships.requests.$id";
import { getDb } from "../../../app/utils/db.server";
import { isAppError } from "../../../app/utils/errors";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";
import { createTestHousehold } from "../../factories/donations";
import { createTestProgramme, createTestRequest, makeTestSponsor } from "../../factories/sponsorships";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const db = () => getDb();
const actorOf = (userId: string, roles: Actor["roles"], organisationIds: number[] = []): Actor => ({ userId, email: `${userId}@example.org`, name: "Test", locale: "de", emailVerified: true, roles, organisationIds });

let orgY: number;
let orgX: number;
let programmeY: number;
let memberY: Actor;
let memberX: Actor;
let coordinator: Actor;
let cookieY: string;
let cookieX: string;
let ownMember: string; // a member of Y who volunteers
let assigned: string; // a volunteer with a running assignment for Y
let ended: string; // a volunteer whose assignment for Y ended
let stranger: string; // a volunteer with no tie to Y

async function sponsor(name: string, o: { organisationIds?: number[] } = {}) {
  const v = await createTestVolunteer(db(), { status: "active", name, organisationIds: o.organisationIds });
  await makeTestSponsor(db(), v.id, { capacity: 1 });
  return v.id;
}

async function request(programmeId: number | null) {
  const h = await createTestHousehold(db(), { code: `H-AP${Math.random().toString(36).slice(2, 8).toUpperCase()}` });
  const r = await createTestRequest(db(), h.id, { languages: ["de"], firstName: "Yara" });
  if (programmeId) await db().updateTable("sponsorship_request").set({ programme_id: programmeId }).where("id", "=", r.id).execute();
  return r.id;
}

const openProposals = async (volunteerId: string) =>
  db().selectFrom("sponsorship_proposal").select("id").where("volunteer_user_id", "=", volunteerId).where("status", "in", ["proposed", "accepted"]).execute();

beforeAll(async () => {
  const city = await createTestOrganisation(db(), { name: "Stadt Testhausen", legalForm: "city" });
  orgY = (await createTestOrganisation(db(), { name: "Botschafter Y e.V." })).id;
  orgX = (await createTestOrganisation(db(), { name: "Verein X e.V." })).id;
  programmeY = (await createTestProgramme(db(), { name: "Botschafterprogramm Y", kind: "association", organisationId: orgY })).id;
  const office = await createTestUser(db(), { roles: ["coordinator"] });
  coordinator = actorOf(office.id, ["coordinator"]);
  const my = await createTestUser(db(), { roles: ["association_member"], organisationIds: [orgY] });
  const mx = await createTestUser(db(), { roles: ["association_member"], organisationIds: [orgX] });
  memberY = actorOf(my.id, ["association_member"], [orgY]);
  memberX = actorOf(mx.id, ["association_member"], [orgX]);
  cookieY = await sessionCookie(my.id);
  cookieX = await sessionCookie(mx.id);
  ownMember = await sponsor("Mara Mitglied", { organisationIds: [orgY] });
  assigned = await sponsor("Eva Einsatz");
  await createTestAssignment(db(), { volunteerId: assigned, organisationId: orgY, createdBy: office.id, startDay: "2026-01-01" });
  ended = await sponsor("Otto Vorbei");
  await createTestAssignment(db(), { volunteerId: ended, organisationId: orgY, createdBy: office.id, startDay: "2025-01-01", endDay: "2025-12-31" });
  stranger = await sponsor("Frida Fremd");
  await createTestAssignment(db(), { volunteerId: stranger, organisationId: city.id, createdBy: office.id, startDay: "2026-01-01" });
});

describe("the association's ranked proposals", () => {
  it("shows only the association's volunteers (members and current assignments); the office sees everyone", async () => {
    const id = await request(programmeY);
    const view = await viewAssociationRequest(memberY, id, [orgY]);
    expect(view).not.toBeNull();
    const shown = view!.ranked.map((r) => r.candidate.userId);
    expect(shown).toContain(ownMember);
    expect(shown).toContain(assigned);
    expect(shown).not.toContain(ended);
    expect(shown).not.toContain(stranger);
    const office = (await rankForRequest(db(), id, new Date()))!.map((r) => r.candidate.userId);
    expect(office).toEqual(expect.arrayContaining([ownMember, assigned, ended, stranger]));
    // The view of the household is in the access log.
    const logged = await db().selectFrom("audit_log").select("details").where("actor_user_id", "=", memberY.userId).where("action", "=", "view").where("entity", "=", "household").execute();
    expect(logged.some((l) => String(l.details).includes(`verein:sponsorship-request:${id}`))).toBe(true);
  });

  it("another association, a city request, an unknown id: null (404)", async () => {
    const id = await request(programmeY);
    expect(await viewAssociationRequest(memberX, id, [orgX])).toBeNull();
    expect(await viewAssociationRequest(memberY, await request(null), [orgY])).toBeNull();
    expect(await viewAssociationRequest(memberY, 987654, [orgY])).toBeNull();
  });
});

describe("proposing through the office's command", () => {
  it("proposes an own volunteer: the proposal is open, the request open, the volunteer is mailed", async () => {
    const id = await request(programmeY);
    const proposalId = await proposeSponsor(memberY, id, ownMember);
    const p = await db().selectFrom("sponsorship_proposal").select(["status", "proposed_by", "request_id"]).where("id", "=", proposalId).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ status: "proposed", proposed_by: memberY.userId, request_id: id });
    const email = (await db().selectFrom("user").select("email").where("id", "=", ownMember).executeTakeFirstOrThrow()).email;
    expect(await db().selectFrom("outbox").select("id").where("to_address", "=", email).where("template", "=", "sponsorship-proposal").execute()).toHaveLength(1);
    // The next page shows the proposal with the volunteer's name; the sponsor is no longer ranked for it.
    const view = await viewAssociationRequest(memberY, id, [orgY]);
    expect(view!.proposals.map((x) => x.volunteer)).toEqual(["Mara Mitglied"]);
    expect(view!.ranked.map((r) => r.candidate.userId)).not.toContain(ownMember);
    await db().updateTable("sponsorship_proposal").set({ status: "withdrawn" }).where("id", "=", proposalId).execute();
  });

  it("refuses a volunteer outside the association (as not eligible), and names no office proposal's sponsor", async () => {
    const id = await request(programmeY);
    for (const v of [stranger, ended]) {
      const e = await proposeSponsor(memberY, id, v).catch((x) => x);
      expect(isAppError(e) && e.key === "sponsorships:errors.notEligible" && e.status === 400 && e.field === "volunteerId").toBe(true);
    }
    const officeProposal = await proposeSponsor(coordinator, id, stranger);
    const view = await viewAssociationRequest(memberY, id, [orgY]);
    expect(view!.proposals).toHaveLength(1);
    expect(view!.proposals[0].volunteer).toBeNull();
    await db().updateTable("sponsorship_proposal").set({ status: "withdrawn" }).where("id", "=", officeProposal).execute();
  });

  it("another association's member and a city request: 404; a volunteer: 403", async () => {
    const id = await request(programmeY);
    await expect(proposeSponsor(memberX, id, assigned)).rejects.toMatchObject({ status: 404 });
    await expect(proposeSponsor(memberY, await request(null), assigned)).rejects.toMatchObject({ status: 404 });
    await expect(proposeSponsor(actorOf(stranger, ["volunteer"]), id, assigned)).rejects.toMatchObject({ status: 403 });
    expect(await openProposals(assigned)).toHaveLength(0);
  });

  it("capacity holds when the office and the association propose one volunteer at the same moment: exactly one open proposal", async () => {
    const volunteer = await sponsor("Rita Rennen", { organisationIds: [orgY] });
    const ours = await Promise.all(Array.from({ length: 5 }, () => request(programmeY)));
    const city = await Promise.all(Array.from({ length: 5 }, () => request(null)));
    const results = await Promise.allSettled([...ours.map((id) => proposeSponsor(memberY, id, volunteer)), ...city.map((id) => proposeSponsor(coordinator, id, volunteer))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failed.every((f) => isAppError(f.reason) && f.reason.key === "sponsorships:errors.noCapacity")).toBe(true);
    expect(await openProposals(volunteer)).toHaveLength(1);
  });
});

describe("the page /verein/sponsorships/requests/:id", () => {
  const url = (id: number) => `/verein/sponsorships/requests/${id}`;

  it("shows the request and the own volunteers; proposing redirects; a stranger is refused at the field with nothing written", async () => {
    const id = await request(programmeY);
    const got = await run(page.loader, makeRequest(url(id), { cookie: cookieY }), { id: String(id) });
    expect(got.status).toBe(200);
    expect(got.data.request.firstName).toBe("Yara");
    expect(got.data.candidates.map((c: { userId: string }) => c.userId)).toContain(assigned);

    const refused = await run(page.action, makeRequest(url(id), { form: { intent: "propose", volunteerId: stranger }, cookie: cookieY }), { id: String(id) });
    expect(refused.status).toBe(400);
    expect(refused.data.error.volunteerId).toBeTruthy();
    expect(refused.data.initialValue.volunteerId).toBe(stranger);
    expect(await db().selectFrom("sponsorship_proposal").select("id").where("request_id", "=", id).execute()).toHaveLength(0);

    const done = await run(page.action, makeRequest(url(id), { form: { intent: "propose", volunteerId: assigned }, cookie: cookieY }), { id: String(id) });
    expect(done.status).toBe(302);
    expect(await openProposals(assigned)).toHaveLength(1);
  });

  it("another association's member gets 404 for GET and POST", async () => {
    const id = await request(programmeY);
    expect((await run(page.loader, makeRequest(url(id), { cookie: cookieX }), { id: String(id) })).status).toBe(404);
    expect((await run(page.action, makeRequest(url(id), { form: { intent: "propose", volunteerId: ownMember }, cookie: cookieX }), { id: String(id) })).status).toBe(404);
  });
});
