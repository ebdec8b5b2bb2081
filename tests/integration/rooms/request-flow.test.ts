import { beforeAll, describe, expect, it } from "vitest";
import * as manage from "../../../app/routes/raum.buchung.$token";
import * as confirmRoute from "../../../app/routes/raum.buchung.$token_.bestaetigen";
import * as changeRoute from "../../../app/routes/raum.buchung.$token_.aendern";
import * as seriesRoute from "../../../app/routes/raum.buchung.$token_.serie";
import * as cancelRoute from "../../../app/routes/raum.buchung.$token_.stornieren";
import * as requestRoute from "../../../app/routes/raum.$id.anfragen";
import * as roomPage from "../../../app/routes/raum.$id._index";
import * as queue from "../../../app/routes/office.rooms.requests";
import * as newLinkRoute from "../../../app/routes/office.rooms.bookings.$id_.new-link";
import { runDailyJobs } from "../../../app/modules/jobs/daily.server";
import { handOutKey, takeBackKey } from "../../../app/modules/rooms/key-handover.server";
import { violationsOf } from "../../../app/components/rooms/violations";
import { getDb } from "../../../app/utils/db.server";
import { berlinDay, berlinTime, berlinToInstant } from "../../../app/utils/dates";
import { createTestBooking, createTestRoom, createTestUser } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { countBookings, countMail, dayIn, manageLink, requestForm } from "./helpers";

let roomId: number;
let partIds: number[];
let office: string;

beforeAll(async () => {
  ({ id: roomId, partIds } = await createTestRoom(getDb(), { capacity: 30, keyPickupPlace: "Rathaus, Zimmer 12", keyPickupHours: "Mo–Fr 9–12 Uhr" }));
  const coordinator = await createTestUser(getDb(), { roles: ["coordinator"] });
  office = await sessionCookie(coordinator.id);
});

const post = (form: Record<string, string | string[]>, id = roomId) => run(requestRoute.action, makeRequest(`/raum/${id}/anfragen`, { form }), { id: String(id) });

