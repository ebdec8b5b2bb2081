/**
 * DSGVO Art. 15: the export holds the person's own room requests and donation offers (made while
 * logged in, or as a guest under the account's verified e-mail), `/me/anfragen` lists them, and
 * `/me/daten/auskunft` shows the same export as a page with a translated label for every field.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { resources } from "../../../app/i18n/resources.server";
import { SUPPORTED_LANGUAGES } from "../../../app/i18n/config";
import * as json from "../../../app/routes/me.daten[.]json";
import * as report from "../../../app/routes/me.daten_.auskunft";
import * as mine from "../../../app/routes/me.anfragen";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment, createTestHours, createTestInspection } from "../../factories/coverage";
import { createTestHousehold, createTestMatch, createTestNeed, createTestOffer, createTestTransport } from "../../factories/donations";
import { createTestBooking, createTestRoom } from "../../factories/rooms";

const db = () => getDb();
let cookie: string;
let unverifiedCookie: string;

beforeAll(async () => {
  const v = await createTestVolunteer(db(), { name: "Rita Raum", email: "rita@example.org", status: "active" });
  cookie = await sessionCookie(v.id);
  const room = await createTestRoom(db(), { name: "Gruppenraum Niersweg" });
  await createTestBooking(db(), room.id, { requesterUserId: v.id, email: "rita@example.org", purpose: "Elterncafé", status: "confirmed" });
  await createTestBooking(db(), room.id, { email: "RITA@example.org", purpose: "Gastanfrage vor dem Konto", startsAt: "2030-02-04T17:00:00.000Z", endsAt: "2030-02-04T19:00:00.000Z" });
  await createTestBooking(db(), room.id, { email: "fremd@example.org", purpose: "Fremde Anfrage", startsAt: "2030-03-04T17:00:00.000Z", endsAt: "2030-03-04T19:00:00.000Z" });
  const own = await createTestOffer(db(), { category: "sofa", donorEmail: "rita@example.org", description: "Sofa vom Konto" });
  await db().updateTable("donation_offer").set({ donor_user_id: v.id }).where("id", "=", own.id).execute();
  await createTestOffer(db(), { category: "wardrobe", donorEmail: "rita@example.org", description: "Schrank als Gast" });
  await createTestOffer(db(), { category: "wardrobe", donorEmail: "fremd@example.org", description: "Fremdes Angebot" });
  // Everything else an export can hold, so that every field name is checked for a label.
  const org = await createTestOrganisation(db());
  const a = await createTestAssignment(db(), { volunteerId: v.id, organisationId: org.id, createdBy: v.id });
  await createTestHours(db(), { assignmentId: a.id });
  await createTestInspection(db(), { volunteerId: v.id, inspectedBy: v.id });
  const h = await createTestHousehold(db(), { districtId: 1 });
  const need = await createTestNeed(db(), h.id, { category: "sofa" });
  const m = await createTestMatch(db(), need.id, own.id);
  await createTestTransport(db(), m.id, v.id);

  // An account whose address is not verified: a guest request under it proves nothing.
  const u = await createTestUser(db(), { email: "unbestaetigt@example.org", verified: false, roles: ["volunteer"] });
  unverifiedCookie = await sessionCookie(u.id);
  await createTestBooking(db(), room.id, { email: "unbestaetigt@example.org", purpose: "Nicht belegt", startsAt: "2030-04-01T17:00:00.000Z", endsAt: "2030-04-01T19:00:00.000Z" });
});

describe("Art. 15 export", () => {
  it("holds the person's own room requests and donation offers, by account and by verified e-mail, and nobody else's", async () => {
    const res = await run(json.loader, makeRequest("/me/daten.json", { cookie }));
    const body = res.data;
    expect(body.rooms.bookings.map((b: { purpose: string }) => b.purpose)).toEqual(["Elterncafé", "Gastanfrage vor dem Konto"]);
    expect(body.donations.offers.map((o: { description: string }) => o.description).sort()).toEqual(["Schrank als Gast", "Sofa vom Konto"]);
    expect(JSON.stringify(body)).not.toMatch(/Fremde|fremd@/);
  });

  it("matches nothing by an unverified e-mail", async () => {
    const res = await run(json.loader, makeRequest("/me/daten.json", { cookie: unverifiedCookie }));
    const body = res.data;
    expect(body.rooms.bookings).toEqual([]);
  });

  it("has a readable page with a label for every field, section and part in every language", async () => {
    const res = await run(report.loader, makeRequest("/me/daten/auskunft", { cookie }));
    expect(res.status).toBe(200);
    const parts = res.data.parts as Record<string, Record<string, unknown>>;
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(["volunteers", "coverage", "donations", "rooms"]));
    const fields = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          fields.add(k);
          walk(x);
        }
    };
    for (const p of Object.values(parts)) for (const x of Object.values(p)) walk(x);
    for (const lang of SUPPORTED_LANGUAGES) {
      const legal = resources[lang].legal as { auskunft: { sections: Record<string, string>; parts: Record<string, string>; fields: Record<string, string> } };
      const missing = [
        ...Object.keys(parts).filter((s) => !legal.auskunft.sections[s]),
        ...Object.values(parts).flatMap((p) => Object.keys(p)).filter((k) => !legal.auskunft.parts[k]),
        ...[...fields].filter((f) => !legal.auskunft.fields[f]),
      ];
      expect(missing, lang).toEqual([]);
    }
  });
});

describe("/me/anfragen", () => {
  it("lists the person's own room requests and offers with their state", async () => {
    const res = await run(mine.loader, makeRequest("/me/anfragen", { cookie }));
    expect(res.status).toBe(200);
    expect(res.data.bookings.map((b: { purpose: string }) => b.purpose).sort()).toEqual(["Elterncafé", "Gastanfrage vor dem Konto"]);
    expect(res.data.bookings.find((b: { purpose: string }) => b.purpose === "Elterncafé").status).toBe("confirmed");
    expect(res.data.offers).toHaveLength(2);
    expect(JSON.stringify(res.data)).not.toMatch(/Fremde/);
    expect((await run(mine.loader, makeRequest("/me/anfragen"))).status).toBe(302);
  });
});
