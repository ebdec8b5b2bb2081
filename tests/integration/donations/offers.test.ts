import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { runDailyJobs } from "../../../app/modules/jobs/daily.server";
import { berlinDay, addDaysToDay } from "../../../app/utils/dates";
import * as offerPage from "../../../app/routes/spenden.anbieten";
import * as manage from "../../../app/routes/spenden.angebot.$token";
import * as review from "../../../app/routes/office.donations.offers._index";
import * as photo from "../../../app/routes/office.donations.photos.$id";
import * as offerNeeds from "../../../app/routes/office.donations.offers.$id";
import * as withdrawStep from "../../../app/routes/spenden.angebot.$token_.zurueckziehen";
import * as revokeStep from "../../../app/routes/office.donations.offers.$id_.revoke-link.$linkId";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestUser, createTestVolunteer } from "../../factories";
import { categoryId, createTestHousehold, createTestNeed, createTestOffer } from "../../factories/donations";
import { makeJpegWithExif, makeJpegWithOrientation, makePng } from "../../factories/images";

let coordinator: string;
let volunteerCookie: string;
let donorCookie: string;
let wardrobe: number;
let electrical: number;
const db = () => getDb();
const offers = async () => Number((await db().selectFrom("donation_offer").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const until = () => addDaysToDay(berlinDay(new Date()), 20);

function offerForm(fields: Record<string, string> = {}, files: Array<{ data: Uint8Array; name: string; type: string }> = []) {
  const fd = new FormData();
  const base: Record<string, string> = {
    categoryId: String(wardrobe),
    quantity: "1",
    condition: "good",
    description: "Weißer Kleiderschrank, 2 Türen",
    districtId: "3",
    pickupStreet: "Geheimweg 99",
    availableUntil: until(),
    delivery: "needs_pickup",
    donorName: "Gisela Gastspenderin",
    donorEmail: "gisela@example.org",
    ...fields,
  };
  for (const [k, v] of Object.entries(base)) if (v !== "") fd.append(k, v);
  for (const f of files) fd.append("photos", new File([new Uint8Array(f.data)], f.name, { type: f.type }));
  return fd;
}
const post = (fd: FormData, cookie?: string) => run(offerPage.action, makeRequest("/spenden/anbieten", { form: fd, cookie }));
const tokenFromOutbox = async (to: string) => {
  const mail = await db().selectFrom("outbox").select("text").where("to_address", "=", to).orderBy("id", "desc").executeTakeFirstOrThrow();
  return /\/spenden\/angebot\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
};

beforeAll(async () => {
  coordinator = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
  volunteerCookie = await sessionCookie((await createTestVolunteer(db())).id);
  donorCookie = await sessionCookie((await createTestUser(db(), { roles: ["volunteer"], email: "angemeldet@example.org", name: "Anton Angemeldet", locale: "uk" })).id);
  wardrobe = await categoryId(db(), "wardrobe");
  electrical = await categoryId(db(), "electrical");
});

describe("offering as a guest", () => {
  it("stores the offer unconfirmed with re-encoded photos, mails the manage link, and the link confirms it", async () => {
    const res = await post(offerForm({}, [{ data: makePng(30, 20, [200, 10, 10]), name: "schrank.png", type: "image/png" }, { data: await makeJpegWithExif(), name: "foto.jpg", type: "image/jpeg" }, { data: await makeJpegWithOrientation(40, 20, 6, (x) => (x < 20 ? [200, 10, 10] : [10, 10, 200])), name: "hochkant.jpg", type: "image/jpeg" }]));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/spenden/danke?bestaetigen=1");
    const o = await db().selectFrom("donation_offer").selectAll().where("donor_email", "=", "gisela@example.org").executeTakeFirstOrThrow();
    expect(o).toMatchObject({ review_state: "unconfirmed", confirmed_at: null, pickup_street: "Geheimweg 99", size: null, status: "open" });
    const photos = await db().selectFrom("donation_offer_photo").select(["mime", "width", "height", "data"]).where("offer_id", "=", o.id).orderBy("id").execute();
    expect(photos.map((p) => p.mime)).toEqual(["image/jpeg", "image/jpeg", "image/jpeg"]);
    // The photo taken upright (EXIF orientation 6, stored 40×20) is kept standing, 20×40, without EXIF.
    expect([photos[2].width, photos[2].height]).toEqual([20, 40]);
    expect(Buffer.from(photos[2].data).includes("Exif")).toBe(false);
    expect(photos.some((p) => Buffer.from(p.data).includes("GPSLatitude"))).toBe(false);
    const token = await tokenFromOutbox("gisela@example.org");
    // Only the link's hash is stored.
    const links = await db().selectFrom("donation_offer_link").select(["token_hash", "sent_with", "revoked_at"]).where("offer_id", "=", o.id).execute();
    expect(links).toEqual([{ token_hash: expect.not.stringContaining(token), sent_with: "offer", revoked_at: null }]);
    const page = await run(manage.loader, makeRequest(`/spenden/angebot/${token}`), { token });
    expect(page.data.offer.review_state).toBe("unconfirmed");
    expect(JSON.stringify(page.data)).not.toContain("Geheimweg");
    expect((await run(manage.action, makeRequest(`/spenden/angebot/${token}`, { form: { intent: "confirm" } }), { token })).status).toBe(302);
    expect((await db().selectFrom("donation_offer").select("review_state").where("id", "=", o.id).executeTakeFirstOrThrow()).review_state).toBe("pending");
  });

  it("logged-in donors skip the confirmation; their account's address and language are used", async () => {
    const res = await post(offerForm({ donorName: "", donorEmail: "" }), donorCookie);
    expect(res.location).toBe("/spenden/danke");
    const o = await db().selectFrom("donation_offer").selectAll().where("donor_email", "=", "angemeldet@example.org").executeTakeFirstOrThrow();
    expect(o).toMatchObject({ review_state: "pending", donor_name: "Anton Angemeldet", donor_locale: "uk" });
    expect((await db().selectFrom("outbox").select("locale").where("to_address", "=", "angemeldet@example.org").executeTakeFirstOrThrow()).locale).toBe("uk");
  });

  it("refuses bad input with clear messages and writes nothing", async () => {
    const before = await offers();
    const mails = (await db().selectFrom("outbox").select("id").execute()).length;
    const error = async (fd: FormData) => {
      const r = await post(fd);
      expect(r.status).toBe(400);
      return r.data.error as Record<string, string[]>;
    };
    expect((await error(offerForm({}, [{ data: Buffer.from("#!/bin/sh\necho hi"), name: "bild.jpg", type: "image/jpeg" }]))).photos).toEqual(["donations:errors.photoNotImage"]);
    expect((await error(offerForm({}, [{ data: Buffer.alloc(8 * 1024 * 1024 + 10, 0xff), name: "riesig.jpg", type: "image/jpeg" }]))).photos).toEqual(["donations:errors.photoTooLarge"]);
    const six = Array.from({ length: 6 }, (_, i) => ({ data: makePng(2, 2, [i, i, i]), name: `${i}.png`, type: "image/png" }));
    expect((await error(offerForm({}, six))).photos).toEqual(["donations:errors.photoTooMany"]);
    expect((await error(offerForm({ categoryId: "424242" }))).categoryId).toEqual(["donations:errors.unknownCategory"]);
    expect((await error(offerForm({ quantity: "-2" }))).quantity).toEqual(["donations:errors.quantityPositive"]);
    expect((await error(offerForm({ donorEmail: "" }))).donorEmail).toBeTruthy();
    expect((await error(offerForm({ availableUntil: "2020-01-01" }))).availableUntil).toEqual(["donations:errors.untilPast"]);
    expect((await error(offerForm({ pickupStreet: "" }))).pickupStreet).toEqual(["donations:errors.pickupStreetRequired"]);
    expect((await error(offerForm({ categoryId: String(electrical), condition: "used" }))).tested).toEqual(["donations:errors.testedOnly"]);
    expect(await offers()).toBe(before);
    expect((await db().selectFrom("outbox").select("id").execute()).length).toBe(mails);
    // Input is kept.
    const kept = await post(offerForm({ quantity: "-2" }));
    expect(kept.data.initialValue.description).toBe("Weißer Kleiderschrank, 2 Türen");
  });
});

describe("the private manage link", () => {
  it("tampered or unknown tokens get a clear 404 and change nothing", async () => {
    const o = await createTestOffer(db());
    for (const token of ["x", "A".repeat(27), "../../etc/passwd", "A".repeat(200)]) {
      const page = await run(manage.loader, makeRequest(`/spenden/angebot/${encodeURIComponent(token)}`), { token });
      expect(page.status, token).toBe(404);
      expect(page.data.offer).toBeNull();
      expect((await run(manage.action, makeRequest(`/spenden/angebot/x`, { form: { intent: "withdraw" } }), { token })).status).toBe(404);
    }
    expect((await db().selectFrom("donation_offer").select("status").where("id", "=", o.id).executeTakeFirstOrThrow()).status).toBe("open");
  });

  it("changes (not below the reserved units) and withdraws, releasing reservations", async () => {
    await post(offerForm({ donorEmail: "wechsel@example.org", quantity: "3" }));
    const token = await tokenFromOutbox("wechsel@example.org");
    const o = await db().selectFrom("donation_offer").select("id").where("donor_email", "=", "wechsel@example.org").executeTakeFirstOrThrow();
    const h = await createTestHousehold(db());
    const need = await createTestNeed(db(), h.id, { status: "matched" });
    await db().updateTable("donation_offer").set({ quantity_reserved: 2, review_state: "accepted" }).where("id", "=", o.id).execute();
    await db().insertInto("donation_match").values({ offer_id: o.id, need_id: need.id, quantity: 2, handover_mode: null, handover_on: null, time_from: null, time_to: null, state: "reserved", outcome_reason: null, outcome_at: null, created_by: null, created_at: "2026-01-01T00:00:00.000Z", updated_at: "2026-01-01T00:00:00.000Z" }).execute();
    const change = (form: Record<string, string>) => run(manage.action, makeRequest(`/spenden/angebot/${token}`, { form: { intent: "change", ...form } }), { token });
    expect((await change({ quantity: "1", availableUntil: until() })).data.error.quantity).toEqual(['donations:errors.belowReserved|{"reserved":2}']);
    expect((await change({ quantity: "4", availableUntil: until(), description: "jetzt mit Spiegel" })).status).toBe(302);
    // Withdrawing is a confirmation step (no JavaScript needed): opening it changes nothing.
    const step = await run(withdrawStep.loader, makeRequest(`/spenden/angebot/${token}/zurueckziehen`), { token });
    expect([step.status, step.data.offer.status]).toEqual([200, "open"]);
    expect((await run(withdrawStep.loader, makeRequest(`/spenden/angebot/${token}x/zurueckziehen`), { token: `${token}x` })).status).toBe(404);
    expect((await run(withdrawStep.action, makeRequest(`/spenden/angebot/${token}/zurueckziehen`, { form: {} }), { token })).status).toBe(302);
    const after = await db().selectFrom("donation_offer").select(["status", "quantity", "quantity_reserved"]).where("id", "=", o.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: "withdrawn", quantity: 4, quantity_reserved: 0 });
    expect((await db().selectFrom("donation_need").select("status").where("id", "=", need.id).executeTakeFirstOrThrow()).status).toBe("open");
    expect((await db().selectFrom("donation_match").select(["state", "outcome_reason"]).where("need_id", "=", need.id).executeTakeFirstOrThrow()).state).toBe("failed");
    expect((await change({ quantity: "4", availableUntil: until() })).data.error[""]).toEqual(["donations:errors.offerClosed"]);
  });
});

describe("office review and photos", () => {
  it("accepts, or declines with a reason, and tells the donor in their language", async () => {
    const a = await createTestOffer(db(), { reviewState: "pending", donorEmail: "annahme@example.org" });
    const d = await createTestOffer(db(), { reviewState: "pending", donorEmail: "ablehnung@example.org", category: "electrical", condition: "used" });
    const list = await run(review.loader, makeRequest("/office/donations/offers", { cookie: coordinator }));
    expect(list.data.result.items.map((i: { id: number }) => i.id)).toEqual(expect.arrayContaining([a.id, d.id]));
    const act = (form: Record<string, string>) => run(review.action, makeRequest("/office/donations/offers", { form, cookie: coordinator }));
    expect((await act({ offerId: String(d.id), decision: "declined" })).data.error.reason).toEqual(["donations:errors.reasonRequired"]);
    expect((await act({ offerId: String(a.id), decision: "accepted" })).status).toBe(302);
    expect((await act({ offerId: String(d.id), decision: "declined", reason: "Gebrauchtes Elektrogerät ohne Prüfung" })).status).toBe(302);
    expect((await act({ offerId: String(a.id), decision: "declined", reason: "zu spät" })).data.error[""]).toEqual(["donations:errors.notPending"]);
    const mail = await db().selectFrom("outbox").select(["subject", "text"]).where("to_address", "=", "ablehnung@example.org").executeTakeFirstOrThrow();
    expect(mail.text).toContain("Gebrauchtes Elektrogerät ohne Prüfung");
    expect((await db().selectFrom("donation_offer").select("review_state").where("id", "=", a.id).executeTakeFirstOrThrow()).review_state).toBe("accepted");
    expect((await run(review.loader, makeRequest("/office/donations/offers", { cookie: volunteerCookie }))).status).toBe(403);
    expect((await run(review.action, makeRequest("/office/donations/offers", { form: { offerId: String(a.id), decision: "accepted" }, cookie: volunteerCookie }))).status).toBe(403);
  });

  it("pages the review queue, oldest first, every pending offer reachable", async () => {
    const pending = async () => {
      const res = await run(review.loader, makeRequest("/office/donations/offers?page=1", { cookie: coordinator }));
      return res.data.result.total as number;
    };
    const before = await pending();
    const created: number[] = [];
    for (let i = 0; i < 30; i++) created.push((await createTestOffer(db(), { reviewState: "pending" })).id);
    const total = before + 30;
    expect(await pending()).toBe(total);
    const seen: number[] = [];
    const pages = Math.ceil(total / 25);
    for (let p = 1; p <= pages; p++) {
      const res = await run(review.loader, makeRequest(`/office/donations/offers?page=${p}`, { cookie: coordinator }));
      expect(res.data.result.pageSize).toBe(25);
      expect(res.data.result.items.length).toBe(p < pages ? 25 : total - 25 * (pages - 1));
      seen.push(...res.data.result.items.map((i: { id: number }) => i.id));
    }
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual(expect.arrayContaining(created));
    // Beyond the last page: an empty page with the right total (the pager links back), not an error.
    const far = await run(review.loader, makeRequest("/office/donations/offers?page=999", { cookie: coordinator }));
    expect(far.status).toBe(200);
    expect(far.data.result.items).toEqual([]);
    expect(far.data.result.total).toBe(total);
  });

  it("serves photos to the office only", async () => {
    await post(offerForm({ donorEmail: "foto@example.org" }, [{ data: makePng(8, 8, [1, 2, 3]), name: "a.png", type: "image/png" }]));
    const p = await db().selectFrom("donation_offer_photo as p").innerJoin("donation_offer as o", "o.id", "p.offer_id").select("p.id").where("o.donor_email", "=", "foto@example.org").executeTakeFirstOrThrow();
    const id = String(p.id);
    const ok = await run(photo.loader, makeRequest(`/office/donations/photos/${id}`, { cookie: coordinator }), { id });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("image/jpeg");
    expect(ok.headers.get("Cache-Control")).toContain("no-store");
    expect((await run(photo.loader, makeRequest(`/office/donations/photos/${id}`, { cookie: volunteerCookie }), { id })).status).toBe(403);
    expect((await run(photo.loader, makeRequest(`/office/donations/photos/${id}`), { id })).location).toMatch(/^\/login/);
    expect((await run(photo.loader, makeRequest("/office/donations/photos/99999", { cookie: coordinator }), { id: "99999" })).status).toBe(404);
  });
});

describe("daily expiry", () => {
  it("mails once 3 days before with a link of its own; the first link keeps working; offers end after their last day", async () => {
    const now = new Date();
    const today = berlinDay(now);
    await post(offerForm({ donorEmail: "bald@example.org" }));
    const first = await tokenFromOutbox("bald@example.org");
    const soon = await db().selectFrom("donation_offer").select("id").where("donor_email", "=", "bald@example.org").executeTakeFirstOrThrow();
    await db().updateTable("donation_offer").set({ review_state: "accepted", available_until: addDaysToDay(today, 3) }).where("id", "=", soon.id).execute();
    const past = await createTestOffer(db(), { availableUntil: addDaysToDay(today, 5) });
    await db().updateTable("donation_offer").set({ available_until: addDaysToDay(today, -1) }).where("id", "=", past.id).execute();
    await runDailyJobs({ now, force: true });
    const second = await tokenFromOutbox("bald@example.org");
    expect(second).not.toBe(first);
    const open = (token: string) => run(manage.loader, makeRequest(`/spenden/angebot/${token}`), { token });
    // Both links work: the reminder did not end the one from the first mail.
    expect((await open(first)).data.offer.id).toBe(soon.id);
    expect((await open(second)).data.offer.id).toBe(soon.id);
    const change = await run(manage.action, makeRequest(`/spenden/angebot/${first}`, { form: { intent: "change", quantity: "1", availableUntil: addDaysToDay(today, 10) } }), { token: first });
    expect(change.status).toBe(302);
    expect((await db().selectFrom("donation_offer").select("available_until").where("id", "=", soon.id).executeTakeFirstOrThrow()).available_until).toBe(addDaysToDay(today, 10));
    expect((await db().selectFrom("donation_offer").select("status").where("id", "=", past.id).executeTakeFirstOrThrow()).status).toBe("expired");
    await runDailyJobs({ now, force: true });
    expect(await db().selectFrom("outbox").select("id").where("to_address", "=", "bald@example.org").where("template", "=", "donation-offer-expiring").execute()).toHaveLength(1);
  });
});

describe("revoking a private link (office)", () => {
  it("ends one link; the donor's other links keep working; only the office can do it", async () => {
    const now = new Date();
    await post(offerForm({ donorEmail: "gesperrt@example.org" }));
    const first = await tokenFromOutbox("gesperrt@example.org");
    const o = await db().selectFrom("donation_offer").select("id").where("donor_email", "=", "gesperrt@example.org").executeTakeFirstOrThrow();
    await db().updateTable("donation_offer").set({ review_state: "accepted", available_until: addDaysToDay(berlinDay(now), 2) }).where("id", "=", o.id).execute();
    await runDailyJobs({ now, force: true });
    const second = await tokenFromOutbox("gesperrt@example.org");
    const id = String(o.id);
    const page = await run(offerNeeds.loader, makeRequest(`/office/donations/offers/${id}`, { cookie: coordinator }), { id });
    expect(page.data.links.map((l: { sent_with: string; revoked_at: string | null }) => [l.sent_with, l.revoked_at])).toEqual([
      ["offer", null],
      ["expiry-notice", null],
    ]);
    expect(JSON.stringify(page.data.links)).not.toMatch(/token|hash/);
    const firstLink = String(page.data.links[0].id);
    const revoke = (linkId: string, cookie = coordinator, offerId = id) => run(offerNeeds.action, makeRequest(`/office/donations/offers/${offerId}`, { form: { linkId }, cookie }), { id: offerId });
    expect((await revoke(firstLink, volunteerCookie)).status).toBe(403);
    expect((await revoke("abc")).status).toBe(400);
    const other = await createTestOffer(db());
    expect((await revoke(firstLink, coordinator, String(other.id))).data.error[""]).toEqual(["donations:errors.linkRevoked"]); // not a link of that offer
    expect((await revoke(firstLink)).status).toBe(302);
    expect((await revoke(firstLink)).data.error[""]).toEqual(["donations:errors.linkRevoked"]);
    expect((await run(manage.loader, makeRequest(`/spenden/angebot/${first}`), { token: first })).status).toBe(404);
    expect((await run(manage.action, makeRequest(`/spenden/angebot/${first}`, { form: { intent: "withdraw" } }), { token: first })).status).toBe(404);
    expect((await run(manage.loader, makeRequest(`/spenden/angebot/${second}`), { token: second })).data.offer.id).toBe(o.id);
    expect((await db().selectFrom("donation_offer").select("status").where("id", "=", o.id).executeTakeFirstOrThrow()).status).toBe("open");
    const after = await run(offerNeeds.loader, makeRequest(`/office/donations/offers/${id}`, { cookie: coordinator }), { id });
    expect(after.data.links[0].revokedBy).toBeTruthy();
    expect(await db().selectFrom("audit_log").select("id").where("entity", "=", "donation_offer_link").where("entity_id", "=", firstLink).execute()).toHaveLength(1);
    // The office's button leads to a confirmation step: opening it revokes nothing; a link of another offer is a 404.
    const secondLink = String(after.data.links[1].id);
    const stepPath = `/office/donations/offers/${id}/revoke-link/${secondLink}`;
    expect((await run(revokeStep.loader, makeRequest(stepPath, { cookie: coordinator }), { id, linkId: secondLink })).data.link.revoked).toBe(false);
    expect((await run(revokeStep.loader, makeRequest(stepPath, { cookie: coordinator }), { id: String(other.id), linkId: secondLink })).status).toBe(404);
    // Through the app's one error path (ADR 0020): the route throws an AppError, never a Response of its own.
    const direct = revokeStep.loader({ request: makeRequest(stepPath, { cookie: coordinator }), params: { id: String(other.id), linkId: secondLink }, context: { nonce: "", clientIp: "127.0.0.1" } } as never);
    await expect(direct).rejects.toMatchObject({ name: "AppError", status: 404 });
    await expect(run(revokeStep.action, makeRequest(stepPath, { cookie: coordinator, form: {} }), { id: String(other.id), linkId: secondLink })).resolves.toMatchObject({ status: 404 });
    expect((await run(revokeStep.action, makeRequest(stepPath, { cookie: volunteerCookie, form: {} }), { id, linkId: secondLink })).status).toBe(403);
    expect((await run(manage.loader, makeRequest(`/spenden/angebot/${second}`), { token: second })).status).toBe(200);
    expect((await run(revokeStep.action, makeRequest(stepPath, { cookie: coordinator, form: {} }), { id, linkId: secondLink })).status).toBe(302);
    expect((await run(manage.loader, makeRequest(`/spenden/angebot/${second}`), { token: second })).status).toBe(404);
  });
});

describe("a donor's own data (Art. 15 and 17 of the account)", () => {
  it("exports the donor's offers and erases their contact, releasing open offers", async () => {
    const { exportOwnData, eraseOwnData } = await import("../../../app/modules/volunteers/personal-data.server");
    const u = await createTestUser(db(), { roles: ["volunteer"], email: "spender-konto@example.org", name: "Konto Spender" });
    const cookie = await sessionCookie(u.id);
    await post(offerForm({ donorName: "", donorEmail: "", pickupStreet: "Kontoweg 4" }), cookie);
    const actor = { userId: u.id, email: u.email, name: "Konto Spender", locale: "de", emailVerified: true, roles: ["volunteer" as const], organisationIds: [] };
    const data = (await exportOwnData(actor)) as unknown as { donations: { offers: Array<{ pickup_street: string }> } };
    expect(data.donations.offers.map((o) => o.pickup_street)).toEqual(["Kontoweg 4"]);
    const mine = await db().selectFrom("donation_offer").select("id").where("donor_user_id", "=", u.id).execute();
    expect(await db().selectFrom("donation_offer_link").select("id").where("offer_id", "in", mine.map((m) => m.id)).execute()).toHaveLength(1);
    await eraseOwnData(actor);
    // The private links of the account's offers end with it.
    expect(await db().selectFrom("donation_offer_link").select("id").where("offer_id", "in", mine.map((m) => m.id)).execute()).toHaveLength(0);
    const rows = await db().selectFrom("donation_offer").select(["status", "donor_email", "pickup_street", "donor_user_id"]).where("pickup_street", "=", "Kontoweg 4").execute();
    expect(rows).toHaveLength(0);
    const erased = await db().selectFrom("donation_offer").select(["status", "donor_email"]).where("donor_email", "is", null).where("status", "=", "withdrawn").execute();
    expect(erased.length).toBeGreaterThanOrEqual(1);
  });
});