describe("guest request → mailed link → confirmation → approval → booked in the calendar", () => {
  it("works end to end, and the public calendar never shows who or why", async () => {
    const res = await post(requestForm({ parts: [String(partIds[0]), String(partIds[1])] }));
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/raum/${roomId}/anfragen?gesendet=1`);
    const booking = await getDb().selectFrom("booking").selectAll().where("contact_email", "=", "lina@example.org").executeTakeFirstOrThrow();
    expect(booking.status).toBe("unconfirmed");
    expect(booking.rules_version).toBe(1);
    expect(JSON.parse(booking.parts)).toEqual(partIds.slice(0, 2));
    const mail = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", "lina@example.org").executeTakeFirstOrThrow();
    expect(mail.template).toBe("room-confirm-request");
    expect(mail.text).toContain("18:00–20:00");
    const path = manageLink(mail.text);
    const token = path.split("/").pop()!;
    // The token is stored only as a hash.
    expect(booking.manage_token_hash).not.toContain(token);

    // Unconfirmed guest requests are not shown publicly.
    const before = await run(roomPage.loader, makeRequest(`/raum/${roomId}?from=${dayIn(10)}`), { id: String(roomId) });
    expect(JSON.stringify(before.data.days)).not.toContain("requested");

    const confirmed = await run(confirmRoute.action, makeRequest(`${path}/bestaetigen`, { form: {} }), { token });
    expect(confirmed.status).toBe(302);
    expect((await getDb().selectFrom("booking").select("status").where("id", "=", booking.id).executeTakeFirstOrThrow()).status).toBe("requested");
    const received = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", "lina@example.org").where("template", "=", "room-request-received").executeTakeFirstOrThrow();
    // No link in later mails (only its hash is stored); the text points to the first mail.
    expect(received.text).not.toContain("/raum/buchung/");

    const pending = await run(roomPage.loader, makeRequest(`/raum/${roomId}?from=${dayIn(10)}`), { id: String(roomId) });
    const day = pending.data.days.find((d: { day: string }) => d.day === dayIn(10));
    expect(day.blocks).toEqual([{ from: "18:00", to: "20:00", state: "requested", allDay: false }]);

    const approve = await run(queue.action, makeRequest("/office/rooms/requests", { form: { bookingId: String(booking.id), intent: "approve" }, cookie: office }));
    expect(approve.status).toBe(302);
    const confirmedMail = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", "lina@example.org").where("template", "=", "room-booking-confirmed").executeTakeFirstOrThrow();
    expect(confirmedMail.subject).toContain("Gruppenraum");
    // Where and when to collect the key, as configured for the room.
    expect(confirmedMail.text).toContain("Schlüsselübergabe: Rathaus, Zimmer 12, Mo–Fr 9–12 Uhr.");

    const month = await run(roomPage.loader, makeRequest(`/raum/${roomId}?view=month&from=${dayIn(10)}`), { id: String(roomId) });
    const booked = month.data.days.find((d: { day: string }) => d.day === dayIn(10));
    expect(booked.blocks[0].state).toBe("booked");
    const json = JSON.stringify(month.data);
    for (const secret of ["Lina", "lina@example.org", "Sprachcafé"]) expect(json).not.toContain(secret);

    const view = await run(manage.loader, makeRequest(path), { token });
    expect(view.data.booking.status).toBe("confirmed");
    expect(view.headers.get("Cache-Control") ?? "no-store").toBe("no-store");
  });

  it("a pending request does not block another request for the same slot", async () => {
    await createTestBooking(getDb(), roomId, { status: "requested", startsAt: `${dayIn(11)}T15:00:00.000Z`, endsAt: `${dayIn(11)}T17:00:00.000Z` });
    const res = await post(requestForm({ day: dayIn(11), startTime: "16:00", endTime: "18:00", email: "zweite@example.org" }));
    expect(res.status).toBe(302);
  });

  it("the same person's identical second request is answered with a pointer to the first: no second booking, no second mail", async () => {
    const form = requestForm({ day: dayIn(13), email: "doppelt@example.org" });
    expect((await post(form)).status).toBe(302);
    const [b, m] = [await countBookings(), await countMail()];
    const again = await post({ ...form, email: "Doppelt@Example.org" });
    expect(again.status).toBe(400);
    expect(violationsOf(again.data)).toEqual([{ key: "rooms:errors.duplicateRequest", values: { day: dayIn(13), from: "18:00", to: "20:00" } }]);
    expect([await countBookings(), await countMail()]).toEqual([b, m]);
    // Another slot, or the same slot once the first request is cancelled, is a new request.
    expect((await post({ ...form, startTime: "20:00", endTime: "21:30" })).status).toBe(302);
    await getDb().updateTable("booking").set({ status: "cancelled" }).where("contact_email", "=", "doppelt@example.org").where("starts_at", "=", berlinToInstant(dayIn(13), "18:00").toISOString()).execute();
    expect((await post(form)).status).toBe(302);
  });

  it("a logged-in, verified requester skips the mail round trip and lands on the manage page", async () => {
    const user = await createTestUser(getDb(), { roles: ["volunteer"], email: "mitglied@example.org", name: "Mia Mitglied" });
    const res = await run(requestRoute.action, makeRequest(`/raum/${roomId}/anfragen`, { form: requestForm({ day: dayIn(12), name: "", email: "" }), cookie: await sessionCookie(user.id) }), { id: String(roomId) });
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/raum\/buchung\//);
    const b = await getDb().selectFrom("booking").selectAll().where("contact_email", "=", "mitglied@example.org").executeTakeFirstOrThrow();
    expect(b.status).toBe("requested");
    expect(b.requester_user_id).toBe(user.id);
  });
});

describe("bad input: a clear message or 404, and nothing written", () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ["past date", { day: dayIn(-3) }, "rooms:rules.past"],
    ["end before start", { startTime: "20:00", endTime: "18:00" }, "rooms:rules.endBeforeStart"],
    ["zero length", { startTime: "18:00", endTime: "18:00" }, "rooms:rules.zeroLength"],
    ["ends after 22:00", { startTime: "20:00", endTime: "22:30" }, "rooms:rules.endsAfterNightRest"],
    ["capacity exceeded", { attendees: "31" }, "rooms:rules.capacityExceeded"],
    ["less than 2 days ahead", { day: dayIn(1), startTime: "08:00", endTime: "09:00" }, "rooms:rules.leadTime"],
    ["ten-year series", { repeat: "weekly", until: dayIn(3650) }, "rooms:rules.seriesTooLong"],
  ];
  for (const [name, override, key] of cases) {
    it(name, async () => {
      const [b, m] = [await countBookings(), await countMail()];
      const res = await post(requestForm(override));
      expect(res.status).toBe(400);
      expect(JSON.stringify(violationsOf(res.data))).toContain(key);
      expect(await countBookings()).toBe(b);
      expect(await countMail()).toBe(m);
    });
  }

  it("overlapping a confirmed booking names its local time", async () => {
    await createTestBooking(getDb(), roomId, { status: "confirmed", startsAt: `${dayIn(20)}T17:00:00.000Z`, endsAt: `${dayIn(20)}T19:00:00.000Z` });
    const res = await post(requestForm({ day: dayIn(20), startTime: "19:00", endTime: "21:00" }));
    expect(res.status).toBe(400);
    expect(violationsOf(res.data)).toContainEqual({ key: "rooms:rules.overlapsConfirmed", values: { from: "18:00", to: "20:00", day: dayIn(20) } });
  });

  it("missing fields and an unaccepted house rule are field errors, input kept", async () => {
    const res = await post(requestForm({ acceptRules: "", email: "kaputt", purpose: "" }));
    expect(res.status).toBe(400);
    expect(res.data.error.acceptRules).toEqual(["rooms:errors.acceptRules"]);
    expect(res.data.error.email).toEqual(["errors.invalidEmail"]);
    expect(res.data.initialValue.name).toBe("Lina Gast");
  });

  it("a part of another room is refused", async () => {
    const other = await createTestRoom(getDb(), { name: "Anderer Raum" });
    const res = await post(requestForm({ parts: String(other.partIds[0]) }));
    expect(res.status).toBe(400);
    expect(res.data.error.parts).toEqual(["errors.invalidChoice"]);
  });

  it("a foreign or unknown room id is a 404", async () => {
    for (const id of ["999999", "abc", "1.5"]) {
      const res = await run(requestRoute.action, makeRequest(`/raum/${id}/anfragen`, { form: requestForm() }), { id });
      expect(res.status).toBe(404);
      expect((await run(roomPage.loader, makeRequest(`/raum/${id}`), { id })).status).toBe(404);
    }
    const inactive = await createTestRoom(getDb(), { active: false });
    expect((await run(roomPage.loader, makeRequest(`/raum/${inactive.id}`), { id: String(inactive.id) })).status).toBe(404);
  });

  it("a tampered manage token is a 404 and changes nothing", async () => {
    const { token } = await createTestBooking(getDb(), roomId, { status: "requested", startsAt: `${dayIn(30)}T10:00:00.000Z`, endsAt: `${dayIn(30)}T12:00:00.000Z` });
    const tampered = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    for (const t of [tampered, "x", "../../etc"]) {
      expect((await run(manage.loader, makeRequest(`/raum/buchung/${t}`), { token: t })).status).toBe(404);
      expect((await run(cancelRoute.action, makeRequest(`/raum/buchung/${t}/stornieren`, { form: { scope: "one" } }), { token: t })).status).toBe(404);
    }
    const still = await getDb().selectFrom("booking").select("status").where("manage_token_hash", "is not", null).where("starts_at", "=", `${dayIn(30)}T10:00:00.000Z`).executeTakeFirstOrThrow();
    expect(still.status).toBe("requested");
  });
});

describe("manage link: change and cancel", () => {
  it("a change is re-checked; a changed confirmed time goes back to the office", async () => {
    const { id, token } = await createTestBooking(getDb(), roomId, { status: "confirmed", startsAt: `${dayIn(40)}T16:00:00.000Z`, endsAt: `${dayIn(40)}T18:00:00.000Z` });
    const form = { day: dayIn(40), startTime: "17:00", endTime: "23:00", purpose: "Probe", attendees: "10", responsibleAdult: "Erika Beispiel" };
    const bad = await run(changeRoute.action, makeRequest(`/raum/buchung/${token}/aendern`, { form }), { token });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data.error)).toContain("rooms:rules.endsAfterNightRest");
    // The input is kept for the form shown again.
    expect(bad.data.initialValue.purpose).toBe("Probe");
    const ok = await run(changeRoute.action, makeRequest(`/raum/buchung/${token}/aendern`, { form: { ...form, endTime: "21:00" } }), { token });
    expect(ok.status).toBe(302);
    const b = await getDb().selectFrom("booking").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(b.status).toBe("requested");
    expect(b.purpose).toBe("Probe");
    // The confirmation step (no JavaScript needed): opening it says what happens and changes nothing.
    const step = await run(cancelRoute.loader, makeRequest(`/raum/buchung/${token}/stornieren?termin=${id}`), { token });
    expect(step.status).toBe(200);
    expect(step.data).toMatchObject({ scope: "one", targetId: id, dates: [{ startsAt: b.starts_at, endsAt: b.ends_at }] });
    expect((await getDb().selectFrom("booking").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("requested");
    const cancel = await run(cancelRoute.action, makeRequest(`/raum/buchung/${token}/stornieren`, { form: { scope: "one" } }), { token });
    expect(cancel.status).toBe(302);
    expect((await getDb().selectFrom("booking").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("cancelled");
    const mails = await getDb().selectFrom("outbox").select("template").where("to_address", "=", b.contact_email).execute();
    expect(mails.map((m) => m.template)).toEqual(["room-booking-changed", "room-booking-cancelled"]);
  });
});

describe("recurring requests", () => {
  it("previews each date with its conflicts; the rest is requested, one bad date never breaks the series", async () => {
    const start = dayIn(50);
    await createTestBooking(getDb(), roomId, { status: "confirmed", startsAt: `${dayIn(64)}T17:30:00.000Z`, endsAt: `${dayIn(64)}T18:30:00.000Z` });
    const form = requestForm({ day: start, repeat: "weekly", count: "4", email: "serie@example.org" });
    // The preview needs neither a name nor the accepted house rules yet.
    const preview = await post({ ...form, intent: "preview", acceptRules: "", name: "" });
    expect(preview.status).toBe(200);
    expect(preview.data.preview.map((d: { day: string }) => d.day)).toEqual([start, dayIn(57), dayIn(64), dayIn(71)]);
    expect(preview.data.preview.map((d: { violations: unknown[] }) => d.violations.length > 0)).toEqual([false, false, true, false]);
    // Sending all four fails with the conflicting date named; nothing written.
    const all = await post(form);
    expect(all.status).toBe(400);
    expect(violationsOf(all.data)[0].day).toBe(dayIn(64));
    const chosen = await post({ ...form, dates: [start, dayIn(57), dayIn(71)] });
    expect(chosen.status).toBe(302);
    const rows = await getDb().selectFrom("booking").select(["series_id", "status"]).where("contact_email", "=", "serie@example.org").execute();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.series_id)).size).toBe(1);

    // Cancel one date, then the rest of the series, through the link.
    const mail = await getDb().selectFrom("outbox").select("text").where("to_address", "=", "serie@example.org").executeTakeFirstOrThrow();
    const token = manageLink(mail.text).split("/").pop()!;
    const page = await run(manage.loader, makeRequest(`/raum/buchung/${token}`), { token });
    expect(page.data.series).toHaveLength(3);
    const second = page.data.series[1].id;
    expect((await run(cancelRoute.action, makeRequest(`/raum/buchung/${token}/stornieren`, { form: { scope: "one", bookingId: String(second) } }), { token })).status).toBe(302);
    // A booking outside the series is not reachable through this link.
    const foreign = await createTestBooking(getDb(), roomId, { startsAt: `${dayIn(80)}T10:00:00.000Z`, endsAt: `${dayIn(80)}T11:00:00.000Z` });
    expect((await run(cancelRoute.action, makeRequest(`/raum/buchung/${token}/stornieren`, { form: { scope: "one", bookingId: String(foreign.id) } }), { token })).status).toBe(409);
    expect((await getDb().selectFrom("booking").select("status").where("id", "=", foreign.id).executeTakeFirstOrThrow()).status).toBe("requested");
    expect((await run(cancelRoute.action, makeRequest(`/raum/buchung/${token}/stornieren`, { form: { scope: "series" } }), { token })).status).toBe(302);
    const after = await getDb().selectFrom("booking").select("status").where("contact_email", "=", "serie@example.org").execute();
    expect(after.every((r) => r.status === "cancelled")).toBe(true);
  });
});

describe("daily tasks", () => {
  it("expires guest requests not confirmed within 24 h, and reminds the day before", async () => {
    const now = new Date();
    const stale = await createTestBooking(getDb(), roomId, { status: "unconfirmed", confirmExpiresAt: new Date(now.getTime() - 1000).toISOString(), startsAt: `${dayIn(90)}T10:00:00.000Z`, endsAt: `${dayIn(90)}T11:00:00.000Z` });
    const results = await runDailyJobs({ now, force: true });
    expect(results!["room-expire-unconfirmed"]).toBeGreaterThanOrEqual(1);
    expect((await getDb().selectFrom("booking").select("status").where("id", "=", stale.id).executeTakeFirstOrThrow()).status).toBe("expired");
    const page = await run(confirmRoute.action, makeRequest(`/raum/buchung/${stale.token}/bestaetigen`, { form: {} }), { token: stale.token });
    expect(page.status).toBe(302);
    expect((await getDb().selectFrom("booking").select("status").where("id", "=", stale.id).executeTakeFirstOrThrow()).status).toBe("expired");

    const tomorrow = await createTestBooking(getDb(), roomId, { status: "confirmed", email: "morgen@example.org", startsAt: `${dayIn(1)}T09:00:00.000Z`, endsAt: `${dayIn(1)}T10:00:00.000Z` });
    await runDailyJobs({ now, force: true });
    await runDailyJobs({ now, force: true });
    const reminders = await getDb().selectFrom("outbox").select("template").where("to_address", "=", "morgen@example.org").execute();
    expect(reminders.map((r) => r.template)).toEqual(["room-booking-reminder"]);
    expect(tomorrow.id).toBeGreaterThan(0);
  });
});

describe("key return reminder", () => {
  it("reminds the requester once, in their language, a day after the end while the key is still out", async () => {
    const actor = { userId: (await createTestUser(getDb(), { roles: ["coordinator"] })).id, email: "k@example.org", name: "K", locale: "de", emailVerified: true, roles: ["coordinator" as const], organisationIds: [] };
    const out = await createTestBooking(getDb(), roomId, { status: "confirmed", email: "schluessel@example.org", locale: "uk", startsAt: `${dayIn(3)}T09:00:00.000Z`, endsAt: `${dayIn(3)}T10:00:00.000Z` });
    const back = await createTestBooking(getDb(), roomId, { status: "confirmed", email: "zurueck@example.org", startsAt: `${dayIn(3)}T11:00:00.000Z`, endsAt: `${dayIn(3)}T12:00:00.000Z` });
    await handOutKey(actor, out.id, { handedTo: "Olena Beispiel", deposit: 50 });
    await handOutKey(actor, back.id, { handedTo: "Erika Beispiel", deposit: 50 });
    await takeBackKey(actor, back.id, { depositOutcome: "returned" });
    const reminders = () => getDb().selectFrom("outbox").select(["to_address", "locale", "subject"]).where("template", "=", "room-key-return-reminder").execute();
    // Not yet a day after the end: nothing.
    await runDailyJobs({ now: new Date(Date.parse(`${dayIn(3)}T10:00:00.000Z`) + 23 * 3600_000), force: true });
    expect(await reminders()).toEqual([]);
    const later = new Date(Date.parse(`${dayIn(3)}T10:00:00.000Z`) + 25 * 3600_000);
    await runDailyJobs({ now: later, force: true });
    await runDailyJobs({ now: later, force: true });
    const sent = await reminders();
    expect(sent.map((m) => [m.to_address, m.locale])).toEqual([["schluessel@example.org", "uk"]]);
    expect(sent[0].subject).toContain("ключ");
  });
});

describe("series: change as a whole or per date", () => {
  it("changes one date, then the times of all future dates (re-checked, all or nothing)", async () => {
    const form = requestForm({ day: dayIn(100), repeat: "biweekly", count: "3", email: "serie2@example.org" });
    expect((await post(form)).status).toBe(302);
    const mail = await getDb().selectFrom("outbox").select("text").where("to_address", "=", "serie2@example.org").executeTakeFirstOrThrow();
    const token = manageLink(mail.text).split("/").pop()!;
    const page = await run(manage.loader, makeRequest(`/raum/buchung/${token}`), { token });
    const third = page.data.series[2];
    // The change form of another date of the series.
    const other = await run(manage.loader, makeRequest(`/raum/buchung/${token}?termin=${third.id}`), { token });
    expect(other.data.booking.id).toBe(third.id);
    const foreign = await createTestBooking(getDb(), roomId, { startsAt: `${dayIn(101)}T10:00:00.000Z`, endsAt: `${dayIn(101)}T11:00:00.000Z` });
    expect((await run(manage.loader, makeRequest(`/raum/buchung/${token}?termin=${foreign.id}`), { token })).status).toBe(404);
    const change = { bookingId: String(third.id), day: dayIn(114), startTime: "10:00", endTime: "12:00", purpose: "Sprachcafé", attendees: "12", responsibleAdult: "Lina Gast" };
    expect((await run(changeRoute.action, makeRequest(`/raum/buchung/${token}/aendern`, { form: change }), { token })).status).toBe(302);
    expect((await run(changeRoute.action, makeRequest(`/raum/buchung/${token}/aendern`, { form: { ...change, bookingId: String(foreign.id) } }), { token })).status).toBe(404);
    const rows = await getDb().selectFrom("booking").select(["id", "starts_at"]).where("contact_email", "=", "serie2@example.org").orderBy("id").execute();
    expect([berlinDay(rows[2].starts_at), berlinTime(rows[2].starts_at)]).toEqual([dayIn(114), "10:00"]);

    // All future dates: one would end after 22:00 → nothing written, the date is named.
    const bad = await run(seriesRoute.action, makeRequest(`/raum/buchung/${token}/serie`, { form: { startTime: "21:00", endTime: "23:00" } }), { token });
    expect(bad.status).toBe(400);
    expect(bad.data.error[""][0]).toContain(`"onDay":"${dayIn(100)}"`);
    const ok = await run(seriesRoute.action, makeRequest(`/raum/buchung/${token}/serie`, { form: { startTime: "17:00", endTime: "19:00" } }), { token });
    expect(ok.status).toBe(302);
    const after = await getDb().selectFrom("booking").select(["starts_at"]).where("contact_email", "=", "serie2@example.org").orderBy("id").execute();
    expect(after.map((r) => berlinTime(r.starts_at))).toEqual(["17:00", "17:00", "17:00"]);
  });
});

describe("the office revokes a manage link and mails a new one", () => {
  it("the old link (every date of the series) stops working; the new one works; opening the step changes nothing", async () => {
    const form = requestForm({ day: dayIn(120), repeat: "weekly", count: "2", email: "neuerlink@example.org" });
    expect((await post(form)).status).toBe(302);
    const first = await getDb().selectFrom("outbox").select("text").where("to_address", "=", "neuerlink@example.org").executeTakeFirstOrThrow();
    const oldToken = manageLink(first.text).split("/").pop()!;
    const ids = (await getDb().selectFrom("booking").select("id").where("contact_email", "=", "neuerlink@example.org").orderBy("id").execute()).map((r) => r.id);
    const hashes = async () => (await getDb().selectFrom("booking").select("manage_token_hash").where("id", "in", ids).orderBy("id").execute()).map((r) => r.manage_token_hash);
    const before = await hashes();
    const step = await run(newLinkRoute.loader, makeRequest(`/office/rooms/bookings/${ids[1]}/new-link`, { cookie: office }), { id: String(ids[1]) });
    expect([step.status, step.data.email, step.data.series]).toEqual([200, "neuerlink@example.org", true]);
    expect(await hashes()).toEqual(before);
    const volunteer = await sessionCookie((await createTestUser(getDb(), { roles: ["volunteer"] })).id);
    expect((await run(newLinkRoute.action, makeRequest(`/office/rooms/bookings/${ids[1]}/new-link`, { cookie: volunteer, form: {} }), { id: String(ids[1]) })).status).toBe(403);
    expect(await hashes()).toEqual(before);

    const res = await run(newLinkRoute.action, makeRequest(`/office/rooms/bookings/${ids[1]}/new-link`, { cookie: office, form: {} }), { id: String(ids[1]) });
    expect([res.status, res.location]).toEqual([302, `/office/rooms/bookings/${ids[1]}`]);
    const after = await hashes();
    expect(after.filter((h, i) => h === before[i])).toEqual([]);
    expect((await run(manage.loader, makeRequest(`/raum/buchung/${oldToken}`), { token: oldToken })).status).toBe(404);
    const mail = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", "neuerlink@example.org").where("template", "=", "room-manage-link").executeTakeFirstOrThrow();
    expect(mail.subject).toContain("Gruppenraum");
    const newToken = manageLink(mail.text).split("/").pop()!;
    expect(newToken).not.toBe(oldToken);
    const page = await run(manage.loader, makeRequest(`/raum/buchung/${newToken}`), { token: newToken });
    expect([page.status, page.data.booking.id, page.data.series.length]).toEqual([200, ids[0], 2]);
  });
});
