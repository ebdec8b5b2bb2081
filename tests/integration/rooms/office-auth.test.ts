import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../db/schema";
import * as rooms from "../../../app/routes/office.rooms._index";
import * as newRoom from "../../../app/routes/office.rooms.new";
import * as room from "../../../app/routes/office.rooms.$id._index";
import * as book from "../../../app/routes/office.rooms.$id.book";
import * as utilisation from "../../../app/routes/office.rooms.$id.utilisation";
import * as photos from "../../../app/routes/office.rooms.$id.photos";
import * as requests from "../../../app/routes/office.rooms.requests";
import * as booking from "../../../app/routes/office.rooms.bookings.$id";
import * as approveRoute from "../../../app/routes/office.rooms.bookings.$id_.approve";
import * as declineRoute from "../../../app/routes/office.rooms.bookings.$id_.decline";
import * as cancelRoute from "../../../app/routes/office.rooms.bookings.$id_.cancel";
import * as approveSeriesRoute from "../../../app/routes/office.rooms.bookings.$id_.approve-series";
import * as keyOutRoute from "../../../app/routes/office.rooms.bookings.$id_.key-out";
import * as keyBackRoute from "../../../app/routes/office.rooms.bookings.$id_.key-back";
import * as newLinkRoute from "../../../app/routes/office.rooms.bookings.$id_.new-link";
import { violationsOf } from "../../../app/components/rooms/violations";
import { readFlash } from "../../../app/utils/flash.server";
import * as inbox from "../../../app/routes/office._index";
import { getDb, transaction } from "../../../app/utils/db.server";
import { tasksReconcileTask } from "../../../app/modules/tasks/daily.server";
import { createTestBooking, createTestRoom, createTestUser } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";
import { berlinTime } from "../../../app/utils/dates";
import { countBookings, dayIn } from "./helpers";

let roomId: number;
let bookingId: number;
const cookies: Partial<Record<Role | "anonymous", string>> = {};

beforeAll(async () => {
  ({ id: roomId } = await createTestRoom(getDb()));
  ({ id: bookingId } = await createTestBooking(getDb(), roomId, { status: "requested", startsAt: `${dayIn(9)}T16:00:00.000Z`, endsAt: `${dayIn(9)}T18:00:00.000Z` }));
  for (const role of ["volunteer", "association_member", "coordinator", "admin"] as const) {
    const u = await createTestUser(getDb(), { roles: [role] });
    cookies[role] = await sessionCookie(u.id);
  }
  cookies.anonymous = "";
});

type RouteModule = { loader: unknown; action?: unknown };
const routes = (): Array<{ name: string; mod: RouteModule; path: string; params: Record<string, string> }> => [
  { name: "/office/rooms", mod: rooms, path: "/office/rooms", params: {} },
  { name: "/office/rooms/new", mod: newRoom, path: "/office/rooms/new", params: {} },
  { name: "/office/rooms/$id", mod: room, path: `/office/rooms/${roomId}`, params: { id: String(roomId) } },
  { name: "/office/rooms/$id/book", mod: book, path: `/office/rooms/${roomId}/book`, params: { id: String(roomId) } },
  { name: "/office/rooms/$id/utilisation", mod: utilisation, path: `/office/rooms/${roomId}/utilisation`, params: { id: String(roomId) } },
  { name: "/office/rooms/$id/photos", mod: photos, path: `/office/rooms/${roomId}/photos`, params: { id: String(roomId) } },
  { name: "/office/rooms/requests", mod: requests, path: "/office/rooms/requests", params: {} },
  { name: "/office/rooms/bookings/$id", mod: booking, path: `/office/rooms/bookings/${bookingId}`, params: { id: String(bookingId) } },
  ...(
    [
      ["approve", approveRoute],
      ["decline", declineRoute],
      ["cancel", cancelRoute],
      ["approve-series", approveSeriesRoute],
      ["key-out", keyOutRoute],
      ["key-back", keyBackRoute],
      ["new-link", newLinkRoute],
    ] as const
  ).map(([step, mod]) => ({ name: `/office/rooms/bookings/$id/${step}`, mod: mod as RouteModule, path: `/office/rooms/bookings/${bookingId}/${step}`, params: { id: String(bookingId) } })),
];

