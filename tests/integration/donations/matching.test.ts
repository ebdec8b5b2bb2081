import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { getDb, transaction } from "../../../app/utils/db.server";
import { isAppError } from "../../../app/utils/errors";
import { confirmMatch } from "../../../app/modules/donations/reserve.server";
import * as overview from "../../../app/routes/office.donations._index";
import * as match from "../../../app/routes/office.donations.needs.$id";
import * as categories from "../../../app/routes/office.donations.categories";
import * as offerNeeds from "../../../app/routes/office.donations.offers.$id";
import * as handover from "../../../app/routes/office.donations.matches.$id";
import * as household from "../../../app/routes/office.households.$id._index";
import { closeOffer } from "../../../app/modules/donations/offers.server";
import { systemReason } from "../../../app/modules/donations/system-reasons";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestUser, createTestVolunteer } from "../../factories";
import { categoryId, createTestHousehold, createTestNeed, createTestOffer } from "../../factories/donations";

let coordinator: string;
let coordinatorActor: Actor;
let volunteerCookie: string;
const db = () => getDb();

beforeAll(async () => {
  const c = await createTestUser(db(), { roles: ["coordinator"], name: "Clara Koordination" });
  coordinator = await sessionCookie(c.id);
  coordinatorActor = { userId: c.id, email: "c@example.org", name: "Clara", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
  volunteerCookie = await sessionCookie((await createTestVolunteer(db())).id);
});

describe("candidates for a need", () => {
  it("ranks fitting offers with reasons; never offers that are pending, declined, expired or of another category", async () => {
    const h = await createTestHousehold(db(), { districtId: 1 });
    const need = await createTestNeed(db(), h.id, { category: "furniture", urgency: "urgent" });
    const near = await createTestOffer(db(), { category: "wardrobe", districtId: 1 });
    const neighbour = await createTestOffer(db(), { category: "bed", districtId: 2 });
    await createTestOffer(db(), { category: "wardrobe", reviewState: "pending" });
    await createTestOffer(db(), { category: "wardrobe", reviewState: "declined" });
    await createTestOffer(db(), { category: "wardrobe", availableUntil: "2020-01-01" });
    await createTestOffer(db(), { category: "kitchen" });
    await createTestOffer(db(), { category: "wardrobe", quantity: 1, reserved: 1 });
    const res = await run(match.loader, makeRequest(`/office/donations/needs/${need.id}`, { cookie: coordinator }), { id: String(need.id) });
    expect(res.status).toBe(200);
    expect(res.data.candidates.map((c: { offer: { id: number } }) => c.offer.id)).toEqual([near.id, neighbour.id]);
    expect(res.data.candidates[0].reasons).toEqual(["sameDistrict", "subcategory", "urgent"]);
    expect(res.data.candidates[1].reasons).toEqual(["neighbourDistrict", "subcategory", "urgent"]);
    const list = await run(overview.loader, makeRequest(`/office/donations?code=${h.code}`, { cookie: coordinator }));
    expect(list.data.result.items.map((n: { id: number }) => n.id)).toEqual([need.id]);
  });

  it("is office only", async () => {
    const h = await createTestHousehold(db());
    const need = await createTestNeed(db(), h.id);
    expect((await run(match.loader, makeRequest(`/office/donations/needs/${need.id}`, { cookie: volunteerCookie }), { id: String(need.id) })).status).toBe(403);
    expect((await run(match.action, makeRequest(`/office/donations/needs/${need.id}`, { form: { offerId: "1", quantity: "1" }, cookie: volunteerCookie }), { id: String(need.id) })).status).toBe(403);
    expect((await run(overview.loader, makeRequest("/office/donations", { cookie: volunteerCookie }))).status).toBe(403);
    expect((await run(match.loader, makeRequest("/office/donations/needs/x", { cookie: coordinator }), { id: "x" })).status).toBe(404);
  });
});

describe("needs for an offer", () => {
  it("ranks open needs of the offer's category and the categories above it; office only", async () => {
    const near = await createTestHousehold(db(), { districtId: 3, code: "H-NEAR1" });
    const far = await createTestHousehold(db(), { districtId: 2, code: "H-FAR01" });
    const urgentFar = await createTestNeed(db(), far.id, { category: "baby-child", urgency: "urgent" });
    const nearNeed = await createTestNeed(db(), near.id, { category: "cot" });
    await createTestNeed(db(), near.id, { category: "pram" });
    await createTestNeed(db(), near.id, { category: "cot", status: "cancelled" });
    const offer = await createTestOffer(db(), { category: "cot", districtId: 3 });
    const res = await run(offerNeeds.loader, makeRequest(`/office/donations/offers/${offer.id}`, { cookie: coordinator }), { id: String(offer.id) });
    expect(res.data.candidates.map((c: { need: { id: number } }) => c.need.id)).toEqual([nearNeed.id, urgentFar.id]);
    expect(res.data.candidates[0].detail.code).toBe("H-NEAR1");
    expect(res.data.candidates[1].reasons).toEqual(["otherDistrict", "subcategory", "urgent"]);
    const pending = await createTestOffer(db(), { category: "cot", reviewState: "pending" });
    const p = await run(offerNeeds.loader, makeRequest(`/office/donations/offers/${pending.id}`, { cookie: coordinator }), { id: String(pending.id) });
    expect(p.data.usable).toBe(false);
    expect(p.data.candidates).toEqual([]);
    expect((await run(offerNeeds.loader, makeRequest(`/office/donations/offers/${offer.id}`, { cookie: volunteerCookie }), { id: String(offer.id) })).status).toBe(403);
  });
});

describe("confirming a match", () => {
  it("reserves part of an offer, marks the need matched, and refuses more than is left or needed", async () => {
    const h = await createTestHousehold(db());
    const need = await createTestNeed(db(), h.id, { category: "chair", quantity: 2 });
    const offer = await createTestOffer(db(), { category: "chair", quantity: 4 });
    const post = (form: Record<string, string>, id = need.id) => run(match.action, makeRequest(`/office/donations/needs/${id}`, { form, cookie: coordinator }), { id: String(id) });
    expect((await post({ offerId: String(offer.id), quantity: "3" })).data.error.quantity).toEqual(['donations:errors.moreThanNeeded|{"count":2}']);
    expect((await post({ offerId: String(offer.id), quantity: "-1" })).data.error.quantity).toEqual(["donations:errors.quantityPositive"]);
    expect((await post({ offerId: String(offer.id), quantity: "2" })).status).toBe(302);
    const o = await db().selectFrom("donation_offer").select("quantity_reserved").where("id", "=", offer.id).executeTakeFirstOrThrow();
    expect(o.quantity_reserved).toBe(2);
    const n = await db().selectFrom("donation_need").select("status").where("id", "=", need.id).executeTakeFirstOrThrow();
    expect(n.status).toBe("matched");
    expect((await post({ offerId: String(offer.id), quantity: "1" })).data.error[""]).toEqual(["donations:errors.needNotOpen"]);
    const other = await createTestNeed(db(), h.id, { category: "chair", quantity: 3 });
    expect((await post({ offerId: String(offer.id), quantity: "3" }, other.id)).data.error.quantity).toEqual(["donations:errors.notEnoughLeft"]);
    const table = await createTestOffer(db(), { category: "table" });
    expect((await post({ offerId: String(table.id), quantity: "1" }, other.id)).data.error[""]).toEqual(["donations:errors.noFit"]);
    expect((await post({ offerId: "999999", quantity: "1" }, other.id)).status).toBe(404);
  });

  it("20 simultaneous reservations of the last unit: exactly one succeeds", async () => {
    const h = await createTestHousehold(db());
    const offer = await createTestOffer(db(), { category: "pram", quantity: 3, reserved: 2 });
    const needs = await Promise.all(Array.from({ length: 20 }, () => createTestNeed(db(), h.id, { category: "pram" })));
    const results = await Promise.allSettled(needs.map((n) => confirmMatch(coordinatorActor, { needId: n.id, offerId: offer.id, quantity: 1 })));
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(19);
    expect(failed.every((f) => isAppError(f.reason) && f.reason.key === "donations:errors.notEnoughLeft")).toBe(true);
    const o = await db().selectFrom("donation_offer").select(["quantity", "quantity_reserved"]).where("id", "=", offer.id).executeTakeFirstOrThrow();
    expect(o).toEqual({ quantity: 3, quantity_reserved: 3 });
    const matches = await db().selectFrom("donation_match").select("id").where("offer_id", "=", offer.id).execute();
    expect(matches).toHaveLength(1);
    const matched = await db().selectFrom("donation_need").select("id").where("id", "in", needs.map((n) => n.id)).where("status", "=", "matched").execute();
    expect(matched).toHaveLength(1);
  });
});

describe("partial reservations", () => {
  const needRow = (id: number) => db().selectFrom("donation_need").select(["status", "quantity_covered"]).where("id", "=", id).executeTakeFirstOrThrow();
  const history = async (id: number) =>
    (await db().selectFrom("donation_need_history").select(["from_status", "to_status", "covered", "reason"]).where("need_id", "=", id).orderBy("id").execute()).map((h) => [h.from_status, h.to_status, h.covered, h.reason]);

  it("a need is matched only when reservations cover its whole quantity; until then it stays open with candidates for the rest", async () => {
    const h = await createTestHousehold(db(), { districtId: 1 });
    const need = await createTestNeed(db(), h.id, { category: "chair", quantity: 4 });
    const a = await createTestOffer(db(), { category: "chair", quantity: 2, districtId: 1 });
    const b = await createTestOffer(db(), { category: "chair", quantity: 5, districtId: 2 });
    const post = (form: Record<string, string>) => run(match.action, makeRequest(`/office/donations/needs/${need.id}`, { form, cookie: coordinator }), { id: String(need.id) });
    const page = () => run(match.loader, makeRequest(`/office/donations/needs/${need.id}`, { cookie: coordinator }), { id: String(need.id) });

    expect((await post({ offerId: String(a.id), quantity: "2" })).status).toBe(302);
    expect(await needRow(need.id)).toEqual({ status: "open", quantity_covered: 2 });
    // Still open: shown with "2 of 4", with candidates for the other two (offer a is used up).
    const shown = await page();
    expect(shown.data.need).toMatchObject({ status: "open", quantity: 4, quantity_covered: 2 });
    const ids = shown.data.candidates.map((c: { offer: { id: number } }) => c.offer.id);
    expect(ids).toContain(b.id);
    expect(ids).not.toContain(a.id);
    const listed = (await run(overview.loader, makeRequest(`/office/donations?code=${h.code}`, { cookie: coordinator }))).data.result.items.find((n: { id: number }) => n.id === need.id);
    expect(listed).toMatchObject({ quantity: 4, quantity_covered: 2 });
    const fromOffer = await run(offerNeeds.loader, makeRequest(`/office/donations/offers/${b.id}`, { cookie: coordinator }), { id: String(b.id) });
    expect(fromOffer.data.candidates.find((c: { need: { id: number } }) => c.need.id === need.id).detail).toMatchObject({ quantity: 4, quantity_covered: 2 });

    // Never more than the two still needed.
    expect((await post({ offerId: String(b.id), quantity: "3" })).data.error.quantity).toEqual(['donations:errors.moreThanNeeded|{"count":2}']);
    expect((await post({ offerId: String(b.id), quantity: "1" })).status).toBe(302);
    expect(await needRow(need.id)).toEqual({ status: "open", quantity_covered: 3 });
    expect((await post({ offerId: String(b.id), quantity: "1" })).status).toBe(302);
    expect(await needRow(need.id)).toEqual({ status: "matched", quantity_covered: 4 });
    expect((await page()).data.candidates).toEqual([]); // matched: no more candidates
    expect((await post({ offerId: String(b.id), quantity: "1" })).data.error[""]).toEqual(["donations:errors.needNotOpen"]);
    expect(await history(need.id)).toEqual([
      [null, "open", null, null],
      ["open", "open", 2, null],
      ["open", "open", 3, null],
      ["open", "matched", 4, null],
    ]);
  });

  it("releasing a reservation returns the need to open with the reason; handovers count towards fulfilment", async () => {
    const h = await createTestHousehold(db());
    const need = await createTestNeed(db(), h.id, { category: "bed", quantity: 2 });
    const a = await createTestOffer(db(), { category: "bed", quantity: 1 });
    const b = await createTestOffer(db(), { category: "bed", quantity: 1 });
    const reserve = async (offerId: number) =>
      Number((await run(match.action, makeRequest(`/office/donations/needs/${need.id}`, { form: { offerId: String(offerId), quantity: "1" }, cookie: coordinator }), { id: String(need.id) })).location!.split("/").pop());
    const outcome = (matchId: number, form: Record<string, string>) => run(handover.action, makeRequest(`/office/donations/matches/${matchId}`, { form: { intent: "outcome", ...form }, cookie: coordinator }), { id: String(matchId) });
    const ma = await reserve(a.id);
    const mb = await reserve(b.id);
    expect(await needRow(need.id)).toEqual({ status: "matched", quantity_covered: 2 });
    // One unit handed over: still matched (the other is promised), not fulfilled.
    expect((await outcome(ma, { outcome: "handed_over" })).status).toBe(302);
    expect(await needRow(need.id)).toEqual({ status: "matched", quantity_covered: 2 });
    // The other did not work out: open again for one unit, and offer b is free again.
    expect((await outcome(mb, { outcome: "failed", reason: "Bett zu groß für das Zimmer" })).status).toBe(302);
    expect(await needRow(need.id)).toEqual({ status: "open", quantity_covered: 1 });
    expect(await db().selectFrom("donation_offer").select(["status", "quantity_reserved"]).where("id", "=", b.id).executeTakeFirstOrThrow()).toEqual({ status: "open", quantity_reserved: 0 });
    const c = await createTestOffer(db(), { category: "bed", quantity: 1 });
    expect((await outcome(await reserve(c.id), { outcome: "handed_over" })).status).toBe(302);
    const done = await db().selectFrom("donation_need").select(["status", "quantity_covered", "fulfilled_at"]).where("id", "=", need.id).executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: "fulfilled", quantity_covered: 2 });
    expect(done.fulfilled_at).toBeTruthy();
    expect(await history(need.id)).toEqual([
      [null, "open", null, null],
      ["open", "open", 1, null],
      ["open", "matched", 2, null],
      ["matched", "open", 1, "Bett zu groß für das Zimmer"],
      ["open", "matched", 2, null],
      ["matched", "fulfilled", 2, null],
    ]);
  });

  it("a withdrawn offer releases its units; the household's page shows the history", async () => {
    const h = await createTestHousehold(db());
    const need = await createTestNeed(db(), h.id, { category: "table", quantity: 3 });
    const offer = await createTestOffer(db(), { category: "table", quantity: 3 });
    await confirmMatch(coordinatorActor, { needId: need.id, offerId: offer.id, quantity: 3 });
    expect(await needRow(need.id)).toEqual({ status: "matched", quantity_covered: 3 });
    await transaction((trx) => closeOffer(trx, offer.id, "withdrawn", systemReason("offerWithdrawn"), new Date()));
    expect(await needRow(need.id)).toEqual({ status: "open", quantity_covered: 0 });
    const page = await run(household.loader, makeRequest(`/office/households/${h.id}`, { cookie: coordinator }), { id: String(h.id) });
    const shown = page.data.needs.find((n: { id: number }) => n.id === need.id);
    expect(shown.history.map((x: { to_status: string; covered: number | null; reason: string | null }) => [x.to_status, x.covered, x.reason])).toEqual([
      ["open", null, null],
      ["matched", 3, null],
      ["open", 0, "system:offerWithdrawn"],
    ]);
  });

  it("20 simultaneous reservations of the last missing unit of one need: exactly one succeeds", async () => {
    const h = await createTestHousehold(db());
    const need = await createTestNeed(db(), h.id, { category: "shelf", quantity: 3 });
    const first = await createTestOffer(db(), { category: "shelf", quantity: 2 });
    await confirmMatch(coordinatorActor, { needId: need.id, offerId: first.id, quantity: 2 });
    const offers = await Promise.all(Array.from({ length: 20 }, () => createTestOffer(db(), { category: "shelf" })));
    const results = await Promise.allSettled(offers.map((o) => confirmMatch(coordinatorActor, { needId: need.id, offerId: o.id, quantity: 1 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failed).toHaveLength(19);
    expect(failed.every((f) => isAppError(f.reason) && f.reason.key === "donations:errors.needNotOpen")).toBe(true);
    expect(await needRow(need.id)).toEqual({ status: "matched", quantity_covered: 3 });
    const reserved = await db().selectFrom("donation_offer").select((eb) => eb.fn.sum<number>("quantity_reserved").as("n")).where("id", "in", offers.map((o) => o.id)).executeTakeFirstOrThrow();
    expect(Number(reserved.n)).toBe(1);
  });
});

describe("category tree editing", () => {
  it("adds and edits categories; refuses cycles, unknown parents and duplicate short names", async () => {
    const parent = await categoryId(db(), "furniture");
    const wardrobe = await categoryId(db(), "wardrobe");
    const post = (form: Record<string, string>) => run(categories.action, makeRequest("/office/donations/categories", { form: { intent: "category", sizeKind: "none", nameDe: "Kommode", nameEn: "Chest of drawers", nameAr: "خزانة أدراج", nameUk: "Комод", active: "on", ...form }, cookie: coordinator }));
    expect((await post({ slug: "chest", parentId: String(parent) })).status).toBe(302);
    const chest = await categoryId(db(), "chest");
    expect((await post({ slug: "chest", parentId: String(parent) })).data.error.slug).toEqual(["donations:errors.slugTaken"]);
    expect((await post({ slug: "x-1", parentId: "99999" })).data.error.parentId).toEqual(["donations:errors.unknownCategory"]);
    expect((await post({ slug: "furniture", categoryId: String(parent), parentId: String(wardrobe) })).data.error.parentId).toEqual(["donations:errors.categoryCycle"]);
    expect((await post({ slug: "chest", categoryId: String(chest), parentId: String(chest) })).data.error.parentId).toEqual(["donations:errors.categoryCycle"]);
    expect((await post({ slug: "Bad Slug" })).status).toBe(400);
    expect((await post({ slug: "chest", categoryId: String(chest), parentId: String(parent), nameDe: "Kommode (klein)" })).status).toBe(302);
    const page = await run(categories.loader, makeRequest(`/office/donations/categories?edit=${chest}`, { cookie: coordinator }));
    expect(page.data.editing.name_de).toBe("Kommode (klein)");
    expect((await run(categories.loader, makeRequest("/office/donations/categories", { cookie: volunteerCookie }))).status).toBe(403);
  });
});
