/**
 * Values inside Arabic pages keep their order: each phone number, time range, name, e-mail
 * address and size is isolated (<bdi>, dir="ltr" or U+2066/U+2068 … U+2069) by the component or
 * helper that renders it. The pages named in issue 12 are rendered in Arabic and checked.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as volunteerPage from "../../app/routes/office.volunteers.$id";
import * as handoverPage from "../../app/routes/office.donations.matches.$id";
import * as needsPage from "../../app/routes/spenden._index";
import { getDb } from "../../app/utils/db.server";
import { createTestUser, createTestVolunteer } from "../factories";
import { createTestHousehold, createTestMatch, createTestNeed, createTestOffer } from "../factories/donations";
import { sessionCookie } from "../setup/remix";
import { renderRoute } from "../setup/render";

let cookie: string;
let volunteerId: string;
let matchId: number;

/** `value` appears in `html` only inside an isolating element or isolate characters. */
function expectIsolated(html: string, value: string) {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  expect(html, `${value} not found`).toContain(value);
  const bare = new RegExp(`(?<!<bdi[^>]*>|[\\u2066\\u2067\\u2068])${escaped}`, "g");
  expect(html.match(bare) ?? [], `${value} is shown without isolation`).toEqual([]);
}

beforeAll(async () => {
  const db = getDb();
  const c = await createTestUser(db, { roles: ["coordinator"] });
  cookie = await sessionCookie(c.id);
  volunteerId = (await createTestVolunteer(db, { name: "Tomasz Beispiel", phone: "02154 493489", languages: [{ code: "de", level: "native" }, { code: "en", level: "B2" }] })).id;
  const household = await createTestHousehold(db, { code: "H-2026-7" });
  const need = await createTestNeed(db, household.id, { size: "26 Zoll", category: "wardrobe" });
  const offer = await createTestOffer(db, { donorName: "Peter Spender", donorEmail: "peter@example.org", donorPhone: "02154 111222", size: "26 Zoll" });
  matchId = (await createTestMatch(db, need.id, offer.id, { handoverMode: "office", handoverOn: "2030-12-18", timeFrom: "18:00", timeTo: "19:30" })).id;
  // An open need for the public list.
  await createTestNeed(db, household.id, { size: "26 Zoll", category: "wardrobe", quantity: 2 });
});

describe("Arabic pages isolate the values in their text", () => {
  it("the office's volunteer page: phone, e-mail, name, the language list", async () => {
    const page = await renderRoute(volunteerPage, `/office/volunteers/${volunteerId}`, { cookie, lang: "ar", params: { id: volunteerId } });
    expect(page.status).toBe(200);
    expectIsolated(page.html, "02154 493489");
    expect(page.html).toMatch(/<bdi dir="ltr">02154 493489<\/bdi>/);
    // Language names in Arabic, each item of the list isolated, joined by the Arabic comma.
    expect(page.text).toContain("الألمانية");
    expect(page.text).not.toContain("Deutsch");
    expect(page.html).toMatch(/<\/bdi>، <bdi>/);
  });

  it("the handover card: time range, donor name, e-mail and phone", async () => {
    const page = await renderRoute(handoverPage, `/office/donations/matches/${matchId}`, { cookie, lang: "ar", params: { id: String(matchId) } });
    expect(page.status).toBe(200);
    expect(page.html).toContain("\u206618:00–19:30\u2069");
    for (const v of ["Peter Spender", "peter@example.org", "02154 111222"]) expectIsolated(page.html, v);
  });

  it("/spenden: a size such as 26 Zoll", async () => {
    const page = await renderRoute(needsPage, "/spenden", { lang: "ar" });
    expect(page.status).toBe(200);
    expectIsolated(page.html, "26 Zoll");
  });
});
