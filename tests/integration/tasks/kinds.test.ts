/**
 * The work queue's kinds (ADR 0036): each task kind is opened by the command (or the daily job) that
 * creates the work, in the same transaction, and closes by itself when the work is done.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import type { Role } from "../../../db/schema";
import * as requestRoute from "../../../app/routes/raum.$id.anfragen";
import * as publicSponsorship from "../../../app/routes/patenschaften";
import { approveBooking } from "../../../app/modules/rooms/decide-booking.server";
import { takeBackKey } from "../../../app/modules/rooms/key-handover.server";
import { decideHours, logHours } from "../../../app/modules/coverage/hours.server";
import { closeAssignment } from "../../../app/modules/coverage/assignments.server";
import { createOffer } from "../../../app/modules/donations/offers.server";
import { reviewOffer } from "../../../app/modules/donations/review.server";
import { openRequest } from "../../../app/modules/sponsorships/requests.server";
import { answerProposal, recordHouseholdAgreement } from "../../../app/modules/sponsorships/proposals.server";
import { screenApplication, submitApplication } from "../../../app/modules/seal/commands.server";
import { changeVolunteerStatus } from "../../../app/modules/volunteers/status.server";
import { tasksReconcileTask } from "../../../app/modules/tasks/daily.server";
import { listInbox } from "../../../app/modules/office/inbox.server";
import * as officeStart from "../../../app/routes/office._index";
import { getDb, transaction } from "../../../app/utils/db.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import { createTestBooking, createTestOrganisation, createTestRoom, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";
import { categoryId, createTestHousehold } from "../../factories/donations";
import { createTestProgramme, createTestProposal, createTestRequest } from "../../factories/sponsorships";
import { createTestApplication, createTestAward, createTestCatalogue } from "../../factories/seal";
import { makeTestAdmins } from "../../factories/associations";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { dayIn, requestForm } from "../rooms/helpers";

const db = () => getDb();
const today = berlinDay(new Date());
let office: Actor;
let organisationId: number;

const actorOf = async (roles: Role[], extra: { organisationIds?: number[]; name?: string } = {}): Promise<Actor> => {
  const u = await createTestUser(db(), { roles, ...extra });
  return { userId: u.id, email: u.email, name: extra.name ?? "Erika Beispiel", locale: "de", emailVerified: true, roles, organisationIds: extra.organisationIds ?? [] };
};

/** The tasks of a kind and record: status, reason, and the rest for the assertions. */
const tasksOf = (kind: string, recordId: string | number) =>
  db().selectFrom("task").selectAll().where("kind", "=", kind).where("record_id", "=", String(recordId)).orderBy("id").execute();

const reconcile = (now = new Date()) => transaction((trx) => tasksReconcileTask.run(trx, now));

beforeAll(async () => {
  office = await actorOf(["coordinator"]);
  organisationId = (await createTestOrganisation(db(), { name: "Verein Aufgabenprobe e.V." })).id;
});

