/**
 * The world of the route × role matrix: two volunteers (A, B), two associations (X, Y) with a
 * member each, a coordinator and an admin, and records that belong to one side only — B's
 * assignment (with Y) and hours, a transport asked of B, B's room booking, Y's organisation,
 * households, offers, rooms, feeds and mail tokens. Built once per test file by the factories.
 */
import { enqueueMail } from "../../../app/modules/mail/outbox.server";
import { getDb, transaction } from "../../../app/utils/db.server";
import sharp from "sharp";
import { createTestAssignment, createTestHours } from "../../factories/coverage";
import { createTestHousehold, createTestMatch, createTestNeed, createTestOffer, createTestTransport } from "../../factories/donations";
import { createTestBooking, createTestOrganisation, createTestRoom, createTestUser, createTestVolunteer } from "../../factories";
import { createTestCalendarFeed, createTestEmailToken, createTestOfferLink, createTestOfferPhoto } from "../../factories/links";
import { createTestRoomPhoto } from "../../factories/rooms";
import { createTestMeeting, createTestMeetingLink, createTestProgramme, createTestTandem } from "../../factories/tandems";
import { createTestProposal, createTestRequest, makeTestSponsor } from "../../factories/sponsorships";
import { createTestImportBatch } from "../../factories/imports";
import { addTestAssociationProfile, createTestAssociationOffer, createTestInvite } from "../../factories/associations";

/**
 * The roles of the matrix, in table order. To add one (the jury, later): add it here, give it
 * a user in `buildFixture` (`users`), and give rows whose answer differs from their `"*"`
 * an explicit entry.
 */
