/**
 * The office inbox as the office reads it: module names translated (no raw keys), every item
 * says what and who, and many items of one kind are one expandable line with the count.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as inboxPage from "../../app/routes/office._index";
import { INBOX_MODULES, groupInboxItems, type InboxItem } from "../../app/modules/office/inbox.server";
import { SUPPORTED_LANGUAGES } from "../../app/i18n/config";
import { resources } from "../../app/i18n/resources.server";
import { getDb } from "../../app/utils/db.server";
import { createTestUser, createTestVolunteer } from "../factories";
import { createTestRoom, createTestBooking } from "../factories/rooms";
import { sessionCookie } from "../setup/remix";
import { renderRoute } from "../setup/render";

let cookie: string;

beforeAll(async () => {
  const db = getDb();
  const c = await createTestUser(db, { roles: ["coordinator"] });
  cookie = await sessionCookie(c.id);
  const room = await createTestRoom(db, { name: "Gruppenraum Niersweg" });
  // 15 requests for one room and day (18.12.2030), each by someone else at another hour.
  for (let i = 0; i < 15; i++) {
    const h = String(8 + i).padStart(2, "0");
    await createTestBooking(db, room.id, { name: `Gast Nummer${String.fromCharCode(65 + i)}`, startsAt: `2030-12-18T${h}:00:00.000Z`, endsAt: `2030-12-18T${h}:30:00.000Z` });
  }
  // One request on another day stays a line of its own.
  await createTestBooking(db, room.id, { name: "Erika Einzeln", startsAt: "2030-12-20T17:00:00.000Z", endsAt: "2030-12-20T18:30:00.000Z" });
  // A volunteer waiting for the intake talk: the volunteers module appears.
  await createTestVolunteer(db, { name: "Vera Wartend", status: "registered" });
});

describe("the office inbox page", () => {
  it("every module has a label in every language", () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      const modules = (resources[lang].office as { inbox: { modules: Record<string, string> } }).inbox.modules;
      for (const m of INBOX_MODULES) expect(modules[m], `${lang}: office:inbox.modules.${m}`).toBeTruthy();
    }
  });

  it("shows no raw keys, groups the 15 requests of one day, and names requester and time", async () => {
    for (const lang of ["de", "ar"] as const) {
      const page = await renderRoute(inboxPage, "/office", { cookie, lang });
      expect(page.status).toBe(200);
      expect(page.text, lang).not.toMatch(/inbox\.|rooms:|donations:|volunteers:/);
    }
    const page = await renderRoute(inboxPage, "/office", { cookie });
    expect(page.text).toContain("Räume");
    expect(page.text).toContain("Ehrenamtliche");
    expect(page.text).toContain("Vera Wartend");
    // One line for the day, with the count; it opens (details) to the 15 items.
    expect(page.text).toContain("15 Raumanfragen für Gruppenraum Niersweg am 18.12.2030");
    expect(page.html.match(/<details/g)?.length).toBe(1);
    const group = page.html.slice(page.html.indexOf("<details"), page.html.indexOf("</details>"));
    expect(group.match(/href="\/office\/rooms\/bookings\/\d+"/g)).toHaveLength(15);
    for (let i = 0; i < 15; i++) expect(group).toContain(`Gast Nummer${String.fromCharCode(65 + i)}`);
    // Requester and time on each line (Berlin time: 09:00 UTC is 10:00).
    expect(group.replace(/[\u2066-\u2069]/g, "")).toContain("10:00–10:30");
    // The single request of another day: a plain line with who and when.
    const single = page.text.replace(/[\u2066-\u2069]/g, "");
    expect(single).toContain("Raumanfrage Gruppenraum Niersweg am 20.12.2030, 18:00–19:30 – von Erika Einzeln");
    expect(page.text).not.toMatch(/(Raumanfrage Gruppenraum Niersweg für 18\.12\.2030.*){2}/);
  });
});

describe("grouping", () => {
  const item = (id: string, key?: string, severity: InboxItem["severity"] = "normal"): InboxItem => ({
    id,
    module: "rooms",
    titleKey: "rooms:inbox.request",
    href: `/x/${id}`,
    severity,
    date: "2030-01-01",
    group: key ? { key, titleKey: "rooms:inbox.requestGroup" } : undefined,
  });
  it("folds three or more items of a key into one entry in the first one's place, with the most urgent severity", () => {
    const out = groupInboxItems([item("a", "k", "urgent"), item("b"), item("c", "k"), item("d", "k"), item("e", "j"), item("f", "j")]);
    expect(out.map((e) => e.id)).toEqual(["group-k", "b", "e", "f"]);
    expect(out[0].children!.map((c) => c.id)).toEqual(["a", "c", "d"]);
    expect(out[0].values).toMatchObject({ count: 3 });
    expect(out[0].severity).toBe("urgent");
  });
});