describe("task kinds opened and closed by their commands", () => {
  it("room request: opened by the request, closed (auto) by the approval", async () => {
    const { id: roomId } = await createTestRoom(db(), { name: "Raum Aufgabe", capacity: 30 });
    const requester = await createTestUser(db(), { name: "Lina Antrag" });
    const res = await run(requestRoute.action, makeRequest(`/raum/${roomId}/anfragen`, { form: requestForm({ day: dayIn(12) }), cookie: await sessionCookie(requester.id) }), { id: String(roomId) });
    expect(res.status).toBe(302);
    const booking = await db().selectFrom("booking").select(["id", "status"]).where("room_id", "=", roomId).executeTakeFirstOrThrow();
    expect(booking.status).toBe("requested");
    const [open] = await tasksOf("room-request", booking.id);
    expect(open).toMatchObject({ module: "rooms", status: "open", href: `/office/rooms/bookings/${booking.id}`, title_key: "rooms:inbox.request", permission: "approve:booking:any" });
    expect(JSON.parse(open.title_values)).toMatchObject({ room: "Raum Aufgabe" });
    // Due within three days of the request, and before the day of use.
    expect(open.due_on <= addDaysToDay(today, 3)).toBe(true);

    await approveBooking(office, booking.id);
    const [closed] = await tasksOf("room-request", booking.id);
    expect(closed).toMatchObject({ status: "done", closed_reason: "auto", open_key: null });
  });

  it("hours to confirm: opened when a volunteer logs hours, closed when the office decides", async () => {
    const v = await createTestVolunteer(db(), { name: "Hanna Stunden", status: "active" });
    const { id: assignmentId } = await createTestAssignment(db(), { volunteerId: v.id, organisationId, createdBy: office.userId, startDay: addDaysToDay(today, -30) });
    const volunteer: Actor = { userId: v.id, email: v.email, name: "Hanna Stunden", locale: "de", emailVerified: true, roles: ["volunteer"], organisationIds: [] };
    const entryId = await logHours(volunteer, { assignmentId, day: addDaysToDay(today, -1), hours: 2.5 }, today);
    const [open] = await tasksOf("hours-confirm", entryId);
    expect(open).toMatchObject({ module: "coverage", status: "open", href: `/office/hours/${entryId}/decide` });
    expect(JSON.parse(open.title_values)).toMatchObject({ name: "Hanna Stunden", hours: 2.5, organisation: "Verein Aufgabenprobe e.V." });
    await decideHours(office, { intent: "confirm", entryId });
    expect((await tasksOf("hours-confirm", entryId))[0]).toMatchObject({ status: "done", closed_reason: "auto" });
  });

  it("donation offer to review: opened by the offer, closed by the review", async () => {
    const donor = await actorOf(["volunteer"], { name: "Dora Spende" });
    const { id: offerId } = await createOffer(
      donor,
      { categoryId: await categoryId(db(), "bed"), quantity: 1, condition: "good", tested: false, districtId: 1, availableUntil: addDaysToDay(today, 30), delivery: "donor_brings" } as never,
      [],
      "de",
    );
    const [open] = await tasksOf("donation-offer-review", offerId);
    expect(open).toMatchObject({ module: "donations", status: "open", href: `/office/donations/offers/${offerId}`, title_key: "tasks:titles.offerReview" });
    await reviewOffer(office, { offerId, decision: "accepted" });
    expect((await tasksOf("donation-offer-review", offerId))[0]).toMatchObject({ status: "done", closed_reason: "auto" });
  });

  it("sponsorship request: opened by the public form, closed when the office takes it up", async () => {
    await createTestProgramme(db(), { name: "Stadtprogramm" });
    const form = { firstName: "Olena", phone: "0170 1234567", email: "", languages: ["uk", "de"], help: ["german"], times: ["1-morning"], districtId: "2", consent: "on" };
    expect((await run(publicSponsorship.action, makeRequest("/patenschaften", { form }))).status).toBe(302);
    const r = await db().selectFrom("sponsorship_request").select("id").where("first_name", "=", "Olena").executeTakeFirstOrThrow();
    const [open] = await tasksOf("sponsorship-request", r.id);
    expect(open).toMatchObject({ module: "sponsorships", status: "open", href: `/office/sponsorships/requests/${r.id}` });
    // The household's code, never its contact's name.
    expect(open.title_values).not.toContain("Olena");
    await openRequest(office, r.id);
    expect((await tasksOf("sponsorship-request", r.id))[0]).toMatchObject({ status: "done", closed_reason: "auto" });
  });

  it("accepted proposal: opened by the sponsor's acceptance, closed when the office records the household's agreement", async () => {
    const { id: programmeId } = await createTestProgramme(db(), { name: "Programm Zusage" });
    const household = await createTestHousehold(db(), { code: "H-ZUSAGE" });
    const { id: requestId } = await createTestRequest(db(), household.id, { status: "open" });
    const v = await createTestVolunteer(db(), { name: "Paula Patin", status: "active" });
    const sponsor: Actor = { userId: v.id, email: v.email, name: "Paula Patin", locale: "de", emailVerified: true, roles: ["volunteer"], organisationIds: [] };
    const { id: proposalId } = await createTestProposal(db(), requestId, v.id);
    await answerProposal(sponsor, proposalId, "accepted", undefined);
    const [open] = await tasksOf("sponsorship-accepted", proposalId);
    expect(open).toMatchObject({ module: "sponsorships", status: "open", href: `/office/sponsorships/requests/${requestId}`, title_key: "sponsorships:inbox.accepted" });
    expect(JSON.parse(open.title_values)).toEqual({ name: "Paula Patin", code: "H-ZUSAGE" });
    await recordHouseholdAgreement(office, requestId, proposalId, programmeId);
    expect((await tasksOf("sponsorship-accepted", proposalId))[0]).toMatchObject({ status: "done", closed_reason: "auto" });
  });

  it("seal application to screen: opened by the submission, closed by the screening", async () => {
    await createTestCatalogue(db(), { electiveMin: 1 });
    const org = await createTestOrganisation(db(), { name: "Siegelverein e.V." });
    // Only an association's admins apply for the seal (ADR 0032).
    const member = { ...(await actorOf(["association_member"], { organisationIds: [org.id] })), adminOrganisationIds: [org.id] };
    await makeTestAdmins(db(), org.id, [member.userId]);
    const { id } = await createTestApplication(db(), { organisationId: org.id, answered: true, submittedBy: member.userId });
    await submitApplication(member, id);
    const [open] = await tasksOf("seal-screen", id);
    expect(open).toMatchObject({ module: "seal", status: "open", title_key: "seal:inbox.toScreen" });
    expect(JSON.parse(open.title_values)).toEqual({ name: "Siegelverein e.V." });
    await screenApplication(office, id, "accept", undefined);
    expect((await tasksOf("seal-screen", id))[0]).toMatchObject({ status: "done", closed_reason: "auto" });
  });

  it("volunteer intake: opened when a volunteer is registered (again), closed by the next status", async () => {
    const v = await createTestVolunteer(db(), { name: "Rita Rückkehr", status: "left" });
    await changeVolunteerStatus(office, { userId: v.id, to: "registered", reason: "kommt zurück" });
    const [open] = await tasksOf("volunteer-intake", v.id);
    expect(open).toMatchObject({ module: "volunteers", status: "open", href: `/office/volunteers/${v.id}`, due_on: addDaysToDay(today, 14) });
    await changeVolunteerStatus(office, { userId: v.id, to: "left", reason: "doch nicht" });
    expect((await tasksOf("volunteer-intake", v.id))[0]).toMatchObject({ status: "done", closed_reason: "auto" });
  });
});

