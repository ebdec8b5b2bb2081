/**
 * The forms moved onto the one form path (conform + zod through `parseForm`/`parseIntentForm`, the
 * conform reply as the one action-data shape): a wrong value is answered with a 400, a message at
 * the field that exists in every language, the value sent back to the form (kept for correcting),
 * the reply naming the form it is for on pages with several, and nothing written.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as enrol from "../../../app/routes/me.konto_.zwei-faktor";
import * as transports from "../../../app/routes/me.transports";
import * as closeStep from "../../../app/routes/office.assignments.$id_.close";
import * as assignmentPage from "../../../app/routes/office.assignments.$id";
import * as matchPage from "../../../app/routes/office.donations.matches.$id";
import * as needPage from "../../../app/routes/office.donations.needs.$id";
import * as offerReview from "../../../app/routes/office.donations.offers._index";
import * as householdPage from "../../../app/routes/office.households.$id._index";
import * as roomPage from "../../../app/routes/office.rooms.$id._index";
import * as photosPage from "../../../app/routes/office.rooms.$id.photos";
import * as declineStep from "../../../app/routes/office.rooms.bookings.$id_.decline";
import * as legalEdit from "../../../app/routes/office.seiten.$slug";
import * as volunteerPage from "../../../app/routes/office.volunteers.$id";
import * as requestRoute from "../../../app/routes/raum.$id.anfragen";
import * as changeDate from "../../../app/routes/raum.buchung.$token_.aendern";
import * as manageOffer from "../../../app/routes/spenden.angebot.$token";
import { SUPPORTED_LANGUAGES } from "../../../app/i18n/config";
import { getFixedT } from "../../../app/i18n/i18next.server";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";
import { createTestHousehold, createTestMatch, createTestNeed, createTestOffer, createTestTransport } from "../../factories/donations";
import { createTestOfferLink } from "../../factories/links";
import { createTestBooking, createTestRoom, createTestRoomPhoto } from "../../factories/rooms";
import { sessionCookie } from "../../setup/remix";
import { snapshotDb } from "../helpers";
import { requestForm } from "../rooms/helpers";
import { HTML, KB10, submit, type FormTarget } from "./harness";

const today = berlinDay(new Date());
const ids: Record<string, number | string> = {};
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const db = getDb();
  cookies.coordinator = await sessionCookie((await createTestUser(db, { roles: ["coordinator"] })).id);
  cookies.admin = await sessionCookie((await createTestUser(db, { roles: ["admin"] })).id);
  const office = await createTestUser(db, { roles: ["coordinator"] });
  cookies.enrolling = await sessionCookie(office.id);
  const volunteer = await createTestVolunteer(db, { name: "Vera Fahrerin" });
  ids.volunteer = volunteer.id;
  cookies.volunteer = await sessionCookie(volunteer.id);
  const org = await createTestOrganisation(db, { name: "Stadt Willich", legalForm: "city" });
  ids.assignment = (await createTestAssignment(db, { volunteerId: volunteer.id, organisationId: org.id, createdBy: office.id, activity: "Lesepatin", startDay: addDaysToDay(today, -10) })).id;
  const household = await createTestHousehold(db);
  ids.household = household.id;
  const need = await createTestNeed(db, household.id, { category: "sofa" });
  ids.need = need.id;
  const offer = await createTestOffer(db, { category: "sofa", reviewState: "accepted" });
  ids.offer = offer.id;
  ids.pendingOffer = (await createTestOffer(db, { reviewState: "pending" })).id;
  ids.offerToken = (await createTestOfferLink(db, offer.id)).token;
  const matchedNeed = await createTestNeed(db, household.id, { category: "sofa", status: "matched" });
  ids.match = (await createTestMatch(db, matchedNeed.id, offer.id)).id;
  ids.transport = (await createTestTransport(db, Number(ids.match), volunteer.id)).id;
  const room = await createTestRoom(db, { name: "Gruppenraum Formweg" });
  ids.room = room.id;
  ids.photo = (await createTestRoomPhoto(db, room.id, { alt: "Der Raum von vorn" })).id;
  const booking = await createTestBooking(db, room.id, { status: "requested" });
  ids.booking = booking.id;
  ids.bookingToken = booking.token;
});

/**
 * Posts the form with one wrong value and checks the answer: 400, the message at the field (a
 * translation key that every language has), the wrong value kept, and nothing written.
 */
