/**
 * Languages in the browser: the switcher (a plain form), the `lng` cookie and Accept-Language
 * decide the language; `<html lang dir>` comes from the server and Arabic renders
 * right-to-left, forms and tables included.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDaysToDay, berlinDay, berlinToInstant, weekdayOfDay } from "../../app/utils/dates";
import { createDatabase } from "../../db/database";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";

const deCommon = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../app/i18n/locales/de/common.json"), "utf8"));
const ARABIC = /[\u0600-\u06FF]/;
const CYRILLIC = /[\u0400-\u04FF]/;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const htmlAttrs = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, direction: getComputedStyle(document.body).direction }));

/** Clicks the switcher button for `lng` (a form POST to /set-language) and waits for the reload. */
async function switchTo(page: Page, lng: string) {
  const before = page.url();
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/set-language") && r.request().method() === "POST"),
    page.locator(`header button[name="lng"][value="${lng}"]`).click(),
  ]);
  await page.waitForLoadState("networkidle");
  expect(page.url()).toBe(before);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lng);
}

/** The `lng` cookie as the server writes it (Remix cookies are base64-encoded JSON). */
function languageCookie(lng: string) {
  return { name: "lng", value: encodeURIComponent(Buffer.from(JSON.stringify(lng)).toString("base64")), url: server.baseUrl };
}

describe("language switcher", () => {
  it("switches German → Arabic (rtl) → Ukrainian → English and keeps the page", async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    await page.goto("/login", { waitUntil: "networkidle" });
    expect(await htmlAttrs(page)).toEqual({ lang: "de", dir: "ltr", direction: "ltr" });
    const germanTitle = await page.locator("h1").textContent();
    expect(await page.locator('header button[name="lng"][value="de"]').getAttribute("aria-pressed")).toBe("true");

    await switchTo(page, "ar");
    expect(await htmlAttrs(page)).toEqual({ lang: "ar", dir: "rtl", direction: "rtl" });
    expect(await page.locator("h1").textContent()).toMatch(ARABIC);
    expect(await page.locator('header button[name="lng"][value="ar"]').getAttribute("aria-pressed")).toBe("true");
    // The form renders right-to-left: inputs and labels run rtl, the label starts at the right.
    const input = page.locator('input[name="email"]');
    expect(await input.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    const label = page.locator(`label[for="${await input.getAttribute("id")}"]`);
    const labelBox = (await label.boundingBox())!;
    const inputBox = (await input.boundingBox())!;
    expect(Math.abs(labelBox.x + labelBox.width - (inputBox.x + inputBox.width))).toBeLessThan(4);
    expect(labelBox.x).toBeGreaterThan(inputBox.x + 20);
    await expectNoA11yViolations(page, "login (ar)");

    await switchTo(page, "uk");
    expect(await htmlAttrs(page)).toEqual({ lang: "uk", dir: "ltr", direction: "ltr" });
    expect(await page.locator("h1").textContent()).toMatch(CYRILLIC);
    await expectNoA11yViolations(page, "login (uk)");

    await switchTo(page, "en");
    expect(await htmlAttrs(page)).toEqual({ lang: "en", dir: "ltr", direction: "ltr" });
    const englishTitle = await page.locator("h1").textContent();
    expect(englishTitle).not.toBe(germanTitle);
    expect(englishTitle).not.toMatch(ARABIC);
    expect(englishTitle).not.toMatch(CYRILLIC);
    await expectNoA11yViolations(page, "login (en)");

    // The choice is kept in the cookie for the next page.
    await page.goto("/register", { waitUntil: "networkidle" });
    expect((await htmlAttrs(page)).lang).toBe("en");

    await switchTo(page, "de");
    expect(await page.locator("h1").textContent()).not.toBe(englishTitle);
    await context.close();
  });
});