describe("date-driven kinds and the backfill (daily job)", () => {
  it("cover ending: opened by the daily job when the end day is near, closed when the assignment is closed", async () => {
    const v = await createTestVolunteer(db(), { name: "Ende Nahe", status: "active" });
    const far = await createTestAssignment(db(), { volunteerId: v.id, organisationId, createdBy: office.userId, startDay: addDaysToDay(today, -100), endDay: addDaysToDay(today, 60) });
    const near = await createTestAssignment(db(), { volunteerId: v.id, organisationId, createdBy: office.userId, startDay: addDaysToDay(today, -100), endDay: addDaysToDay(today, 5), activity: "Hausaufgabenhilfe" });
    await reconcile();
    expect(await tasksOf("cover-ending", far.id)).toEqual([]);
    const [open] = await tasksOf("cover-ending", near.id);
    expect(open).toMatchObject({ status: "open", due_on: addDaysToDay(today, 5), title_key: "tasks:titles.coverEnding" });
    expect(JSON.parse(open.title_values)).toMatchObject({ name: "Ende Nahe", activity: "Hausaufgabenhilfe" });
    await closeAssignment(office, near.id, { closedOn: today, reason: "Ende" });
    expect((await tasksOf("cover-ending", near.id))[0]).toMatchObject({ status: "done", closed_reason: "auto" });
  });

  it("key return: opened by the daily job once the booking ended with the key out, closed when it is taken back", async () => {
    const { id: roomId } = await createTestRoom(db(), { name: "Raum Schlüssel" });
    const ended = new Date(Date.now() - 2 * 86_400_000);
    const { id: bookingId } = await createTestBooking(db(), roomId, { status: "confirmed", name: "Karl Schlüssel", startsAt: new Date(ended.getTime() - 7_200_000).toISOString(), endsAt: ended.toISOString() });
    await db().insertInto("key_handover").values({ booking_id: bookingId, handed_out_at: new Date(ended.getTime() - 7_200_000).toISOString(), handed_to: "Karl Schlüssel", deposit_cents: 0, condition_out: null, returned_at: null, deposit_outcome: null, condition_back: null, damages: null, reminder_sent_at: null, created_at: new Date().toISOString() }).execute();
    await reconcile();
    const [open] = await tasksOf("key-return", bookingId);
    expect(open).toMatchObject({ module: "rooms", status: "open", title_key: "tasks:titles.keyReturn", href: `/office/rooms/bookings/${bookingId}` });
    expect(JSON.parse(open.title_values)).toMatchObject({ room: "Raum Schlüssel", requester: "Karl Schlüssel" });
    await takeBackKey(office, bookingId, { depositOutcome: "returned" });
    expect((await tasksOf("key-return", bookingId))[0]).toMatchObject({ status: "done", closed_reason: "auto" });
  });

  it("seal renewal: opened by the daily job two months before expiry, closed when the seal no longer runs out", async () => {
    const org = await createTestOrganisation(db(), { name: "Alter Siegelträger e.V." });
    const { id: appId } = await createTestApplication(db(), { organisationId: org.id, status: "awarded" });
    await createTestAward(db(), { applicationId: appId, organisationId: org.id, code: "2024-ABCDEF1234", awardedOn: addDaysToDay(today, -1000), validUntil: addDaysToDay(today, 20) });
    await reconcile();
    const [open] = await tasksOf("seal-renewal", appId);
    expect(open).toMatchObject({ module: "seal", status: "open", title_key: "seal:inbox.expiring", due_on: addDaysToDay(today, 20) });
    await db().updateTable("seal_award").set({ revoked_at: new Date().toISOString(), revoke_reason: "Test" }).where("application_id", "=", appId).execute();
    await reconcile();
    expect((await tasksOf("seal-renewal", appId))[0]).toMatchObject({ status: "done", closed_reason: "auto" });
  });

  it("backfill: records made outside a command get their task on the next daily run, once", async () => {
    const v = await createTestVolunteer(db(), { name: "Import Person", status: "registered" });
    expect(await tasksOf("volunteer-intake", v.id)).toEqual([]);
    await reconcile();
    await reconcile();
    const tasks = await tasksOf("volunteer-intake", v.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0].status).toBe("open");
  });
});