async function expectRefused(target: FormTarget, fields: Record<string, string>, field: string, key: string, intent?: string) {
  const before = await snapshotDb();
  const res = await submit(target, fields);
  expect(res.status, JSON.stringify(res.data).slice(0, 400)).toBe(400);
  const reply = res.data as { status: string; error: Record<string, string[]>; initialValue: Record<string, unknown> };
  expect(reply.status).toBe("error");
  const messages = reply.error[field] ?? [];
  expect(messages.map((m) => m.split("|")[0]), JSON.stringify(reply.error)).toContain(key);
  for (const lang of SUPPORTED_LANGUAGES) {
    const t = await getFixedT(lang, "common");
    const [k, json] = messages.find((m) => m.split("|")[0] === key)!.split("|");
    const text = t(k, json ? JSON.parse(json) : {});
    expect(text, `${lang}: ${k}`).not.toBe(k);
    expect(text, `${lang}: ${k}`).not.toMatch(/errors\./);
  }
  if (fields[field] !== "") expect(reply.initialValue[field]).toBe(fields[field]);
  if (intent) expect(reply.initialValue.intent).toBe(intent);
  expect(await snapshotDb()).toEqual(before);
}

describe("volunteer detail (office)", () => {
  const t: FormTarget = { path: () => `/office/volunteers/${ids.volunteer}`, fn: volunteerPage.action, params: () => ({ id: String(ids.volunteer) }), cookie: () => cookies.coordinator, valid: () => ({}) };
  it("status: an unknown status and a hostile reason", async () => {
    await expectRefused(t, { intent: "status", to: "boss", reason: "weil" }, "to", "errors.invalidChoice", "status");
    await expectRefused(t, { intent: "status", to: "left", reason: HTML }, "reason", "errors.forbiddenCharacters", "status");
  });
  it("intake: an impossible date", async () => {
    await expectRefused(t, { intent: "schedule-intake", intakeOn: "2026-02-30" }, "intakeOn", "errors.invalidDate", "schedule-intake");
    await expectRefused(t, { intent: "record-intake", intakeOn: today, notes: "x".repeat(2001) }, "notes", "errors.tooLong", "record-intake");
  });
});

describe("assignment detail (office)", () => {
  const t: FormTarget = { path: () => `/office/assignments/${ids.assignment}`, fn: assignmentPage.action, params: () => ({ id: String(ids.assignment) }), cookie: () => cookies.coordinator, valid: () => ({}) };
  // Closing is its own confirmation step (ADR 0024).
  const close: FormTarget = { ...t, path: () => `/office/assignments/${ids.assignment}/close`, fn: closeStep.action };
  it("close: a month-first (US) date and a hostile reason", async () => {
    // The German order (31.12.2026) is read as a day (ADR 0043 (9)); month first is not.
    await expectRefused(close, { intent: "close", closedOn: "12/31/2026", reason: "Umzug" }, "closedOn", "errors.invalidDate", "close");
    await expectRefused(close, { intent: "close", closedOn: today, reason: HTML }, "reason", "errors.forbiddenCharacters", "close");
  });
  it("update: a document reference of 10 kB", async () => {
    await expectRefused(t, { intent: "update", endDay: "", documentRef: KB10 }, "documentRef", "errors.tooLong", "update");
  });
});

