/**
 * Every page carries the footer with the legal and help links (a crawl of the pages each role
 * reaches from the navigation); the contact form works without JavaScript. (Each page in every
 * language: tests/integration/legal-pages.test.ts.)
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD as PASSWORD } from "../../db/seed/demo";
import { launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";

let server: TestServer;
let browser: Browser;
const FOOTER = ["/impressum", "/kontakt", "/datenschutz", "/barrierefreiheit", "/hilfe"];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function footerLinks(page: Page) {
  return page.locator("footer.eh-footer nav a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
}

/** Visits every link of the navigation (and the footer's pages) and checks the footer on each. */
async function crawl(page: Page) {
  await page.goto("/", { waitUntil: "networkidle" });
  const nav = await page.locator("nav.eh-navbar a").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  const seen: string[] = [];
  for (const path of [...new Set([...nav, ...FOOTER, "/hilfe/raum", "/me", "/me/anfragen"])]) {
    const res = await page.goto(path, { waitUntil: "domcontentloaded" });
    if (!res || res.status() >= 400) continue;
    expect(await footerLinks(page), path).toEqual(FOOTER);
    seen.push(path);
  }
  return seen;
}

describe("footer", () => {
  it("is on every page, anonymous and for each role", async () => {
    const anon = await newPage(browser, server.baseUrl);
    expect((await crawl(anon.page)).length).toBeGreaterThan(6);
    await anon.context.close();
    for (const email of ["koordination@example.org", "ehrenamt@example.org", "verein@example.org"]) {
      const { context, page } = await newPage(browser, server.baseUrl);
      await login(page, email, PASSWORD);
      expect((await crawl(page)).length, email).toBeGreaterThan(6);
      await context.close();
    }
  });
});

describe("legal pages", () => {
  it("the contact form sends without JavaScript and keeps the input on an error", async () => {
    const { context, page } = await newPage(browser, server.baseUrl, { javaScriptEnabled: false });
    await page.goto("/kontakt");
    await page.locator('textarea[name="message"]').fill("kurz");
    await page.locator('input[name="email"]').fill("gast@example.org");
    await page.locator("main form button[type=submit]").click();
    await page.waitForLoadState("domcontentloaded");
    expect(await page.locator('input[name="email"]').inputValue()).toBe("gast@example.org");
    expect(await page.locator("main").textContent()).toContain("mindestens 10 Zeichen");
    await page.locator('textarea[name="message"]').fill("Wann ist die Sprechstunde im Dezember?");
    await page.locator("main form button[type=submit]").click();
    await page.waitForURL("**/kontakt?gesendet=1");
    expect(await page.locator("[role=status]").first().textContent()).toContain("Danke");
    await context.close();
  });
});
