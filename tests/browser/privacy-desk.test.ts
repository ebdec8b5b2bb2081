/**
 * The privacy desk in a browser (issue #17): the office records an access request of a volunteer,
 * checks the identity and closes it with what was done (with JavaScript, and the same forms without
 * it); axe (WCAG 2.1 A/AA) finds nothing on every page of the desk in German and Arabic.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directionOf } from "../../app/i18n/config";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import { languageCookie, PASSWORD, texts, withDb } from "./donations.helpers";

let server: TestServer;
let browser: Browser;
const OFFICE = "koordination@example.org";
const VOLUNTEER = "ehrenamt@example.org";
const de = texts("de", "privacy");

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Records an access request of the demo volunteer through the form and returns its page's path. */
async function recordRequest(page: Page, name: string): Promise<string> {
  await page.goto("/office/privacy/new", { waitUntil: "networkidle" });
  await page.getByLabel(de.new.requesterName).fill(name);
  await page.getByLabel(de.new.volunteerEmail).fill(VOLUNTEER);
  await page.getByRole("button", { name: de.new.submit }).click();
  await page.waitForURL((u) => /^\/office\/privacy\/\d+$/.test(u.pathname));
  return new URL(page.url()).pathname;
}

async function completeRequest(page: Page, path: string) {
  await page.getByLabel(de.detail.method).selectOption("id-document");
  await page.getByRole("button", { name: de.detail.checkIdentity }).click();
  await page.waitForURL((u) => u.pathname === path);
  await page.getByRole("link", { name: de.detail.exportLink }).waitFor();
  await page.getByLabel(de.detail.outcome, { exact: true }).selectOption("answered");
  await page.getByLabel(de.detail.outcomeNote).fill("Datenexport per Brief verschickt");
  await page.getByRole("button", { name: de.detail.closeSubmit }).click();
  await page.getByRole("cell", { name: de.events.closed, exact: true }).waitFor();
}

async function requestStatus(path: string) {
  const id = Number(path.split("/").pop());
  return withDb(server, (db) => db.selectFrom("privacy_request").select(["status", "outcome", "identity_method"]).where("id", "=", id).executeTakeFirstOrThrow());
}

describe("the privacy desk", () => {
  it("records an access request and completes it (with JavaScript)", async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    await login(page, OFFICE, PASSWORD);
    const path = await recordRequest(page, "Tomasz Beispiel");
    await completeRequest(page, path);
    expect(await requestStatus(path)).toEqual({ status: "closed", outcome: "answered", identity_method: "id-document" });
    await context.close();
  });

  it("works without JavaScript: errors next to the field with the input kept, then the same steps", async () => {
    const { context, page } = await newPage(browser, server.baseUrl, { javaScriptEnabled: false });
    await login(page, OFFICE, PASSWORD);
    await page.goto("/office/privacy/new");
    await page.getByLabel(de.new.requesterName).fill("Ohne Skript");
    await page.getByLabel(de.new.volunteerEmail).fill("niemand@example.org");
    await page.getByRole("button", { name: de.new.submit }).click();
    await page.getByText(de.errors.noSuchVolunteer).waitFor();
    expect(await page.getByLabel(de.new.requesterName).inputValue()).toBe("Ohne Skript");
    const path = await recordRequest(page, "Ohne Skript");
    await page.getByLabel(de.detail.extendReason, { exact: true }).fill("Daten aus mehreren Bereichen");
    await page.getByRole("button", { name: de.detail.extendSubmit }).click();
    await page.getByText(de.detail.extendedDue).waitFor();
    await completeRequest(page, path);
    expect((await requestStatus(path)).status).toBe("closed");
    await context.close();
  });

  for (const lng of ["de", "ar"] as const) {
    // Eleven pages with axe each: minutes on a loaded machine.
    it(`has no axe violations on any page of the desk (${lng})`, { timeout: 480_000 }, async () => {
      const { context, page } = await newPage(browser, server.baseUrl);
      if (lng !== "de") await context.addCookies([languageCookie(server.baseUrl, lng)]);
      await login(page, OFFICE, PASSWORD);
      const open = await withDb(server, (db) => db.selectFrom("privacy_request").select("id").where("status", "=", "open").orderBy("id").executeTakeFirstOrThrow());
      const closed = await withDb(server, (db) => db.selectFrom("privacy_request").select("id").where("status", "=", "closed").orderBy("id").executeTakeFirst());
      const paths = [
        "/office/privacy",
        "/office/privacy?status=all",
        "/office/privacy/new",
        `/office/privacy/${open.id}`,
        ...(closed ? [`/office/privacy/${closed.id}`] : []),
        "/office/privacy/access-log",
        `/office/privacy/access-log?mode=volunteer&who=${encodeURIComponent(VOLUNTEER)}`,
        "/office/privacy/access-log?mode=household&who=H-NICHTDA",
        "/office/privacy/retention",
        "/office/privacy/consents",
      ];
      for (const path of paths) {
        const response = await page.goto(path, { waitUntil: "networkidle" });
        expect(response?.status(), path).toBe(200);
        const { lang, dir } = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
        expect({ lang, dir }, path).toEqual({ lang: lng, dir: directionOf(lng) });
        await expectNoA11yViolations(page, `${path} [${lng}]`);
      }
      // The new-request form with its messages.
      await page.goto("/office/privacy/new", { waitUntil: "networkidle" });
      await page.locator('input[name="requesterName"]').fill("");
      await page.locator("main form").locator('button[type="submit"]').click();
      await page.locator("main form [id$='-error'], main form .mantine-InputWrapper-error").first().waitFor();
      await expectNoA11yViolations(page, `/office/privacy/new with errors [${lng}]`);
      await context.close();
    });
  }
});
