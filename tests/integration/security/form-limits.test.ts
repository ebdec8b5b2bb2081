import { beforeAll, describe, expect, it } from "vitest";
import * as requestRoute from "../../../app/routes/raum.$id.anfragen";
import * as offerPage from "../../../app/routes/spenden.anbieten";
import * as contactPage from "../../../app/routes/kontakt";
import { addDaysToDay as addDays } from "../../../app/utils/dates";
import { getDb } from "../../../app/utils/db.server";
import { berlinDay } from "../../../app/utils/dates";
import { resetEnvCache } from "../../../app/utils/env.server";
import { takeFormSlot } from "../../../app/utils/form-limits.server";
import { getFixedT } from "../../../app/i18n/i18next.server";
import { createTestRoom, createTestUser } from "../../factories";
import { categoryId } from "../../factories/donations";
import { makePng } from "../../factories/images";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { requestForm } from "../rooms/helpers";

// Lower limits than the test setup's generous ones: this file tests them.
process.env.FORM_MAX_PER_IP = "4";
process.env.FORM_MAX_PER_ADDRESS = "2";
process.env.UPLOAD_MAX_PER_IP = "3";
process.env.FORM_WINDOW_MINUTES = "60";
resetEnvCache();

let roomId: number;
let wardrobe: number;
beforeAll(async () => {
  ({ id: roomId } = await createTestRoom(getDb(), { capacity: 30 }));
  wardrobe = await categoryId(getDb(), "wardrobe");
});

