import { beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "../../../app/utils/db.server";
import { tasksReconcileTask } from "../../../app/modules/tasks/daily.server";
import { median } from "../../../app/modules/donations/figures.server";
import * as inbox from "../../../app/routes/office._index";
import * as figures from "../../../app/routes/office.donations.figures";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestUser, createTestVolunteer } from "../../factories";
import { createTestHousehold, createTestNeed, createTestOffer } from "../../factories/donations";

let coordinator: string;
const db = () => getDb();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

beforeAll(async () => {
  coordinator = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
});

describe("office inbox items of the donations module", () => {
  it("lists offers to review, urgent needs without candidates, long-open needs and overdue handovers", async () => {
    const h = await createTestHousehold(db(), { code: "H-INBOX" });
    await createTestOffer(db(), { reviewState: "pending" });
    await createTestOffer(db(), { reviewState: "pending" });
    const lonely = await createTestNeed(db(), h.id, { category: "high-chair", urgency: "urgent" });
    const covered = await createTestNeed(db(), h.id, { category: "table", urgency: "urgent" });
    await createTestOffer(db(), { category: "table" });
    const old = await createTestNeed(db(), h.id, { category: "shelf", createdAt: daysAgo(20) });
    const fresh = await createTestNeed(db(), h.id, { category: "shelf", createdAt: daysAgo(3) });
    const o = await createTestOffer(db(), { category: "chair", reserved: 1 });
    const n = await createTestNeed(db(), h.id, { category: "chair", status: "matched" });
    const ts = daysAgo(5);
    const m = await db()
      .insertInto("donation_match")
      .values({ offer_id: o.id, need_id: n.id, quantity: 1, handover_mode: "office", handover_on: daysAgo(2).slice(0, 10), time_from: "10:00", time_to: "11:00", state: "reserved", outcome_reason: null, outcome_at: null, created_by: null, created_at: ts, updated_at: ts })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Offers to review are tasks of the work queue (ADR 0036), one per offer; these were made
    // outside a command, so the daily job opens them.
    await transaction((trx) => tasksReconcileTask.run(trx, new Date()));
    const res = await run(inbox.loader, makeRequest("/office", { cookie: coordinator }));
    expect(res.data.queue.tasks.filter((t: { kind: string }) => t.kind === "donation-offer-review")).toHaveLength(2);
    expect(res.data.counts.modules.donations).toBe(2);
    const ids: string[] = JSON.stringify(res.data.items).match(/donation-[a-z-]+\d*/g) ?? [];
    expect(ids).not.toContain("donation-offers-review");
    expect(ids).toContain(`donation-need-nocandidate-${lonely.id}`);
    expect(ids).not.toContain(`donation-need-nocandidate-${covered.id}`);
    expect(ids).toContain(`donation-need-waiting-${old.id}`);
    expect(ids).not.toContain(`donation-need-waiting-${fresh.id}`);
    expect(ids).toContain(`donation-handover-${m.id}`);
  });

  it("shows nothing of it to volunteers", async () => {
    const v = await createTestVolunteer(db());
    expect((await run(inbox.loader, makeRequest("/office", { cookie: await sessionCookie(v.id) }))).status).toBe(403);
  });
});

describe("figures", () => {
  it("counts per month and main category and gives the median days to fulfilment", async () => {
    const h = await createTestHousehold(db());
    const a = await createTestNeed(db(), h.id, { category: "bed", createdAt: daysAgo(10), status: "fulfilled" });
    const b = await createTestNeed(db(), h.id, { category: "bed", createdAt: daysAgo(4), status: "fulfilled" });
    await db().updateTable("donation_need").set({ fulfilled_at: daysAgo(0) }).where("id", "in", [a.id, b.id]).execute();
    const offer = await createTestOffer(db(), { category: "bed" });
    await db().insertInto("donation_match").values({ offer_id: offer.id, need_id: a.id, quantity: 1, handover_mode: "donor", handover_on: null, time_from: null, time_to: null, state: "handed_over", outcome_reason: null, outcome_at: daysAgo(0), created_by: null, created_at: daysAgo(1), updated_at: daysAgo(0) }).execute();
    const res = await run(figures.loader, makeRequest("/office/donations/figures", { cookie: coordinator }));
    expect(res.status).toBe(200);
    expect(res.data.fulfilled).toBeGreaterThanOrEqual(2);
    const furniture = res.data.categories.find((c: { name_de: string }) => c.name_de === "Möbel").id;
    const row = res.data.rows.find((r: { category: number; handedOver: number }) => r.category === furniture && r.handedOver > 0);
    expect(row.received).toBeGreaterThanOrEqual(1);
    expect(row.matched).toBeGreaterThanOrEqual(1);
    // A category the office nested deeper still counts for its top-level category.
    const parent = await db().selectFrom("donation_category").select("id").where("slug", "=", "clothing-children").executeTakeFirstOrThrow();
    await db().insertInto("donation_category").values({ parent_id: parent.id, slug: "winter-jackets-kids", name_de: "Winterjacken", name_en: "Winter jackets", name_ar: "سترات شتوية", name_uk: "Зимові куртки", size_kind: "clothing", seasonal: 1, tested_only: 0, sort_order: 99, active: 1 }).execute();
    const clothing = res.data.categories.find((c: { name_de: string }) => c.name_de === "Kleidung").id;
    const count = async () => {
      const r = await run(figures.loader, makeRequest("/office/donations/figures", { cookie: coordinator }));
      expect(r.data.categories.some((c: { name_de: string }) => c.name_de === "Winterjacken")).toBe(false);
      return r.data.rows.filter((x: { category: number }) => x.category === clothing).reduce((n: number, x: { received: number }) => n + x.received, 0);
    };
    const before = await count();
    await createTestOffer(db(), { category: "winter-jackets-kids" });
    expect(await count()).toBe(before + 1);
    expect(median([10, 4])).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });
});