describe("office room routes per role", () => {
  for (const role of ["anonymous", "volunteer", "association_member", "coordinator", "admin"] as const) {
    it(`${role}: loaders`, async () => {
      for (const r of routes()) {
        const res = await run(r.mod.loader as never, makeRequest(r.path, { cookie: cookies[role] }), r.params);
        const want = role === "anonymous" ? 302 : role === "coordinator" || role === "admin" ? 200 : 403;
        expect([r.name, res.status]).toEqual([r.name, want]);
        if (role === "anonymous") expect(res.location).toMatch(/^\/login\?redirectTo=/);
      }
    });
    it(`${role}: actions write nothing without permission`, async () => {
      if (role === "coordinator" || role === "admin") return;
      const before = await countBookings();
      for (const r of routes()) {
        if (!r.mod.action) continue;
        const res = await run(r.mod.action as never, makeRequest(r.path, { cookie: cookies[role], form: { intent: "approve", bookingId: String(bookingId) } }), r.params);
        expect([r.name, res.status]).toEqual([r.name, role === "anonymous" ? 302 : 403]);
      }
      expect(await countBookings()).toBe(before);
      const b = await getDb().selectFrom("booking").select("status").where("id", "=", bookingId).executeTakeFirstOrThrow();
      expect(b.status).toBe("requested");
    });
  }

  it("unknown ids are 404 for the office", async () => {
    for (const r of routes().filter((x) => "id" in x.params)) {
      const res = await run(r.mod.loader as never, makeRequest(r.path.replace(/\d+/, "99999"), { cookie: cookies.coordinator }), { id: "99999" });
      expect([r.name, res.status]).toEqual([r.name, 404]);
    }
  });

  it("the office work queue lists the pending request (ADR 0036: a task since the daily run, the booking was made outside a command)", async () => {
    await transaction((trx) => tasksReconcileTask.run(trx, new Date()));
    const res = await run(inbox.loader, makeRequest("/office", { cookie: cookies.coordinator }));
    expect(res.data.queue.tasks.some((t: { href: string }) => t.href === `/office/rooms/bookings/${bookingId}`)).toBe(true);
    expect(res.data.items.some((i: { id: string }) => i.id === `room-request-${bookingId}`)).toBe(false);
    const vol = await run(inbox.loader, makeRequest("/office", { cookie: cookies.volunteer }));
    expect(vol.status).toBe(403);
  });
});

