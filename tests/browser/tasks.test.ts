/**
 * The office's work queue in a browser (issue #16, ADR 0036): a coordinator takes a room request's
 * task, snoozes it on the task's own page, wakes it, then does the underlying work (approves the
 * request) and sees the task close by itself; the same forms without JavaScript; axe (WCAG 2.1
 * A/AA) finds nothing on the queue and the task page in German and Arabic.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDaysToDay, berlinDay } from "../../app/utils/dates";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import { languageCookie, PASSWORD, texts, withDb } from "./donations.helpers";

let server: TestServer;
let browser: Browser;
const OFFICE = "koordination@example.org";
const de = texts("de", "tasks");
const rooms = texts("de", "rooms");

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Open room-request tasks of the demo data, soonest first (the seed's backfill opened them). */
const openRoomTasks = () =>
  withDb(server, (db) => db.selectFrom("task").select(["id", "record_id", "href"]).where("kind", "=", "room-request").where("status", "=", "open").orderBy("due_on").orderBy("id").execute());
const taskRow = (id: number) => withDb(server, (db) => db.selectFrom("task").select(["status", "closed_reason", "assignee_id", "snoozed_until", "snooze_note"]).where("id", "=", id).executeTakeFirstOrThrow());

/** The queue's row of a task: the list item holding the link to its record. */
const rowOf = (page: Page, href: string) => page.locator("li.eh-task").filter({ has: page.locator(`a[href="${href}"]`) });

async function post(page: Page, click: () => Promise<void>) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), click()]);
  await page.waitForLoadState("networkidle");
}

describe("the work queue", () => {
  it("take a task, snooze it with a note, wake it, do the work: the task closes by itself", async () => {
    const [task] = await openRoomTasks();
    expect(task, "the demo seed has an open room request task").toBeTruthy();
    const { context, page } = await newPage(browser, server.baseUrl);
    await login(page, OFFICE, PASSWORD);

    await page.goto("/office?module=rooms", { waitUntil: "networkidle" });
    await expectNoA11yViolations(page, "work queue (de)");
    const row = rowOf(page, task.href);
    await expect.poll(() => row.count()).toBe(1);
    await post(page, () => row.getByRole("button", { name: de.assignMe }).click());
    await page.goto("/office?view=mine", { waitUntil: "networkidle" });
    await expect.poll(() => rowOf(page, task.href).count()).toBe(1);

    // Its own page: snooze until a day with a note.
    await rowOf(page, task.href).getByRole("link", { name: de.more }).click();
    await page.waitForURL((u) => u.pathname === `/office/tasks/${task.id}`);
    await page.waitForLoadState("networkidle");
    await expectNoA11yViolations(page, "task page (de)");
    const until = addDaysToDay(berlinDay(new Date()), 7);
    await page.getByLabel(de.snoozeUntil).fill(until);
    await page.getByLabel(de.snoozeNote).fill("Rückfrage zur Gruppengröße");
    await post(page, () => page.getByRole("button", { name: de.snooze, exact: true }).click());
    await page.getByRole("button", { name: de.wake }).waitFor();
    expect(await taskRow(task.id)).toMatchObject({ status: "open", snoozed_until: until, snooze_note: "Rückfrage zur Gruppengröße" });
    await page.goto("/office?view=snoozed", { waitUntil: "networkidle" });
    await expect.poll(() => rowOf(page, task.href).count()).toBe(1);
    await page.goto("/office", { waitUntil: "networkidle" });
    expect(await rowOf(page, task.href).count()).toBe(0);

    // Woken, it is back; then the underlying work: the request is approved on its page.
    await page.goto(`/office/tasks/${task.id}`, { waitUntil: "networkidle" });
    await post(page, () => page.getByRole("button", { name: de.wake }).click());
    expect((await taskRow(task.id)).snoozed_until).toBeNull();
    await page.goto(task.href, { waitUntil: "networkidle" });
    await post(page, () => page.getByRole("button", { name: rooms.office.approve, exact: true }).click());
    expect(await taskRow(task.id)).toMatchObject({ status: "done", closed_reason: "auto" });
    await page.goto("/office?module=rooms", { waitUntil: "networkidle" });
    expect(await rowOf(page, task.href).count()).toBe(0);
    await context.close();
  });

  it("works without JavaScript: a bad day comes back next to the field with the note kept; done leads back to the queue", async () => {
    const [, task] = await openRoomTasks();
    expect(task, "a second open room request task").toBeTruthy();
    const { context, page } = await newPage(browser, server.baseUrl, { javaScriptEnabled: false });
    await login(page, OFFICE, PASSWORD);
    await page.goto(`/office/tasks/${task.id}?back=${encodeURIComponent("/office?module=rooms")}`);
    await page.getByLabel(de.snoozeUntil).fill("2020-01-01");
    await page.getByLabel(de.snoozeNote).fill("Notiz bleibt");
    await page.getByRole("button", { name: de.snooze, exact: true }).click();
    await page.getByText(de.errors.snoozeInPast).waitFor();
    expect(await page.getByLabel(de.snoozeNote).inputValue()).toBe("Notiz bleibt");
    await page.getByRole("button", { name: de.done, exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/office" && u.searchParams.get("module") === "rooms");
    expect(await taskRow(task.id)).toMatchObject({ status: "done", closed_reason: "manual" });
    await context.close();
  });

  it("axe finds nothing on the queue and a task's page in Arabic (right to left)", async () => {
    const [task] = await openRoomTasks();
    const { context, page } = await newPage(browser, server.baseUrl);
    await context.addCookies([languageCookie(server.baseUrl, "ar")]);
    await login(page, OFFICE, PASSWORD);
    for (const path of ["/office", `/office/tasks/${task.id}`]) {
      await page.goto(path, { waitUntil: "networkidle" });
      expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
      await expectNoA11yViolations(page, `${path} (ar)`);
    }
    await context.close();
  });
});