const count = async (table: "booking" | "outbox" | "donation_offer" | "donation_offer_photo") =>
  Number((await getDb().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const requestRoom = (ip: string, email: string, day: number, cookie?: string) =>
  run(requestRoute.action, makeRequest(`/raum/${roomId}/anfragen`, { form: requestForm({ email, day: addDays(berlinDay(new Date()), day) }), cookie }), { id: String(roomId) }, { clientIp: ip });

function offerForm(email: string, photos = 0) {
  const fd = new FormData();
  const fields: Record<string, string> = {
    categoryId: String(wardrobe),
    quantity: "1",
    condition: "good",
    description: "Regal aus Holz",
    districtId: "3",
    pickupStreet: "Beispielweg 1",
    availableUntil: addDays(berlinDay(new Date()), 20),
    delivery: "needs_pickup",
    donorName: "Gerd Gast",
    donorEmail: email,
  };
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (let i = 0; i < photos; i++) fd.append("photos", new File([new Uint8Array(makePng(4, 4, [i, 2, 3]))], `${i}.png`, { type: "image/png" }));
  return fd;
}
const offer = (ip: string, email: string, photos = 0) => run(offerPage.action, makeRequest("/spenden/anbieten", { form: offerForm(email, photos) }), {}, { clientIp: ip });

function expectRefused(res: { status: number; data: { error?: Record<string, string[]> } }) {
  expect(res.status).toBe(429);
  // Every form answers the submission's reply itself (one shape).
  const [message] = res.data.error?.[""] ?? [];
  expect(message).toMatch(/^security:limits\.tooMany\|\{"count":\d+\}$/);
  return message;
}

describe("anonymous forms that send mail are limited per address and per IP", () => {
  it("guest room requests: the third for one address is refused, nothing written, no mail queued", async () => {
    expect((await requestRoom("198.51.100.1", "eine@example.org", 10)).status).toBe(302);
    expect((await requestRoom("198.51.100.2", "Eine@Example.org", 11)).status).toBe(302); // another IP, same address
    const [bookings, mails] = [await count("booking"), await count("outbox")];
    const refused = await requestRoom("198.51.100.3", "eine@example.org", 12);
    const message = expectRefused(refused);
    expect(await count("booking")).toBe(bookings);
    expect(await count("outbox")).toBe(mails);
    // The input is kept for the visitor.
    expect(refused.data.initialValue.email).toBe("eine@example.org");
    // The message exists in every language with the minutes.
    const [key, json] = message.split("|");
    for (const lang of ["de", "en", "ar", "uk"]) {
      const t = await getFixedT(lang, "common");
      const text = t(key, JSON.parse(json));
      expect(text, lang).not.toBe(key);
      expect(text, lang).not.toContain("limits.tooMany");
      expect(text, lang).toContain("60");
    }
  });

  it("guest room requests: the fifth from one IP is refused (other addresses), other IPs go on", async () => {
    for (let i = 0; i < 4; i++) expect((await requestRoom("198.51.100.20", `ip${i}@example.org`, 20 + i)).status).toBe(302);
    const [bookings, mails] = [await count("booking"), await count("outbox")];
    expectRefused(await requestRoom("198.51.100.20", "ip-new@example.org", 30));
    expect(await count("booking")).toBe(bookings);
    expect(await count("outbox")).toBe(mails);
    expect((await requestRoom("198.51.100.21", "ip-new@example.org", 31)).status).toBe(302);
  });

  it("logged-in members are not limited by the guest limits", async () => {
    const u = await createTestUser(getDb(), { email: "mitglied@example.org" });
    const cookie = await sessionCookie(u.id);
    for (let i = 0; i < 5; i++) expect((await requestRoom("198.51.100.30", "mitglied@example.org", 40 + i, cookie)).status).toBe(302);
  });

  it("donation offers: per address, and uploads per IP, refused before any photo is decoded", async () => {
    expect((await offer("198.51.100.40", "spender@example.org")).status).toBe(302);
    expect((await offer("198.51.100.41", "spender@example.org")).status).toBe(302);
    let before = [await count("donation_offer"), await count("outbox")];
    expectRefused(await offer("198.51.100.42", "spender@example.org"));
    expect([await count("donation_offer"), await count("outbox")]).toEqual(before);

    // Three offers with photos from one IP, then the fourth with photos is refused; without photos it still goes.
    for (let i = 0; i < 3; i++) expect((await offer("198.51.100.50", `foto${i}@example.org`, 1)).status).toBe(302);
    before = [await count("donation_offer"), await count("outbox"), await count("donation_offer_photo")];
    expectRefused(await offer("198.51.100.50", "foto9@example.org", 2));
    expect([await count("donation_offer"), await count("outbox"), await count("donation_offer_photo")]).toEqual(before);
    expect((await offer("198.51.100.50", "ohnefoto@example.org", 0)).status).toBe(302);
  });

  it("a parallel burst gets no more slots than the limit", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => takeFormSlot("burst", { ip: "198.51.100.60", address: `b${i}@example.org` })));
    expect(results.filter((r) => r === null)).toHaveLength(4);
  });

  it("counts only inside the window", async () => {
    const old = new Date(Date.now() - 61 * 60_000);
    for (let i = 0; i < 4; i++) expect(await takeFormSlot("window", { ip: "198.51.100.70", now: old })).toBeNull();
    expect(await takeFormSlot("window", { ip: "198.51.100.70" })).toBeNull();
  });

  it("the contact form (mail to the office): the third from one address is refused, no mail queued", async () => {
    const contact = (ip: string, email: string) => {
      const fd = new FormData();
      fd.append("name", "Gerd Gast");
      fd.append("email", email);
      fd.append("message", "Eine Frage zur Raumbuchung am Niersweg.");
      return run(contactPage.action, makeRequest("/kontakt", { form: fd }), {}, { clientIp: ip });
    };
    expect((await contact("198.51.100.70", "frage@example.org")).status).toBe(302);
    expect((await contact("198.51.100.71", "frage@example.org")).status).toBe(302);
    const mails = await count("outbox");
    const refused = await contact("198.51.100.72", "frage@example.org");
    expect(refused.status).toBe(429);
    expect(refused.data.error?.[""]?.[0]).toMatch(/^security:limits\.tooMany\|/);
    expect(await count("outbox")).toBe(mails);
  });
});