describe("language detection", () => {
  it("takes the lng cookie (ar) before Accept-Language, and renders tables rtl", async () => {
    const { context, page } = await newPage(browser, server.baseUrl, { locale: "uk-UA" });
    await context.addCookies([languageCookie("ar")]);
    await page.goto("/", { waitUntil: "networkidle" });
    expect(await htmlAttrs(page)).toEqual({ lang: "ar", dir: "rtl", direction: "rtl" });

    await login(page, "koordination@example.org", "demo1234");
    await page.goto("/office/organisations", { waitUntil: "networkidle" });
    expect(await htmlAttrs(page)).toEqual({ lang: "ar", dir: "rtl", direction: "rtl" });
    const table = page.locator("main table").first();
    expect(await table.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    // Columns run from right to left: the first header cell is the rightmost one.
    const headers = table.locator("thead th");
    const first = (await headers.nth(0).boundingBox())!;
    const second = (await headers.nth(1).boundingBox())!;
    expect(first.x).toBeGreaterThan(second.x);
    expect(await headers.nth(0).evaluate((el) => getComputedStyle(el).textAlign)).toMatch(/^(start|right)$/);
    await expectNoA11yViolations(page, "organisations (ar)");

    // A wrong password gives the Arabic error message.
    const { context: anon, page: other } = await newPage(browser, server.baseUrl);
    await anon.addCookies([languageCookie("ar")]);
    await other.goto("/login", { waitUntil: "networkidle" });
    await other.locator('input[name="email"]').fill("ehrenamt@example.org");
    await other.locator('input[name="password"]').fill("falsch-falsch");
    await other.locator("main").locator('button[type="submit"]').click();
    await expect.poll(() => other.locator("main form [role=alert]").textContent()).toMatch(ARABIC);
    expect(await other.locator("main form [role=alert]").textContent()).not.toBe(deCommon.errors.invalidCredentials);
    await anon.close();
    await context.close();
  });

  it("falls back to Accept-Language without a cookie (uk), and to German for other languages", async () => {
    const uk = await newPage(browser, server.baseUrl, { locale: "uk-UA" });
    await uk.page.goto("/", { waitUntil: "networkidle" });
    expect(await htmlAttrs(uk.page)).toEqual({ lang: "uk", dir: "ltr", direction: "ltr" });
    await uk.context.close();

    const fr = await newPage(browser, server.baseUrl, { locale: "fr-FR" });
    await fr.page.goto("/", { waitUntil: "networkidle" });
    expect((await htmlAttrs(fr.page)).lang).toBe("de");
    await fr.context.close();
  });
});

describe("digits typed on a Persian or Arabic keyboard (issue #18)", () => {
  it("are taken by number fields on a Persian and on a German page, and read as Western digits while typing", async () => {
    for (const lng of ["fa", "de"]) {
      const { context, page } = await newPage(browser, server.baseUrl, { locale: lng === "fa" ? "fa-IR" : "de-DE" });
      await context.addCookies([languageCookie(lng)]);
      await page.goto("/raum", { waitUntil: "networkidle" });
      const room = await page.locator('main a[href^="/raum/"]').first().getAttribute("href");
      await page.goto(`${room!.replace(/\/$/, "")}/anfragen`, { waitUntil: "networkidle" });
      const attendees = page.locator('main input[name="attendees"]');
      expect(await attendees.getAttribute("inputmode")).toBe("numeric");
      // A number field (`type="number"`) would keep nothing of these in Firefox, and in Chromium
      // only the page language's own digits.
      await attendees.pressSequentially("۱۲");
      expect(await attendees.inputValue(), lng).toBe("12");
      await attendees.fill("");
      await attendees.pressSequentially("١٥");
      expect(await attendees.inputValue(), lng).toBe("15");
      await page.locator('main input[name="startTime"]').pressSequentially("۱۸:۳۰");
      await page.locator('main input[name="startTime"]').blur();
      expect(await page.locator('main input[name="startTime"]').inputValue(), lng).toBe("18:30");
      await context.close();
    }
  });

  it("are taken by date and time fields on a Persian page (text fields, typed with the keyboard, also day first) and stored as ISO day and time; a German page keeps the date picker", async () => {
    const { db } = createDatabase(server.databasePath);
    try {
      const roomId = (await db.selectFrom("room").select("id").where("name", "=", "Gruppenraum Niersweg").executeTakeFirstOrThrow()).id;
      // A weekday four weeks ahead (inside the room's lead time and horizon, outside its weekend hours).
      let day = addDaysToDay(berlinDay(new Date()), 27);
      while (weekdayOfDay(day) > 5) day = addDaysToDay(day, 1);
      const persian = (s: string) => s.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
      const email = "parisa.datum@example.org";

      const { context, page } = await newPage(browser, server.baseUrl, { locale: "fa-IR" });
      await context.addCookies([languageCookie("fa")]);
      await page.goto(`/raum/${roomId}/anfragen`, { waitUntil: "networkidle" });
      const main = page.locator("main");
      const dayField = main.locator('input[name="day"]');
      expect(await dayField.getAttribute("type")).toBe("text");
      expect(await dayField.getAttribute("inputmode")).toBe("numeric");
      const hintId = (await dayField.getAttribute("aria-describedby"))!.split(" ")[0];
      expect(await page.locator(`[id="${hintId}"]`).textContent()).toContain("۲۰۲۶-۱۲-۱۸");
      // Typed key by key, as a Persian keyboard sends them (a browser date field would keep none).
      await dayField.pressSequentially(persian(day));
      expect(await dayField.inputValue()).toBe(day);
      // In the German order (day first, year last), read as the ISO day when the field is left.
      const [y, m, d] = day.split("-");
      await dayField.fill("");
      await dayField.pressSequentially(persian(`${d}.${m}.${y}`));
      await main.locator('input[name="startTime"]').focus();
      expect(await dayField.inputValue()).toBe(day);
      // The time fields have one hint each, the format hint in Persian digits (not the room's own "18:00").
      const startHint = (await main.locator('input[name="startTime"]').getAttribute("aria-describedby"))!.split(" ").filter(Boolean);
      const hintTexts = await Promise.all(startHint.map((id) => page.locator(`[id="${id}"]`).textContent()));
      expect(hintTexts.join(" ")).toContain("۱۸:۳۰");
      expect(hintTexts.join(" ")).not.toContain("18:00");
      await main.locator('input[name="startTime"]').pressSequentially("١٨:٠٠"); // Arabic-Indic
      await main.locator('input[name="endTime"]').pressSequentially("۲۰:۰۰"); // Persian
      expect(await main.locator('input[name="startTime"]').inputValue()).toBe("18:00");
      await main.locator('input[name="name"]').fill("Parisa Beispiel");
      await main.locator('input[name="email"]').fill(email);
      await main.locator('textarea[name="purpose"]').fill("کلاس زبان");
      await main.locator('input[name="attendees"]').pressSequentially("۱۲");
      await main.locator('input[name="responsibleAdult"]').fill("Parisa Beispiel");
      await main.locator('input[name="acceptRules"]').check();
      await Promise.all([page.waitForURL(/gesendet=1/), main.locator('button[type="submit"]:not([name="intent"])').click()]);
      await context.close();
      const booking = await db.selectFrom("booking").select(["starts_at", "ends_at", "attendees"]).where("contact_email", "=", email).executeTakeFirstOrThrow();
      expect(booking).toEqual({ starts_at: berlinToInstant(day, "18:00").toISOString(), ends_at: berlinToInstant(day, "20:00").toISOString(), attendees: 12 });

      const de = await newPage(browser, server.baseUrl, { locale: "de-DE" });
      await de.context.addCookies([languageCookie("de")]);
      await de.page.goto(`/raum/${roomId}/anfragen`, { waitUntil: "networkidle" });
      expect(await de.page.locator('main input[name="day"]').getAttribute("type")).toBe("date");
      await de.context.close();
    } finally {
      await db.destroy();
    }
  });
});
