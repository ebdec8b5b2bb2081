/**
 * The office start page as the office reads it: the work queue (ADR 0036) with module names and
 * titles translated (no raw keys), every task says what and who; below it the inbox's hints, where
 * many items of one kind are one expandable line with the count.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as inboxPage from "../../app/routes/office._index";
import { INBOX_ITEMS_PER_MODULE, INBOX_MODULES, groupInboxItems, type InboxItem } from "../../app/modules/office/inbox.server";
import { tasksReconcileTask } from "../../app/modules/tasks/daily.server";
import { SUPPORTED_LANGUAGES } from "../../app/i18n/config";
import { resources } from "../../app/i18n/resources.server";
import { getDb, transaction } from "../../app/utils/db.server";
import { createTestUser, createTestVolunteer } from "../factories";
import { createTestRoom, createTestBooking } from "../factories/rooms";
import { createTestHousehold, createTestNeed } from "../factories/donations";
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
  // One request on another day.
  await createTestBooking(db, room.id, { name: "Erika Einzeln", startsAt: "2030-12-20T17:00:00.000Z", endsAt: "2030-12-20T18:30:00.000Z" });
  // A volunteer waiting for the intake talk: the volunteers module appears.
  await createTestVolunteer(db, { name: "Vera Wartend", status: "registered" });
  // Three needs open for weeks: one line of the inbox with the count.
  const household = await createTestHousehold(db, { code: "H-WARTE" });
  for (let i = 0; i < 3; i++) await createTestNeed(db, household.id, { category: "shelf", createdAt: new Date(Date.now() - (20 + i) * 86_400_000).toISOString() });
  // Made outside the commands: the daily job opens their tasks (the backfill).
  await transaction((trx) => tasksReconcileTask.run(trx, new Date()));
});

describe("the office start page", () => {
  it("every module has a label in every language", () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      const modules = (resources[lang].office as { inbox: { modules: Record<string, string> } }).inbox.modules;
      for (const m of INBOX_MODULES) expect(modules[m], `${lang}: office:inbox.modules.${m}`).toBeTruthy();
    }
  });

  it("shows no raw keys; every task names requester and time, with the filters' counts", async () => {
    for (const lang of ["de", "ar"] as const) {
      const page = await renderRoute(inboxPage, "/office", { cookie, lang });
      expect(page.status).toBe(200);
      expect(page.text, lang).not.toMatch(/inbox\.|rooms:|donations:|volunteers:|tasks:/);
    }
    const page = await renderRoute(inboxPage, "/office", { cookie });
    const text = page.text.replace(/[\u2066-\u2069]/g, "");
    expect(text).toContain("Räume (16)");
    expect(text).toContain("Ehrenamtliche (1)");
    expect(text).toContain("Vera Wartend");
    // Requester and time on each task (Berlin time: 09:00 UTC is 10:00).
    expect(text).toContain("Raumanfrage Gruppenraum Niersweg am 18.12.2030, 10:00–10:30 – von Gast NummerB");
    expect(text).toContain("Raumanfrage Gruppenraum Niersweg am 20.12.2030, 18:00–19:30 – von Erika Einzeln");
    expect(page.html.match(/href="\/office\/rooms\/bookings\/\d+"/g)).toHaveLength(16);
    // Every task has its buttons in the lines' one form: done, and assign to me (none is assigned yet).
    expect(page.html.match(/name="line" value="done:\d+"/g)).toHaveLength(17);
    expect(page.html.match(/name="line" value="assign:\d+"/g)).toHaveLength(17);
    expect(page.html.match(/<form[^>]*id="task-lines"/g)).toHaveLength(1);
  });

  it("below the queue, the hints group three items of one kind into one expandable line", async () => {
    const page = await renderRoute(inboxPage, "/office", { cookie });
    expect(page.text).toContain("Weitere Hinweise");
    expect(page.html.match(/class="eh-inbox-group"/g)).toHaveLength(1);
    const group = page.html.slice(page.html.indexOf('class="eh-inbox-group"'), page.html.indexOf("</details>", page.html.indexOf('class="eh-inbox-group"')));
    expect(group).toContain("3 Bedarfe seit über 14 Tagen offen");
    expect(group.match(/href="\/office\/donations\/needs\/\d+"/g)).toHaveLength(3);
    // What is a task is not a hint as well.
    expect(page.html.slice(page.html.indexOf("Weitere Hinweise"))).not.toContain("Gruppenraum Niersweg");
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
    expect(out[0].more).toBeUndefined();
  });

  it("a group lists as many items as a module shows and counts the rest, with the module's list", () => {
    const many = Array.from({ length: INBOX_ITEMS_PER_MODULE + 4 }, (_, i) => item(`n${i}`, "k"));
    const [group] = groupInboxItems(many);
    expect(group.values).toMatchObject({ count: INBOX_ITEMS_PER_MODULE + 4 });
    expect(group.children!.map((c) => c.id)).toEqual(many.slice(0, INBOX_ITEMS_PER_MODULE).map((c) => c.id));
    expect(group.more).toEqual({ count: 4, href: "/office/rooms/requests" });
  });
});
