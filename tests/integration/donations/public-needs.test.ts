/**
 * The public needs list /spenden: what is still needed, summed by category, size and season.
 * Units already reserved for a partly served need are not asked for again; a need that is
 * fully reserved, fulfilled or cancelled is not on it; households count once per row.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as publicNeeds from "../../../app/routes/spenden._index";
import { makeRequest, run } from "../../setup/remix";
import { createTestHousehold, createTestMatch, createTestNeed, createTestOffer } from "../../factories/donations";

const db = () => getDb();

describe("/spenden", () => {
  it("shows the units still missing, per category and size, with the number of households and urgent needs", async () => {
    const a = await createTestHousehold(db());
    const b = await createTestHousehold(db());
    const partly = await createTestNeed(db(), a.id, { category: "chair", quantity: 4, urgency: "urgent" });
    await createTestNeed(db(), a.id, { category: "chair", quantity: 1 });
    await createTestNeed(db(), b.id, { category: "chair", quantity: 2 });
    await createTestMatch(db(), partly.id, (await createTestOffer(db(), { category: "chair", quantity: 3 })).id, { quantity: 3 });
    const full = await createTestNeed(db(), b.id, { category: "sofa", quantity: 1 });
    await createTestMatch(db(), full.id, (await createTestOffer(db(), { category: "sofa" })).id);
    await createTestNeed(db(), b.id, { category: "shoes", size: "38", quantity: 2, status: "cancelled" });
    await createTestNeed(db(), b.id, { category: "shoes", size: "38", quantity: 1, status: "fulfilled" });

    const res = await run(publicNeeds.loader, makeRequest("/spenden"));
    expect(res.status).toBe(200);
    const chair = res.data.needs.find((n: { slug: string }) => n.slug === "chair");
    // 4 − 3 reserved + 1 + 2 = 4 chairs, from 2 households, 1 need urgent.
    expect(chair).toMatchObject({ quantity: 4, households: 2, urgent: 1, size: null });
    expect(res.data.needs.some((n: { slug: string }) => n.slug === "sofa")).toBe(false);
    expect(res.data.needs.some((n: { slug: string }) => n.slug === "shoes")).toBe(false);
  });
});
