/**
 * DSGVO Art. 15: the export holds the person's own room requests and donation offers (made while
 * logged in, or as a guest under the account's verified e-mail), `/me/anfragen` lists them, and
 * `/me/daten/auskunft` shows the same export as a page with a translated label for every field,
 * `/me/daten.pdf` as a tagged PDF in the person's language; the erasure (Art. 17) removes the
 * requester's contact details from their bookings and keeps the rows the calendar needs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { resources } from "../../../app/i18n/resources.server";
import { SUPPORTED_LANGUAGES } from "../../../app/i18n/config";
import * as json from "../../../app/routes/me.daten[.]json";
import * as report from "../../../app/routes/me.daten_.auskunft";
import * as mine from "../../../app/routes/me.anfragen";
import * as pdf from "../../../app/routes/me.daten[.]pdf";
import * as erase from "../../../app/routes/me.daten";
import { createFeed } from "../../../app/modules/rooms/feeds.server";
import { getBookingByManageToken } from "../../../app/modules/rooms/queries.server";
import { pdfText } from "../../setup/pdf-text";
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

describe("Art. 15 as a PDF", () => {
  // The loader is called directly: the test runner's `run` reads bodies as text, a PDF is bytes.
  const get = async (url: string, c = cookie) => {
    const res = (await pdf.loader({ request: makeRequest(url, { cookie: c }), params: {}, context: {} } as never)) as Response;
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it("is served as a tagged PDF whose text holds the person's booking and offer, and nobody else's", async () => {
    const { res, bytes } = await get("/me/daten.pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="ehrenamt-hub-meine-daten-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const raw = bytes.toString("latin1");
    expect(raw.startsWith("%PDF-1.7")).toBe(true);
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/Lang (de)");
    expect(raw).toMatch(/\/S \/H3/);
    const text = pdfText(bytes);
    expect(text).toContain("Auskunft über meine Daten");
    expect(text).toContain("Raumanfragen");
    expect(text).toContain("Gruppenraum Niersweg");
    expect(text).toContain("Elterncafé");
    expect(text).toContain("Sofa vom Konto");
    expect(text).not.toMatch(/Fremde/);
  });

  it("comes in the person's language, also right to left in Arabic", async () => {
    const uk = await get("/me/daten.pdf?lang=uk");
    expect(uk.bytes.toString("latin1")).toContain("/Lang (uk)");
    expect(pdfText(uk.bytes)).toContain("Інформація про мої дані");
    const ar = await get("/me/daten.pdf?lang=ar");
    expect(ar.bytes.toString("latin1")).toContain("/Lang (ar)");
    expect(pdfText(ar.bytes)).toContain("Elterncafé");
  });

  it("needs a login", async () => {
    const res = await run(pdf.loader, makeRequest("/me/daten.pdf"));
    expect(res.status).toBe(302);
  });
});

describe("Art. 17 and room bookings", () => {
  it("removes the requester's name, e-mail and phone from their bookings and keeps the rows; other bookings stay", async () => {
    const v = await createTestVolunteer(db(), { name: "Lena Löschen", email: "lena@example.org", status: "active" });
    const c = await sessionCookie(v.id);
    const room = await createTestRoom(db(), { name: "Saal Löschtest" });
    const own = await createTestBooking(db(), room.id, { requesterUserId: v.id, email: "lena@example.org", name: "Lena Löschen", status: "confirmed", startsAt: "2030-05-06T17:00:00.000Z", endsAt: "2030-05-06T19:00:00.000Z" });
    const guest = await createTestBooking(db(), room.id, { email: "Lena@example.org", name: "Lena L.", status: "requested", startsAt: "2030-05-13T17:00:00.000Z", endsAt: "2030-05-13T19:00:00.000Z" });
    const other = await createTestBooking(db(), room.id, { email: "anders@example.org", name: "Anna Anders", status: "confirmed", startsAt: "2030-05-20T17:00:00.000Z", endsAt: "2030-05-20T19:00:00.000Z" });
    await db().updateTable("booking").set({ contact_phone: "02154 111111" }).where("id", "in", [own.id, guest.id, other.id]).execute();
    await db().insertInto("key_handover").values({ booking_id: own.id, handed_out_at: new Date().toISOString(), handed_to: "Lena Löschen", condition_out: null, returned_at: null, deposit_outcome: null, condition_back: null, damages: null, reminder_sent_at: null, created_at: new Date().toISOString() }).execute();
    await createFeed({ kind: "requester", email: "lena@example.org" });
    const before = await db().selectFrom("booking").select(["id", "status", "starts_at", "ends_at", "room_id"]).where("id", "in", [own.id, guest.id]).orderBy("id").execute();

    const res = await run(erase.action, makeRequest("/me/daten", { cookie: c, form: { confirm: "on" } }));
    expect(res.status).toBe(302);

    const rows = await db().selectFrom("booking").selectAll().where("id", "in", [own.id, guest.id]).orderBy("id").execute();
    // The calendar keeps its rows: room, time and status unchanged.
    expect(rows.map((r) => ({ id: r.id, status: r.status, starts_at: r.starts_at, ends_at: r.ends_at, room_id: r.room_id }))).toEqual(before);
    for (const r of rows) {
      expect(JSON.stringify(r)).not.toMatch(/Lena|lena@|111111/i);
      expect(r).toMatchObject({ contact_name: "—", contact_phone: null, responsible_adult: "—", requester_user_id: null });
    }
    // The mailed manage links no longer open anything.
    expect(rows.map((r) => r.manage_token_hash)).not.toContain(null);
    expect(await getBookingByManageToken(own.token)).toBeFalsy();
    expect((await db().selectFrom("key_handover").select("handed_to").where("booking_id", "=", own.id).executeTakeFirstOrThrow()).handed_to).toBe("—");
    const feeds = await db().selectFrom("calendar_feed").selectAll().where("kind", "=", "requester").where("email", "=", "lena@example.org").execute();
    expect(feeds).toEqual([]);
    const untouched = await db().selectFrom("booking").selectAll().where("id", "=", other.id).executeTakeFirstOrThrow();
    expect(untouched).toMatchObject({ contact_name: "Anna Anders", contact_email: "anders@example.org", contact_phone: "02154 111111" });
  });
});