describe("handover of a match (office)", () => {
  const t: FormTarget = { path: () => `/office/donations/matches/${ids.match}`, fn: matchPage.action, params: () => ({ id: String(ids.match) }), cookie: () => cookies.coordinator, valid: () => ({}) };
  it("plan: a time that is not one; outcome: an unknown outcome", async () => {
    await expectRefused(t, { intent: "plan", mode: "transport", day: addDaysToDay(today, 3), from: "9 Uhr", to: "11:00" }, "from", "donations:errors.time", "plan");
    await expectRefused(t, { intent: "outcome", outcome: "verloren", reason: "" }, "outcome", "errors.invalidChoice", "outcome");
  });
});

describe("household detail (office)", () => {
  const t: FormTarget = { path: () => `/office/households/${ids.household}`, fn: householdPage.action, params: () => ({ id: String(ids.household) }), cookie: () => cookies.coordinator, valid: () => ({}) };
  it("need: a negative quantity; consent: a date in the future", async () => {
    const category = await getDb().selectFrom("donation_need").select("category_id").where("id", "=", Number(ids.need)).executeTakeFirstOrThrow();
    await expectRefused(t, { intent: "need", categoryId: String(category.category_id), quantity: "-3", urgency: "normal" }, "quantity", "donations:errors.quantityPositive", "need");
    await expectRefused(t, { intent: "consent", purpose: "donations", languageShown: "de", givenOn: "2999-01-01" }, "givenOn", "donations:errors.futureDate", "consent");
  });
});

describe("matching a need (office)", () => {
  const t: FormTarget = { path: () => `/office/donations/needs/${ids.need}`, fn: needPage.action, params: () => ({ id: String(ids.need) }), cookie: () => cookies.coordinator, valid: () => ({}) };
  it("a quantity below one, at the row of its offer", async () => {
    await expectRefused(t, { offerId: String(ids.offer), quantity: "-1" }, "quantity", "donations:errors.quantityPositive");
    const res = await submit(t, { offerId: String(ids.offer), quantity: "-1" });
    expect((res.data as { initialValue: Record<string, unknown> }).initialValue.offerId).toBe(String(ids.offer));
  });
});

describe("offer review (office)", () => {
  const t: FormTarget = { path: () => "/office/donations/offers", fn: offerReview.action, cookie: () => cookies.coordinator, valid: () => ({}) };
  it("an unknown decision and a hostile reason", async () => {
    await expectRefused(t, { offerId: String(ids.pendingOffer), decision: "vielleicht" }, "decision", "errors.invalidChoice");
    await expectRefused(t, { offerId: String(ids.pendingOffer), decision: "declined", reason: HTML }, "reason", "errors.forbiddenCharacters");
  });
});

describe("own transports (volunteer)", () => {
  const t: FormTarget = { path: () => "/me/transports", fn: transports.action, cookie: () => cookies.volunteer, valid: () => ({}) };
  it("an unknown answer and a hostile reason, at the transport's row", async () => {
    await expectRefused(t, { transportId: String(ids.transport), answer: "maybe" }, "answer", "errors.invalidChoice");
    await expectRefused(t, { transportId: String(ids.transport), answer: "declined", reason: HTML }, "reason", "errors.forbiddenCharacters");
  });
});

describe("two-factor enrolment", () => {
  const t: FormTarget = { path: () => "/me/konto/zwei-faktor", fn: enrol.action, cookie: () => cookies.enrolling, valid: () => ({}) };
  it("a code that is not six digits", async () => {
    expect((await submit(t, { intent: "start" })).status).toBe(302);
    await expectRefused(t, { intent: "confirm", code: "12ab" }, "code", "security:twoFactor.sixDigits", "confirm");
  });
});

