/**
 * Persian (right to left) and Turkish in the browser (issue #18): the pages of the existing
 * crawls, once per language with one login each: `<html lang dir>` right, axe without violations,
 * no text running out of its box at 360 px on the dense pages (element boxes compared), and a
 * form filled with Persian digits accepted.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directionOf } from "../../app/i18n/config";
import { expectNoA11yViolations, launchBrowser, login, newPage, scrollWidth } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";

const PASSWORD = "demo1234";
const PUBLIC_PAGES = ["/", "/login", "/register", "/forgot-password", "/datenschutz", "/raum", "/spenden", "/angebote", "/patenschaften", "/vereine", "/siegel", "/siegel/selbstcheck", "/hilfe"];
// The account's area and each office module's start page (one login).
const OFFICE_PAGES = [
  "/me",
  "/office",
  "/office/organisations",
  "/office/organisations/new",
  "/office/volunteers",
  "/office/households",
  "/office/donations",
  "/office/sponsorships",
  "/office/seal",
  "/office/reports",
  "/office/messages",
  "/office/privacy",
  "/office/import",
  "/office/rooms/requests",
  "/office/hours",
  "/office/certificates",
];
// Dense pages at 360 px: the header with seven language buttons, lists, tables, long forms.
const NARROW_PAGES = ["/", "/login", "/spenden", "/office", "/office/organisations", "/office/organisations/new"];

let server: TestServer;
let browser: Browser;
const started = Date.now();

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  // The time this file adds to CI (reported in the PR).
  console.info(`languages-fa-tr: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** Opens `path` and checks status, `<html lang dir>`, the body's direction and axe. */
async function check(page: Page, lng: string, path: string, status = 200) {
  const res = await page.goto(path, { waitUntil: "networkidle" });
  expect(res?.status(), `${lng} ${path}`).toBe(status);
  const attrs = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, direction: getComputedStyle(document.body).direction }));
  expect(attrs, `${lng} ${path}`).toEqual({ lang: lng, dir: directionOf(lng), direction: directionOf(lng) });
  await expectNoA11yViolations(page, `${path} (${lng})`);
}

/**
 * Text that runs out of its box: for every visible text node, the box of its text (a Range)
 * must lie inside the box of the block that holds it, and inside the viewport unless a
 * horizontally scrolling container (a wide table's wrapper) holds it.
 */
function overflowingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        const x = getComputedStyle(e).overflowX;
        if (x === "auto" || x === "scroll") return true;
      }
      return false;
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim()) continue;
      if (el.closest(".sr-only, .skip-link, script, style, svg, [hidden], details:not([open]) > :not(summary), option, select")) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const text = range.getBoundingClientRect();
      if (!text.width || !text.height) continue;
      let block: Element = el;
      while (block.parentElement && getComputedStyle(block).display.startsWith("inline") && getComputedStyle(block).display !== "inline-block") block = block.parentElement;
      const box = block.getBoundingClientRect();
      const where = `${block.tagName.toLowerCase()}${block.className && typeof block.className === "string" ? `.${block.className.split(" ")[0]}` : ""} "${node.textContent.trim().slice(0, 40)}"`;
      if (text.left < box.left - 1 || text.right > box.right + 1) problems.push(`${where}: text ${Math.round(text.left)}–${Math.round(text.right)} outside its box ${Math.round(box.left)}–${Math.round(box.right)}`);
      else if (!scrolls(el) && (text.left < -1 || text.right > window.innerWidth + 1)) problems.push(`${where}: outside the viewport (${Math.round(text.left)}–${Math.round(text.right)})`);
    }
    return problems;
  });
}

/** The `lng` cookie as the language switcher sets it (Remix cookies: base64 of JSON). */
const languageCookie = (lng: string) => ({ name: "lng", value: encodeURIComponent(Buffer.from(JSON.stringify(lng)).toString("base64")), url: server.baseUrl });
const persian = (s: string) => s.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);

for (const lng of ["fa", "tr"] as const) {
  describe(`${lng}: the crawl`, () => {
    let page: Page;
    beforeAll(async () => {
      const opened = await newPage(browser, server.baseUrl, { locale: lng === "fa" ? "fa-IR" : "tr-TR" });
      await opened.context.addCookies([languageCookie(lng)]);
      page = opened.page;
    });

    it("public pages and the 404 page", { timeout: 300_000 }, async () => {
      for (const path of PUBLIC_PAGES) await check(page, lng, path);
      await check(page, lng, "/gibt-es-nicht", 404);
    });

    it("the switcher names every language in its own language", async () => {
      await page.goto("/", { waitUntil: "networkidle" });
      const names = await page.locator('header button[name="lng"]').allTextContents();
      expect(names).toEqual(["Deutsch", "English", "العربية", "Українська", "فارسی", "Türkçe", "Русский"]);
      expect(await page.locator(`header button[name="lng"][value="${lng}"]`).getAttribute("aria-pressed")).toBe("true");
    });

    it("signed in (one login): own area and office pages", { timeout: 300_000 }, async () => {
      await login(page, "koordination@example.org", PASSWORD);
      for (const path of OFFICE_PAGES) await check(page, lng, path);
    });

    if (lng === "fa") {
      it("a form filled with Persian digits is accepted (postcode, phone)", async () => {
        await page.goto("/office/organisations/new", { waitUntil: "networkidle" });
        await page.locator('input[name="name"]').fill("Nachbarschaftshilfe Anrath");
        await page.locator('select[name="legalForm"]').selectOption("initiative");
        await page.locator('input[name="postalCode"]').fill(persian("47877"));
        await page.locator('input[name="phone"]').fill(persian("02156 123456"));
        await Promise.all([page.waitForURL(/\/office\/organisations\/\d+$/), page.locator("main").locator('button[type="submit"]').last().click()]);
        // The organisation's page, with its form filled from what was stored: Western digits.
        await page.locator("h1", { hasText: "Nachbarschaftshilfe Anrath" }).waitFor();
        expect(await page.locator('main input[name="postalCode"]').inputValue()).toBe("47877");
        expect(await page.locator('main input[name="phone"]').inputValue()).toBe("02156 123456");
      });
    }

    it("at 360 px the dense pages keep every text inside its box and need no horizontal scrolling", { timeout: 120_000 }, async () => {
      await page.setViewportSize({ width: 360, height: 740 });
      for (const path of NARROW_PAGES) {
        await page.goto(path, { waitUntil: "networkidle" });
        expect(await overflowingText(page), `${lng} ${path} at 360 px`).toEqual([]);
        expect(await scrollWidth(page), `${lng} ${path} at 360 px`).toBeLessThanOrEqual(360);
      }
    });
  });
}