describe("the start page's inbox beside the queue", () => {
  it("leaves out the items whose kinds are tasks for those who work the queue, and has them without the queue", async () => {
    const { id: roomId } = await createTestRoom(db(), { name: "Raum Doppelt", capacity: 10 });
    await createTestBooking(db(), roomId, { status: "requested", startsAt: `${addDaysToDay(today, 20)}T16:00:00.000Z`, endsAt: `${addDaysToDay(today, 20)}T18:00:00.000Z` });
    await createTestVolunteer(db(), { name: "Nora Neuanmeldung", status: "registered" });
    await createTestRequest(db(), (await createTestHousehold(db(), { code: "H-DOPPELT" })).id, { status: "new" });
    const org = await createTestOrganisation(db(), { name: "Doppelverein e.V." });
    if (!(await db().selectFrom("seal_catalogue").select("version").executeTakeFirst())) await createTestCatalogue(db(), { electiveMin: 1 });
    await createTestApplication(db(), { organisationId: org.id, status: "submitted", answered: true });
    await db()
      .insertInto("privacy_request")
      .values({ kind: "access", subject_kind: "other", volunteer_user_id: null, household_id: null, requester_name: "Paul Doppelt", channel: "email", received_on: today, due_on: addDaysToDay(today, 30), extended_due_on: null, extension_reason: null, identity_method: null, identity_checked_at: null, identity_checked_by: null, note: null, status: "open", outcome: null, outcome_note: null, closed_at: null, closed_by: null, created_by: office.userId, created_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .execute();
    const taskItem = /^(room-request-|volunteer-intake-|sponsorship-requests-new|seal-screen-|privacy-)/;
    const ids = (inbox: Awaited<ReturnType<typeof listInbox>>) => inbox.items.flatMap((i) => [i.id, ...(i.children ?? []).map((c) => c.id)]);
    // Without the queue (an office member who does not work it, or any caller that asks for all):
    const all = ids(await listInbox(office));
    for (const prefix of ["room-request-", "volunteer-intake-", "sponsorship-requests-new", "seal-screen-", "privacy-"]) expect(all.some((id) => id.startsWith(prefix)), prefix).toBe(true);
    // With it: none of them, and the start page asks for that.
    expect(ids(await listInbox(office, new Date(), { tasksInQueue: true })).filter((id) => taskItem.test(id))).toEqual([]);
    const page = await run(officeStart.loader, makeRequest("/office", { cookie: await sessionCookie(office.userId) }));
    const shown = (page.data.items as Array<{ id: string; children?: Array<{ id: string }> }>).flatMap((i) => [i.id, ...(i.children ?? []).map((c) => c.id)]);
    expect(shown.filter((id) => taskItem.test(id))).toEqual([]);
  });
});