describe("legal page texts (office)", () => {
  const t: FormTarget = { path: () => "/office/seiten/impressum", fn: legalEdit.action, params: () => ({ slug: "impressum" }), cookie: () => cookies.coordinator, valid: () => ({}) };
  it("a hostile title, in the form of its language", async () => {
    await expectRefused(t, { locale: "en", title: HTML, body: "Imprint" }, "title", "errors.forbiddenCharacters");
    const res = await submit(t, { locale: "en", title: HTML, body: "Imprint" });
    expect((res.data as { initialValue: Record<string, unknown> }).initialValue.locale).toBe("en");
  });
});

describe("room configuration (office)", () => {
  const t: FormTarget = { path: () => `/office/rooms/${ids.room}`, fn: roomPage.action, params: () => ({ id: String(ids.room) }), cookie: () => cookies.admin, valid: () => ({}) };
  it("a closure with an impossible day and a hostile reason", async () => {
    await expectRefused(t, { intent: "add-blackout", from: "2026-02-30", to: addDaysToDay(today, 3), reason: "Renovierung" }, "from", "errors.invalidDate", "add-blackout");
    await expectRefused(t, { intent: "add-blackout", from: addDaysToDay(today, 2), to: addDaysToDay(today, 3), reason: HTML }, "reason", "errors.forbiddenCharacters", "add-blackout");
  });
});

describe("room photos (office)", () => {
  const t: FormTarget = { path: () => `/office/rooms/${ids.room}/photos`, fn: photosPage.action, params: () => ({ id: String(ids.room) }), cookie: () => cookies.admin, valid: () => ({}) };
  it("a hostile description, at the photo's form", async () => {
    await expectRefused(t, { intent: "alt", photoId: String(ids.photo), alt: HTML }, "alt", "errors.forbiddenCharacters", "alt");
  });
});

describe("declining a room request (office)", () => {
  const t: FormTarget = { path: () => `/office/rooms/bookings/${ids.booking}/decline`, fn: declineStep.action, params: () => ({ id: String(ids.booking) }), cookie: () => cookies.coordinator, valid: () => ({}) };
  it("a hostile reason", async () => {
    await expectRefused(t, { reason: HTML, back: "/office/rooms/requests" }, "reason", "errors.forbiddenCharacters");
  });
});

describe("room request (guest)", () => {
  const t: FormTarget = { path: () => `/raum/${ids.room}/anfragen`, fn: requestRoute.action, params: () => ({ id: String(ids.room) }), valid: () => ({}) };
  it("an address that is not one, and a hostile purpose", async () => {
    await expectRefused(t, requestForm({ email: "lina-at-example" }) as Record<string, string>, "email", "errors.invalidEmail");
    await expectRefused(t, requestForm({ purpose: HTML }) as Record<string, string>, "purpose", "errors.forbiddenCharacters");
  });
});

describe("changing a booked date (guest, by the link)", () => {
  const t: FormTarget = { path: () => `/raum/buchung/${ids.bookingToken}/aendern`, fn: changeDate.action, params: () => ({ token: String(ids.bookingToken) }), valid: () => ({}) };
  it("a hostile purpose", async () => {
    const fields = { bookingId: String(ids.booking), day: addDaysToDay(today, 12), startTime: "18:00", endTime: "20:00", purpose: HTML, attendees: "10", responsibleAdult: "Erika Beispiel" };
    await expectRefused(t, fields, "purpose", "errors.forbiddenCharacters");
  });
});

describe("managing a donation offer (donor, by the link)", () => {
  const t: FormTarget = { path: () => `/spenden/angebot/${ids.offerToken}`, fn: manageOffer.action, params: () => ({ token: String(ids.offerToken) }), valid: () => ({}) };
  it("change: a quantity of nought and a month-first (US) date", async () => {
    await expectRefused(t, { intent: "change", quantity: "0", availableUntil: addDaysToDay(today, 20) }, "quantity", "donations:errors.quantityPositive", "change");
    await expectRefused(t, { intent: "change", quantity: "1", availableUntil: "12/24/2030" }, "availableUntil", "errors.invalidDate", "change");
  });
});
