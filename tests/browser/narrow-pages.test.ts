/**
 * Issue 12, item 17 (and 1): the pages named there at 360 px — no horizontal page overflow
 * (`document.documentElement.scrollWidth <= 360`), no button text cut off, no duplicate ids — and
 * the donation form marks its required fields. Pages are found through the demo data's links.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoDuplicateIds, launchBrowser, login, newPage, scrollWidth } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";

let server: TestServer;
let browser: Browser;
let office: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  office = (await newPage(browser, server.baseUrl, { viewport: { width: 360, height: 740 } })).page;
  await login(office, "koordination@example.org", "demo1234");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The first link in `main` of `listPath` whose href matches `pattern`. */
async function firstLink(page: Page, listPath: string, pattern: RegExp): Promise<string> {
  await page.goto(listPath, { waitUntil: "networkidle" });
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${listPath}`).toBeTruthy();
  return href!;
}

async function expectFits(page: Page, path: string) {
  const res = await page.goto(path, { waitUntil: "networkidle" });
  expect(res?.status(), path).toBe(200);
  expect(await scrollWidth(page), `${path}: page wider than 360 px`).toBeLessThanOrEqual(360);
  // Button labels wrap instead of being cut off.
  const cut = await page.locator("main button").evaluateAll((bs) =>
    bs.filter((b) => b.getBoundingClientRect().width > 0 && (b.scrollWidth > b.clientWidth + 1 || Array.from(b.querySelectorAll("span")).some((s) => s.scrollWidth > s.clientWidth + 1))).map((b) => b.textContent ?? ""),
  );
  expect(cut, `${path}: cut-off button texts`).toEqual([]);
  await expectNoDuplicateIds(page, path);
}

describe("at 360 px", () => {
  it("/office/volunteers/:id (consent table scrolls in its own box)", async () => {
    await expectFits(office, await firstLink(office, "/office/volunteers?status=registered", /^\/office\/volunteers\/[a-z0-9]+$/));
  });
  it("/office/volunteers/:id of an active volunteer", async () => {
    await expectFits(office, await firstLink(office, "/office/volunteers?status=active", /^\/office\/volunteers\/[a-z0-9]+$/));
  });
  it("/office/assignments/:id", async () => {
    await expectFits(office, await firstLink(office, "/office/assignments", /^\/office\/assignments\/\d+$/));
  });
  it("the room month view shows every weekday on the screen", async () => {
    const room = await firstLink(office, "/raum", /^\/raum\/\d+$/);
    await expectFits(office, `${room}?view=month`);
    // Every day of the month is inside the viewport horizontally.
    const outside = await office.locator(".room-month td:not(.room-other-month)").evaluateAll((tds) => tds.filter((td) => td.getBoundingClientRect().right > 361).length);
    expect(outside).toBe(0);
  });
  it("/office/donations/needs/:id (match candidates with explained points)", async () => {
    const need = await firstLink(office, "/office/donations", /^\/office\/donations\/needs\/\d+$/);
    await expectFits(office, need);
  });
  it("/spenden/anbieten marks its required fields", async () => {
    const { page } = await newPage(browser, server.baseUrl, { viewport: { width: 360, height: 740 } });
    await expectFits(page, "/spenden/anbieten");
    expect(await page.locator('main form [required], main form [aria-required="true"]').count()).toBeGreaterThan(3);
    expect(await page.locator("main form .mantine-InputWrapper-required").count()).toBeGreaterThan(3);
  });
});