export const ROLES = ["anonymous", "volunteerA", "volunteerB", "memberX", "memberY", "coordinator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Texts of side B that the other side must never find in an answer. */
export const SIDE_B = { name: "Bernd B", activity: "Hausaufgabenhilfe der Seite B", offer: "Angebot der Seite B" } as const;

export type Fixture = Awaited<ReturnType<typeof buildFixture>>;

export async function buildFixture() {
  const db = getDb();
  const orgX = await createTestOrganisation(db, { name: "Verein X e.V." });
  const orgY = await createTestOrganisation(db, { name: "Verein Y e.V." });
  const coordinator = await createTestUser(db, { roles: ["coordinator"], name: "Kora Koordination" });
  const admin = await createTestUser(db, { roles: ["admin"], name: "Ada Admin" });
  const volunteerA = await createTestVolunteer(db, { status: "active", name: "Anna A" });
  const volunteerB = await createTestVolunteer(db, { status: "active", name: SIDE_B.name });
  const memberX = await createTestUser(db, { roles: ["association_member"], organisationIds: [orgX.id], name: "Xaver X" });
  const memberY = await createTestUser(db, { roles: ["association_member"], organisationIds: [orgY.id], name: "Yasmin Y" });
  // Associations (issue #15): X and Y administer their own; Y is verified with a published offer, X pending.
  await db.updateTable("organisation_member").set({ association_admin: 1 }).where("user_id", "in", [memberX.id, memberY.id]).execute();
  await addTestAssociationProfile(db, orgY.id, { status: "verified" });
  await addTestAssociationProfile(db, orgX.id, { status: "pending" });
  const associationOfferY = (await createTestAssociationOffer(db, orgY.id, { title: SIDE_B.offer })).id;
  const users: Record<Exclude<Role, "anonymous">, { id: string; email: string }> = { volunteerA, volunteerB, memberX, memberY, coordinator, admin };

  // Coverage: A works with X, B with Y; B has logged hours.
  const assignmentA = await createTestAssignment(db, { volunteerId: volunteerA.id, organisationId: orgX.id, createdBy: coordinator.id, activity: "Sprachcafé der Seite A" });
  const assignmentB = await createTestAssignment(db, { volunteerId: volunteerB.id, organisationId: orgY.id, createdBy: coordinator.id, activity: SIDE_B.activity });
  const hoursB = await createTestHours(db, { assignmentId: assignmentB.id });

  // Donations: a household with a need, an offer (manage link, photo), a reservation, a transport asked of B.
  const household = await createTestHousehold(db);
  const need = await createTestNeed(db, household.id);
  const offer = await createTestOffer(db);
  const offerLink = await createTestOfferLink(db, offer.id);
  const jpeg = await sharp({ create: { width: 8, height: 6, channels: 3, background: { r: 180, g: 180, b: 180 } } }).jpeg().toBuffer();
  const offerPhoto = await createTestOfferPhoto(db, offer.id, jpeg);
  const match = await createTestMatch(db, need.id, offer.id);
  const transportB = await createTestTransport(db, match.id, volunteerB.id);

  // Sponsorships: an open request of the household, a proposal asked of B.
  const sponsorshipRequest = await createTestRequest(db, household.id, { firstName: "Selma" });
  await makeTestSponsor(db, volunteerB.id, { capacity: 2 });
  const proposalB = await createTestProposal(db, sponsorshipRequest.id, volunteerB.id);

  // Rooms: an active room with a photo and B's booking; an inactive room with a photo.
  const room = await createTestRoom(db);
  const roomPhoto = await createTestRoomPhoto(db, room.id);
  const inactiveRoom = await createTestRoom(db, { name: "Lager (inaktiv)", active: false });
  const inactivePhoto = await createTestRoomPhoto(db, inactiveRoom.id);
  const bookingB = await createTestBooking(db, room.id, { requesterUserId: volunteerB.id, email: volunteerB.email });
  const requesterFeed = await createTestCalendarFeed(db, { kind: "requester", email: volunteerB.email });
  const photoFile = async (id: number) => {
    const p = await db.selectFrom("room_photo").select("version").where("id", "=", id).executeTakeFirstOrThrow();
    return `${id}-${p.version}.jpg`;
  };

  // Mail: one message in the outbox; B's links from mails.
  await transaction((trx) => enqueueMail(trx, { to: volunteerB.email, locale: "de", template: "password-changed-notice", data: { name: "Bernd B" } }));
  const outbox = await db.selectFrom("outbox").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
  const resetB = await createTestEmailToken(db, volunteerB.id, "reset_password");
  const verifyB = await createTestEmailToken(db, volunteerB.id, "verify_email");
  const changeEmailB = await createTestEmailToken(db, volunteerB.id, "change_email");

  // Tandems: B sponsors a tandem in trial with one confirmed meeting (enough for the certificate of its programme).
  const tandemProgramme = await createTestProgramme(db, { name: "Programm der Seite B", certificateMeetings: 1 });
  const tandemB = await createTestTandem(db, volunteerB.id, { programmeId: tandemProgramme.id, status: "trial", firstMeetingAt: "2026-11-02T15:00:00.000Z", trialEndsOn: "2026-12-14" });
  const tandemMeetingB = await createTestMeeting(db, tandemB.id, { day: "2026-11-09", confirmed: true });
  // Programmes (ADR 0040): Y runs an ambassador programme; B sponsors a tandem in it (Y's members run it, X's see nothing).
  const programmeY = await createTestProgramme(db, { name: "Botschafter der Seite Y", kind: "association", organisationId: orgY.id });
  const tandemY = { ...(await createTestTandem(db, volunteerB.id, { programmeId: programmeY.id, code: "T-SEITE-Y" })), code: "T-SEITE-Y" };
  // A waiting request assigned to Y's programme (ADR 0045): Y's members may propose their own volunteers for it.
  const requestY = await createTestRequest(db, (await createTestHousehold(db, { code: "H-SEITEY1" })).id, { firstName: "Yara" });
  await db.updateTable("sponsorship_request").set({ programme_id: programmeY.id }).where("id", "=", requestY.id).execute();

  // A user nobody logs in as: role changes and disabling end the target's sessions.
  const spareUser = await createTestVolunteer(db, { status: "active", name: "Carla C" });

  let n = 0;
  /** Fresh records for one request each: one-click actions (approve, withdraw, confirm) change what they act on. */
  const fresh = {
    bookingB: async () => {
      n++;
      const day = new Date(Date.UTC(2030, 1, 1) + n * 86_400_000).toISOString().slice(0, 10);
      return createTestBooking(db, room.id, { requesterUserId: volunteerB.id, email: volunteerB.email, startsAt: `${day}T15:00:00.000Z`, endsAt: `${day}T17:00:00.000Z` });
    },
    /** B's weekly series of two waiting dates: the first date (its id and manage token). */
    seriesBookingB: async () => {
      n++;
      const { id: seriesId } = await db.insertInto("booking_series").values({ room_id: room.id, frequency: "weekly", created_at: new Date().toISOString() }).returning("id").executeTakeFirstOrThrow();
      const day = (week: number) => new Date(Date.UTC(2031, 1, 1) + n * 86_400_000 + week * 7 * 86_400_000).toISOString().slice(0, 10);
      const first = await createTestBooking(db, room.id, { seriesId, requesterUserId: volunteerB.id, email: volunteerB.email, startsAt: `${day(0)}T15:00:00.000Z`, endsAt: `${day(0)}T17:00:00.000Z` });
      await createTestBooking(db, room.id, { seriesId, requesterUserId: volunteerB.id, email: volunteerB.email, startsAt: `${day(1)}T15:00:00.000Z`, endsAt: `${day(1)}T17:00:00.000Z` });
      return first;
    },
    offerToken: async () => (await createTestOfferLink(db, (await createTestOffer(db)).id)).token,
    /** A new offer with one manage link: its id and the link's id (the office revokes links one by one). */
    offerLink: async () => {
      const o = await createTestOffer(db);
      await createTestOfferLink(db, o.id);
      const link = await db.selectFrom("donation_offer_link").select("id").where("offer_id", "=", o.id).executeTakeFirstOrThrow();
      return { offerId: o.id, linkId: link.id };
    },
    emailToken: async (purpose: "verify_email" | "change_email") => (await createTestEmailToken(db, spareUser.id, purpose)).token,
    hoursB: async () => createTestHours(db, { assignmentId: assignmentB.id, day: "2026-03-02" }),
    /** A household's confirmation link of a new meeting of B's tandem. */
    meetingToken: async () => (await createTestMeetingLink(db, (await createTestMeeting(db, tandemB.id, { day: "2026-11-16" })).id)).token,
    inviteToken: async () => (await createTestInvite(db, orgY.id, spareUser.email)).token,
  };

  // The spreadsheet import: a batch just uploaded by the office.
  const importBatch = await createTestImportBatch(db, { createdBy: coordinator.id });

  return {
    users,
    spareUser,
    fresh,
    orgX,
    orgY,
    associationOfferY,
    volunteerA,
    volunteerB,
    assignmentA,
    assignmentB,
    hoursB,
    household,
    need,
    offer,
    offerToken: offerLink.token,
    offerPhoto,
    match,
    transportB,
    sponsorshipRequest,
    proposalB,
    room,
    roomPhotoFile: await photoFile(roomPhoto.id),
    inactiveRoom,
    inactiveRoomPhotoFile: await photoFile(inactivePhoto.id),
    bookingB,
    requesterFeedToken: requesterFeed.token,
    outboxId: outbox.id,
    resetToken: resetB.token,
    verifyToken: verifyB.token,
    changeEmailToken: changeEmailB.token,
    tandemB,
    tandemMeetingB,
    programmeY,
    tandemY,
    requestY,
    importBatch,
  };
}