describe("office actions", () => {
  it("declining needs a reason, and mails it in the requester's language", async () => {
    const { id } = await createTestBooking(getDb(), roomId, { status: "requested", locale: "uk", email: "ukr@example.org", startsAt: `${dayIn(12)}T08:00:00.000Z`, endsAt: `${dayIn(12)}T09:00:00.000Z` });
    // The queue's old one-click decline is gone: a decline goes through its confirmation step.
    const oneClick = await run(requests.action, makeRequest("/office/rooms/requests", { cookie: cookies.coordinator, form: { bookingId: String(id), intent: "decline", reason: "Raum wird renoviert" } }));
    expect([oneClick.status, oneClick.data.error.key]).toEqual([400, "errors.invalidChoice"]);
    expect((await getDb().selectFrom("booking").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("requested");
    const decline = (reason: string) => run(declineRoute.action, makeRequest(`/office/rooms/bookings/${id}/decline`, { cookie: cookies.coordinator, form: { reason } }), { id: String(id) });
    const none = await decline("");
    expect([none.status, none.data.error.reason]).toEqual([400, ["rooms:errors.reasonRequired"]]);
    const ok = await decline("Raum wird renoviert");
    expect(ok.status).toBe(302);
    const mail = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", "ukr@example.org").executeTakeFirstOrThrow();
    expect(mail.template).toBe("room-booking-declined");
    expect(mail.locale).toBe("uk");
    expect(mail.subject).toMatch(/Відмова/);
    expect(mail.text).toContain("Raum wird renoviert");
  });

  it("decline and cancel are confirmation steps: opening them changes nothing, the post needs a reason", async () => {
    const { id } = await createTestBooking(getDb(), roomId, { status: "requested", email: "schritt@example.org", startsAt: `${dayIn(13)}T08:00:00.000Z`, endsAt: `${dayIn(13)}T09:00:00.000Z` });
    const status = async () => (await getDb().selectFrom("booking").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
    const step = await run(declineRoute.loader, makeRequest(`/office/rooms/bookings/${id}/decline?back=${encodeURIComponent("/office/rooms/requests?page=2")}`, { cookie: cookies.coordinator }), { id: String(id) });
    expect([step.status, step.data.back, await status()]).toEqual([200, "/office/rooms/requests?page=2", "requested"]);
    const none = await run(declineRoute.action, makeRequest(`/office/rooms/bookings/${id}/decline`, { cookie: cookies.coordinator, form: { reason: " ", back: "/office/rooms/requests?page=2" } }), { id: String(id) });
    expect([none.status, none.data.error.reason]).toEqual([400, ["rooms:errors.reasonRequired"]]);
    expect(await status()).toBe("requested");
    const ok = await run(declineRoute.action, makeRequest(`/office/rooms/bookings/${id}/decline`, { cookie: cookies.coordinator, form: { reason: "Belegt", back: "/office/rooms/requests?page=2" } }), { id: String(id) });
    expect([ok.status, ok.location, await status()]).toEqual([302, "/office/rooms/requests?page=2", "declined"]);
    const { id: confirmed } = await createTestBooking(getDb(), roomId, { status: "confirmed", email: "schritt@example.org", startsAt: `${dayIn(13)}T10:00:00.000Z`, endsAt: `${dayIn(13)}T11:00:00.000Z` });
    expect((await run(cancelRoute.loader, makeRequest(`/office/rooms/bookings/${confirmed}/cancel`, { cookie: cookies.coordinator }), { id: String(confirmed) })).data.active).toBe(true);
    const noReason = await run(cancelRoute.action, makeRequest(`/office/rooms/bookings/${confirmed}/cancel`, { cookie: cookies.coordinator, form: {} }), { id: String(confirmed) });
    expect([noReason.status, noReason.data.error.reason]).toEqual([400, ["rooms:errors.reasonRequired"]]);
    const cancelled = await run(cancelRoute.action, makeRequest(`/office/rooms/bookings/${confirmed}/cancel`, { cookie: cookies.coordinator, form: { reason: "Wasserschaden" } }), { id: String(confirmed) });
    expect(cancelled.status).toBe(302);
    const mails = await getDb().selectFrom("outbox").select(["template", "text"]).where("to_address", "=", "schritt@example.org").orderBy("id").execute();
    expect(mails.map((m) => m.template)).toEqual(["room-booking-declined", "room-booking-cancelled"]);
    expect(mails[1].text).toContain("Wasserschaden");
  });

  it("approving a slot that is taken answers 'already booked' and writes nothing", async () => {
    const a = await createTestBooking(getDb(), roomId, { status: "confirmed", startsAt: `${dayIn(14)}T16:00:00.000Z`, endsAt: `${dayIn(14)}T18:00:00.000Z` });
    const b = await createTestBooking(getDb(), roomId, { status: "requested", startsAt: `${dayIn(14)}T18:15:00.000Z`, endsAt: `${dayIn(14)}T19:00:00.000Z` });
    const res = await run(approveRoute.action, makeRequest(`/office/rooms/bookings/${b.id}/approve`, { cookie: cookies.coordinator, form: {} }), { id: String(b.id) });
    expect(res.status).toBe(400);
    const [refusal] = violationsOf(res.data);
    expect(refusal.key).toBe("rooms:rules.withinBuffer");
    // The refusal names the booking that blocks (for the office's link to it).
    expect(refusal.values).toEqual({ bookingId: a.id, day: dayIn(14), from: berlinTime(`${dayIn(14)}T16:00:00.000Z`), to: berlinTime(`${dayIn(14)}T18:00:00.000Z`), minutes: 30 });
    expect((await getDb().selectFrom("booking").select("status").where("id", "=", b.id).executeTakeFirstOrThrow()).status).toBe("requested");
  });

  it("the refusal names the earliest overlapping booking, an overlap before a closure before the buffer", async () => {
    const day = dayIn(15);
    const at = (h: string) => `${day}T${h}:00.000Z`;
    const later = await createTestBooking(getDb(), roomId, { status: "confirmed", startsAt: at("15:00"), endsAt: at("17:00") });
    const earlier = await createTestBooking(getDb(), roomId, { status: "confirmed", startsAt: at("12:00"), endsAt: at("14:00") });
    const wanted = await createTestBooking(getDb(), roomId, { status: "requested", startsAt: at("13:00"), endsAt: at("16:00") });
    await getDb().insertInto("room_blackout").values({ room_id: roomId, starts_at: at("13:30"), ends_at: at("13:45"), reason: "Wartung", created_at: new Date().toISOString() }).execute();
    const approve = (id: number) => run(requests.action, makeRequest("/office/rooms/requests", { cookie: cookies.coordinator, form: { intent: "approve", bookingId: String(id) } }));
    const res = await approve(wanted.id);
    expect(res.status).toBe(409);
    expect(res.data).toEqual({ bookingId: wanted.id, error: { key: "rooms:errors.alreadyBooked", values: { bookingId: earlier.id, day, from: berlinTime(at("12:00")), to: berlinTime(at("14:00")) } } });
    // The later booking was written first: the named one is the earliest by time, not by row order.
    expect(later.id).toBeLessThan(earlier.id);
    // Only the closure left: it is named.
    const inClosure = await createTestBooking(getDb(), roomId, { status: "requested", startsAt: at("14:30"), endsAt: at("14:50") });
    await getDb().insertInto("room_blackout").values({ room_id: roomId, starts_at: at("14:40"), ends_at: at("14:45"), reason: "Prüfung", created_at: new Date().toISOString() }).execute();
    const closed = await approve(inClosure.id);
    expect([closed.status, closed.data.error.key, closed.data.error.values.reason]).toEqual([409, "rooms:rules.inBlackout", "Prüfung"]);
    expect((await getDb().selectFrom("booking").select("status").where("id", "in", [wanted.id, inClosure.id]).execute()).map((r) => r.status)).toEqual(["requested", "requested"]);
  });

  it("the queue pages through every waiting request (50 a page) and counts them all", async () => {
    const { id: busyRoom } = await createTestRoom(getDb(), { name: "Viel gefragt" });
    const before = (await run(requests.loader, makeRequest("/office/rooms/requests", { cookie: cookies.coordinator }))).data.total;
    for (let i = 0; i < 60; i++) await createTestBooking(getDb(), busyRoom, { status: "requested", startsAt: `${dayIn(60)}T10:00:00.000Z`, endsAt: `${dayIn(60)}T11:00:00.000Z` });
    const first = await run(requests.loader, makeRequest("/office/rooms/requests", { cookie: cookies.coordinator }));
    expect(first.data.total).toBe(before + 60);
    expect(first.data.requests).toHaveLength(50);
    const pages = Math.ceil((before + 60) / 50);
    const last = await run(requests.loader, makeRequest(`/office/rooms/requests?page=${pages}`, { cookie: cookies.coordinator }));
    expect(last.data.page).toBe(pages);
    const seen = new Set<number>();
    for (let p = 1; p <= pages; p++) {
      const page = await run(requests.loader, makeRequest(`/office/rooms/requests?page=${p}`, { cookie: cookies.coordinator }));
      for (const r of page.data.requests) seen.add(r.id);
    }
    expect(seen.size).toBe(before + 60);
    // A page beyond the end shows the last one; the rooms overview counts beyond 50.
    expect((await run(requests.loader, makeRequest("/office/rooms/requests?page=999", { cookie: cookies.coordinator }))).data.page).toBe(pages);
    expect((await run(rooms.loader, makeRequest("/office/rooms", { cookie: cookies.coordinator }))).data.pending).toBe(before + 60);
    // Declining from page 2 (through the confirmation step) comes back to page 2.
    const onPage2 = (await run(requests.loader, makeRequest("/office/rooms/requests?page=2", { cookie: cookies.coordinator }))).data.requests[0];
    const back = await run(declineRoute.action, makeRequest(`/office/rooms/bookings/${onPage2.id}/decline`, { cookie: cookies.coordinator, form: { reason: "Test", back: "/office/rooms/requests?page=2" } }), { id: String(onPage2.id) });
    expect([back.status, back.location]).toEqual([302, "/office/rooms/requests?page=2"]);
  });

  it("direct booking, key out and back, blackout with colliding bookings listed, utilisation", async () => {
    const form = { day: dayIn(1), startTime: "10:00", endTime: "12:00", purpose: "Beratung", attendees: "4", responsibleAdult: "Amal Beispiel", name: "Amal Beispiel", email: "amal@example.org" };
    const res = await run(book.action, makeRequest(`/office/rooms/${roomId}/book`, { cookie: cookies.coordinator, form }), { id: String(roomId) });
    expect(res.status).toBe(302);
    const id = Number(res.location!.split("/").pop());
    const row = await getDb().selectFrom("booking").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("confirmed");
    expect(row.booked_by_office).toBe(1);
    const again = await run(book.action, makeRequest(`/office/rooms/${roomId}/book`, { cookie: cookies.coordinator, form }), { id: String(roomId) });
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.data.violations)).toContain("rooms:rules.overlapsConfirmed");

    const path = `/office/rooms/bookings/${id}`;
    const back0 = await run(keyBackRoute.action, makeRequest(`${path}/key-back`, { cookie: cookies.coordinator, form: { depositOutcome: "returned" } }), { id: String(id) });
    expect(back0.status).toBe(400);
    expect(back0.data.error[""]).toEqual(["rooms:errors.keyNotOut"]);
    // A bad deposit is a message next to the field, the input kept.
    const badOut = await run(keyOutRoute.action, makeRequest(`${path}/key-out`, { cookie: cookies.coordinator, form: { handedTo: "Amal Beispiel", deposit: "viel" } }), { id: String(id) });
    expect([badOut.status, badOut.data.error.deposit, badOut.data.initialValue.handedTo]).toEqual([400, ["rooms:errors.wholeNumber"], "Amal Beispiel"]);
    expect((await run(keyOutRoute.action, makeRequest(`${path}/key-out`, { cookie: cookies.coordinator, form: { handedTo: "Amal Beispiel", deposit: "50", conditionOut: "sauber" } }), { id: String(id) })).status).toBe(302);
    expect((await run(keyBackRoute.action, makeRequest(`${path}/key-back`, { cookie: cookies.coordinator, form: { depositOutcome: "partly_kept", damages: "Tasse zerbrochen" } }), { id: String(id) })).status).toBe(302);
    const key = await getDb().selectFrom("key_handover").selectAll().where("booking_id", "=", id).executeTakeFirstOrThrow();
    expect(key).toMatchObject({ handed_to: "Amal Beispiel", deposit_cents: 5000, condition_out: "sauber", deposit_outcome: "partly_kept", damages: "Tasse zerbrochen" });

    const roomPath = `/office/rooms/${roomId}`;
    const bad = await run(room.action, makeRequest(roomPath, { cookie: cookies.coordinator, form: { intent: "add-blackout", from: dayIn(3), to: dayIn(1), reason: "Reinigung" } }), { id: String(roomId) });
    expect(bad.status).toBe(400);
    expect((await run(room.action, makeRequest(roomPath, { cookie: cookies.coordinator, form: { intent: "add-blackout", from: dayIn(1), to: dayIn(1), reason: "Reinigung" } }), { id: String(roomId) })).status).toBe(302);
    const page = await run(room.loader, makeRequest(roomPath, { cookie: cookies.coordinator }), { id: String(roomId) });
    expect(page.data.blackouts[0].collisions.map((c: { id: number }) => c.id)).toContain(id);

    const month = dayIn(1).slice(0, 7);
    const u = await run(utilisation.loader, makeRequest(`${roomPath}/utilisation?month=${month}`, { cookie: cookies.coordinator }), { id: String(roomId) });
    expect(u.data.summary.count).toBeGreaterThanOrEqual(1);
    expect(u.data.summary.hours).toBeGreaterThanOrEqual(2);
  });

  it("room configuration: validation, and changed house rules become a new version", async () => {
    const page = await run(room.loader, makeRequest(`/office/rooms/${roomId}`, { cookie: cookies.admin }), { id: String(roomId) });
    const r = page.data.room;
    const form: Record<string, string> = {
      intent: "save", name: r.name, address: r.address, description: r.description, capacity: "25", minMinutes: "60", maxMinutes: "30",
      bufferMinutes: "15", leadDays: "2", horizonMonths: "6", keyDeposit: "50", fee: "0", nightRestStart: "22:00", nightRestEnd: "06:00", rules: "Neue Hausordnung",
      open1: "09:00", close1: "21:00",
    };
    const bad = await run(room.action, makeRequest(`/office/rooms/${roomId}`, { cookie: cookies.admin, form }), { id: String(roomId) });
    expect(bad.status).toBe(400);
    expect(bad.data.error.maxMinutes).toEqual(["rooms:errors.maxBelowMin"]);
    const ok = await run(room.action, makeRequest(`/office/rooms/${roomId}`, { cookie: cookies.admin, form: { ...form, maxMinutes: "240", keyPickupPlace: "Rathaus, Zimmer 12", keyPickupHours: "Mo–Fr 9–12 Uhr" } }), { id: String(roomId) });
    expect(ok.status).toBe(302);
    const rules = await getDb().selectFrom("room_rules").select(["version", "text"]).where("room_id", "=", roomId).orderBy("version").execute();
    expect(rules.map((x) => x.version)).toEqual([1, 2]);
    const saved = await getDb().selectFrom("room").selectAll().where("id", "=", roomId).executeTakeFirstOrThrow();
    expect(JSON.parse(saved.opening_hours)[0]).toEqual({ open: "09:00", close: "21:00" });
    expect(JSON.parse(saved.opening_hours)[1]).toBeNull();
    expect([saved.key_pickup_place, saved.key_pickup_hours]).toEqual(["Rathaus, Zimmer 12", "Mo–Fr 9–12 Uhr"]);
  });

  it("bookable parts: renamed, reordered, added and removed; a kept part keeps its id", async () => {
    const { id, partIds } = await createTestRoom(getDb(), { name: "Bereichsraum", parts: ["Hauptraum", "Teeküche", "Außenbereich"] });
    const page = await run(room.loader, makeRequest(`/office/rooms/${id}`, { cookie: cookies.coordinator }), { id: String(id) });
    expect(page.data.parts.map((p: { name: string }) => p.name)).toEqual(["Hauptraum", "Teeküche", "Außenbereich"]);
    const r = page.data.room;
    const form: Record<string, string> = {
      intent: "save", name: r.name, address: r.address, capacity: "20", minMinutes: "60", maxMinutes: "240", bufferMinutes: "30", leadDays: "2", horizonMonths: "6",
      keyDeposit: "50", fee: "0", nightRestStart: "22:00", nightRestEnd: "06:00", rules: page.data.rules.text, open1: "09:00", close1: "21:00",
    };
    const save = (parts?: string) => run(room.action, makeRequest(`/office/rooms/${id}`, { cookie: cookies.coordinator, form: parts === undefined ? form : { ...form, parts } }), { id: String(id) });
    expect((await save(" Außenbereich , Hauptraum, Garten <b>, Hauptraum ")).status).toBe(302);
    const parts = await getDb().selectFrom("room_part").select(["id", "name"]).where("room_id", "=", id).orderBy("sort_order").execute();
    expect(parts.map((p) => p.name)).toEqual(["Außenbereich", "Hauptraum", "Garten b"]);
    expect(parts.slice(0, 2).map((p) => p.id)).toEqual([partIds[2], partIds[0]]);
    // A form without the field leaves the parts alone; an empty field removes them all.
    expect((await save()).status).toBe(302);
    expect(await getDb().selectFrom("room_part").select("id").where("room_id", "=", id).execute()).toHaveLength(3);
    expect((await save("")).status).toBe(302);
    expect(await getDb().selectFrom("room_part").select("id").where("room_id", "=", id).execute()).toHaveLength(0);
    // The public page shows no parts then; a volunteer cannot change them.
    const vol = await run(room.action, makeRequest(`/office/rooms/${id}`, { cookie: cookies.volunteer, form: { ...form, parts: "Hack" } }), { id: String(id) });
    expect(vol.status).toBe(403);
    expect(await getDb().selectFrom("room_part").select("id").where("room_id", "=", id).execute()).toHaveLength(0);
  });
});

describe("series approval", () => {
  it("confirms every free date of a series in one go; a colliding date keeps waiting", async () => {
    const { id: seriesId } = await getDb().insertInto("booking_series").values({ room_id: roomId, frequency: "weekly", created_at: new Date().toISOString() }).returning("id").executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (const d of [30, 37, 44]) {
      const b = await createTestBooking(getDb(), roomId, { seriesId, status: "requested", email: "serie-office@example.org", startsAt: `${dayIn(d)}T16:00:00.000Z`, endsAt: `${dayIn(d)}T18:00:00.000Z` });
      ids.push(b.id);
    }
    await createTestBooking(getDb(), roomId, { status: "confirmed", startsAt: `${dayIn(37)}T17:00:00.000Z`, endsAt: `${dayIn(37)}T18:00:00.000Z` });
    // From the request queue: back to its page, the toast counts confirmed and skipped dates.
    const res = await run(approveSeriesRoute.action, makeRequest(`/office/rooms/bookings/${ids[0]}/approve-series`, { cookie: cookies.coordinator, form: { back: "/office/rooms/requests?page=1" } }), { id: String(ids[0]) });
    expect([res.status, res.location]).toEqual([302, "/office/rooms/requests?page=1"]);
    const { flash } = await readFlash(new Request("http://localhost/", { headers: { Cookie: res.headers.get("Set-Cookie")!.split(";")[0] } }));
    expect(flash).toEqual({ key: "flash.roomSeriesApproved", kind: "info", values: { confirmed: 2, skipped: 1 } });
    const rows = await getDb().selectFrom("booking").select(["id", "status"]).where("series_id", "=", seriesId).orderBy("id").execute();
    expect(rows.map((r) => r.status)).toEqual(["confirmed", "requested", "confirmed"]);
    const mails = await getDb().selectFrom("outbox").select(["text", "attachments"]).where("to_address", "=", "serie-office@example.org").execute();
    expect(mails).toHaveLength(1);
    // The confirmation carries the confirmed dates as an .ics: one event per date, each with its booking's UID.
    const [ics] = JSON.parse(mails[0].attachments!) as Array<{ filename: string; content: string }>;
    expect(ics.filename).toBe("buchung.ics");
    expect(ics.content.match(/^UID:.*$/gm)).toEqual([`UID:booking-${ids[0]}@ehrenamt-hub`, `UID:booking-${ids[2]}@ehrenamt-hub`]);
    expect(ics.content).toContain(`DTSTART;TZID=Europe/Berlin:${dayIn(44).replace(/-/g, "")}T`);
    const vol = await run(approveSeriesRoute.action, makeRequest(`/office/rooms/bookings/${ids[1]}/approve-series`, { cookie: cookies.volunteer, form: {} }), { id: String(ids[1]) });
    expect(vol.status).toBe(403);
    // Again: nothing waits any more (the colliding date is the only one, and still collides).
    const again = await run(approveSeriesRoute.action, makeRequest(`/office/rooms/bookings/${ids[0]}/approve-series`, { cookie: cookies.coordinator, form: { back: "https://evil.example/" } }), { id: String(ids[0]) });
    expect(again.location).toBe(`/office/rooms/bookings/${ids[0]}`);
  });

  it("the key steps render one page shell: back to the booking, the step's form posting to its route", async () => {
    const { id } = await createTestBooking(getDb(), roomId, { status: "confirmed", startsAt: `${dayIn(15)}T08:00:00.000Z`, endsAt: `${dayIn(15)}T09:00:00.000Z` });
    for (const [step, mod] of [["key-out", keyOutRoute], ["key-back", keyBackRoute]] as const) {
      const r = await renderRoute(mod as never, `/office/rooms/bookings/${id}/${step}`, { cookie: cookies.coordinator, params: { id: String(id) } });
      expect([step, r.status]).toEqual([step, 200]);
      expect(r.html).toContain(`href="/office/rooms/bookings/${id}"`);
      expect(r.html).toContain(`action="/office/rooms/bookings/${id}/${step}"`);
    }
  });
});
