/**
 * Axe (WCAG 2.0/2.1 A + AA) on every page of the volunteers and coverage modules: in German,
 * the main ones in Arabic (right-to-left), with form errors and answers shown, for volunteers,
 * the office and an association member; plus the 360 px layout of the profile step and
 * /me/assignments. The data (assignments, hours, an inspection) is made through the pages.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoA11yViolations, launchBrowser, login, newPage, scrollWidth } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import { berlinToday, chooseContaining, chooseFirst, fill, fillProfile, giveAssignment, languageCookie, PASSWORD, submitIn, texts } from "./volunteers.helpers";

const cov = texts("de", "coverage");
const arCov = texts("ar", "coverage");
const ARABIC = /[\u0600-\u06FF]/;

const TOMASZ = { email: "ehrenamt@example.org", name: "Tomasz Beispiel" };
/** Demo accounts without a profile yet: the profile step. */
const GRETA = "ehrenamt5@example.org";
const SAMIR = "ehrenamt4@example.org";

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const today = berlinToday();
let cityId: number;
let assocId: number;
let tomaszId: string;

async function open(opts: { lng?: "de" | "ar"; as?: string; width?: number } = {}): Promise<Page> {
  const { context, page } = await newPage(browser, server.baseUrl, {
    locale: opts.lng === "ar" ? "ar" : "de-DE",
    ...(opts.width ? { viewport: { width: opts.width, height: 800 } } : {}),
  });
  contexts.push(context);
  if (opts.lng === "ar") await context.addCookies([languageCookie(server.baseUrl, "ar")]);
  if (opts.as) await login(page, opts.as, PASSWORD);
  return page;
}

/** Axe on the page as it is; in Arabic also `<html lang="ar" dir="rtl">` and an Arabic heading. */
async function axe(page: Page, label: string) {
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang === "ar") {
    expect(await page.evaluate(() => document.documentElement.dir), label).toBe("rtl");
    // The heading may be a person's name (the volunteer's record): the page's texts are Arabic.
    expect(await page.locator("main").textContent(), label).toMatch(ARABIC);
  }
  await expectNoA11yViolations(page, `${label} (${lang})`);
}

/** The invalid field `name` (input or select) is marked invalid and described by an element that holds its message. */
async function expectDescribedError(page: Page, name: string) {
  const input = page.locator(`main [name="${name}"]`).first();
  expect(await input.getAttribute("aria-invalid"), `aria-invalid of ${name}`).toBe("true");
  const ids = (await input.getAttribute("aria-describedby"))?.split(" ") ?? [];
  expect(ids.length, `aria-describedby of ${name}`).toBeGreaterThan(0);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  expect(texts.join(" ").trim(), `description of ${name}`).not.toBe("");
}

/** Opens `path`, checks the HTTP status, runs axe. */
async function check(page: Page, path: string, label = path, status = 200) {
  const res = await page.goto(path, { waitUntil: "networkidle" });
  expect(res?.status(), `${label}: HTTP status of ${path}`).toBe(status);
  await axe(page, label);
}

async function logHours(page: Page, activity: string, hours: string) {
  await page.goto("/me/hours", { waitUntil: "networkidle" });
  const form = page.locator('main form[method="post"]');
  const value = await form.locator('select[name="assignmentId"] option').filter({ hasText: activity }).getAttribute("value");
  await form.locator('select[name="assignmentId"]').selectOption(value!);
  await form.locator('input[name="day"]').fill(today);
  await form.locator('input[name="hours"]').fill(hours);
  await form.locator('input[name="note"]').fill("Vorbereitung und Durchführung");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), submitIn(page, form)]);
  await page.waitForLoadState("networkidle");
  await page.locator("main table tbody tr").filter({ hasText: activity }).first().waitFor();
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  // An assignment with minors for the city and one for the association, for the demo volunteer;
  // hours logged on both.
  const office = await open({ as: "koordination@example.org" });
  cityId = await giveAssignment(office, TOMASZ.name, { activity: "Hausaufgabenhilfe Grundschule", organisation: "Stadt Willich", startDay: "2026-01-05", minors: true });
  assocId = await giveAssignment(office, TOMASZ.name, { activity: "Sprachcafé Neersen", organisation: "Arbeitskreis Miteinander", startDay: today });
  await office.goto(`/office/volunteers?q=${encodeURIComponent(TOMASZ.name)}`, { waitUntil: "networkidle" });
  tomaszId = (await office.locator("main table a").filter({ hasText: TOMASZ.name }).getAttribute("href"))!.split("/").pop()!;
  const volunteer = await open({ as: TOMASZ.email });
  await logHours(volunteer, "Hausaufgabenhilfe Grundschule", "2");
  await logHours(volunteer, "Sprachcafé Neersen", "1.5");
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** The registration pages, the volunteer's pages and the office pages in one language. */
function pagesIn(lng: "de" | "ar") {
  describe(`registration (${lng})`, () => {
    it("/mitmachen and /mitmachen/konto (with an error), anonymous", async () => {
      const page = await open({ lng });
      await check(page, "/mitmachen");
      await check(page, "/mitmachen/konto");
      await page.locator('input[name="email"]').fill("keine-adresse");
      await submitIn(page);
      await page.locator('main [aria-invalid="true"]').first().waitFor();
      await axe(page, "/mitmachen/konto with errors");
    });

    it("/mitmachen/profil (with validation errors) and /mitmachen/einwilligung (with errors)", async () => {
      const page = await open({ lng, as: lng === "de" ? GRETA : SAMIR });
      await check(page, "/mitmachen", "/mitmachen, logged in without a profile");
      await check(page, "/mitmachen/profil");
      await page.locator('select[name="languages[0].code"]').selectOption("de");
      await page.locator('input[name="birthYear"]').fill("1800");
      await submitIn(page);
      // The language row's message is tied to its select (aria-invalid, aria-describedby).
      await page.locator('main select[name="languages[0].level"][aria-invalid="true"]').waitFor();
      await expectDescribedError(page, "languages[0].level");
      await expectDescribedError(page, "birthYear");
      await axe(page, "/mitmachen/profil with validation errors");
      await page.locator('input[name="birthYear"]').fill("");
      await fillProfile(page);
      await Promise.all([page.waitForURL((u) => u.pathname === "/mitmachen/einwilligung"), submitIn(page)]);
      await page.waitForLoadState("networkidle");
      await axe(page, "/mitmachen/einwilligung");
      await submitIn(page);
      // The checkboxes are marked invalid and described by their message.
      await page.locator('main input[name="dataConsent"][aria-invalid="true"]').waitFor();
      await expectDescribedError(page, "dataConsent");
      await axe(page, "/mitmachen/einwilligung with errors");
    });
  });

  describe(`the volunteer's pages (${lng})`, () => {
    let page: Page;
    beforeAll(async () => {
      page = await open({ lng, as: TOMASZ.email });
    });

    it("/me", () => check(page, "/me"));
    it("/me/profil, also with validation errors", async () => {
      await check(page, "/me/profil");
      await page.locator('input[name="birthYear"]').fill("1800");
      await page.locator('select[name="languages[2].level"]').selectOption("");
      await submitIn(page);
      await page.locator('main select[name="languages[2].level"][aria-invalid="true"]').waitFor();
      await expectDescribedError(page, "languages[2].level");
      await axe(page, "/me/profil with validation errors");
    });
    it("/me/konto", () => check(page, "/me/konto"));
    it("/me/einwilligungen", () => check(page, "/me/einwilligungen"));
    it("/me/daten, also with the confirmation missing", async () => {
      await check(page, "/me/daten");
      await submitIn(page, 'main form[method="post"]');
      await page.locator('main input[name="confirm"][aria-invalid="true"]').waitFor();
      await expectDescribedError(page, "confirm");
      await axe(page, "/me/daten with an error");
    });
    it("/me/assignments with two assignments", async () => {
      await check(page, "/me/assignments");
      expect(await page.locator("main article").count()).toBe(2);
    });
    it("/me/hours with logged entries and a validation error", async () => {
      await check(page, "/me/hours");
      expect(await page.locator("main table tbody tr").count()).toBeGreaterThan(0);
      const form = page.locator('main form[method="post"]');
      await form.locator('input[name="hours"]').fill("0.1");
      await submitIn(page, form);
      await page.locator('main input[name="hours"][aria-invalid="true"]').waitFor();
      await axe(page, "/me/hours with a validation error");
    });
    it("/me/certificate (an assignment with minors)", () => check(page, "/me/certificate"));
  });

  describe(`association member: the volunteers working with the association (${lng})`, () => {
    let page: Page;
    beforeAll(async () => {
      page = await open({ lng, as: "verein@example.org" });
    });

    it("/verein/volunteers lists the volunteer of the association's assignment; filters", async () => {
      await check(page, "/verein/volunteers");
      expect(await page.locator(`main a[href="/verein/volunteers/${tomaszId}"]`).count()).toBe(1);
      await check(page, "/verein/volunteers?q=niemand-heisst-so&skill=koch", "/verein/volunteers without a result");
    });
    it("/verein/volunteers/$id shows the record without certificate data; another volunteer is not found", async () => {
      await check(page, `/verein/volunteers/${tomaszId}`, "/verein/volunteers/$id");
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).toContain("Sprachcafé Neersen");
      expect(text).not.toContain("Hausaufgabenhilfe Grundschule");
      const res = await page.goto("/verein/volunteers/unknown000000", { waitUntil: "networkidle" });
      expect(res?.status()).toBe(404);
    });
    it("the office's list stays closed to members", async () => {
      const res = await page.goto("/office/volunteers");
      expect(res?.status()).toBe(403);
    });
  });

  describe(`the office (${lng})`, () => {
    let page: Page;
    beforeAll(async () => {
      page = await open({ lng, as: "koordination@example.org" });
    });

    it("/office/volunteers, with filters, and with no result", async () => {
      await check(page, "/office/volunteers");
      await check(page, `/office/volunteers?q=Tomasz&status=active&districtId=2&language=pl&fieldId=5&skill=fahrrad%20reparieren`, "/office/volunteers with filters");
      expect(await page.locator("main table tbody tr").count()).toBe(1);
      await check(page, "/office/volunteers?q=niemand-heisst-so", "/office/volunteers without a result");
    });
    it("/office/volunteers with the cover, certificate and Ehrenamtskarte filters", async () => {
      // Tomasz works for the city (since January) and the association (since today): covered today.
      await check(page, `/office/volunteers?q=Tomasz&cover=yes&skill=${encodeURIComponent("reparier")}`, "/office/volunteers covered today");
      expect(await page.locator("main table tbody tr").filter({ hasText: TOMASZ.name }).count()).toBe(1);
      await check(page, "/office/volunteers?q=Tomasz&cover=no", "/office/volunteers not covered today");
      expect(await page.locator("main table tbody tr").filter({ hasText: TOMASZ.name }).count()).toBe(0);
      await check(page, "/office/volunteers?certificate=missing&karte=no", "/office/volunteers by certificate state and Ehrenamtskarte");
      await check(page, "/office/volunteers?certificate=notNeeded&cover=no&page=2", "/office/volunteers, second page of a filter");
    });
    it("/office/volunteers/$id, also with a form error", async () => {
      await check(page, `/office/volunteers/${tomaszId}`, "/office/volunteers/$id");
      const form = page.locator('main form:has(input[name="intent"][value="status"])');
      await submitIn(page, form);
      await form.locator('[aria-invalid="true"]').first().waitFor();
      await axe(page, "/office/volunteers/$id with a form error");
    });
    it("/office/assignments, also filtered", async () => {
      await check(page, "/office/assignments");
      await check(page, "/office/assignments?minors=1", "/office/assignments filtered");
    });
    it("/office/assignments/new: empty, with search results, with a form error", async () => {
      await check(page, "/office/assignments/new");
      await check(page, `/office/assignments/new?q=${encodeURIComponent("Tomasz")}`, "/office/assignments/new with search results");
      await check(page, `/office/assignments/new?volunteerId=${tomaszId}`, "/office/assignments/new for a volunteer");
      await page.locator('main input[name="activity"]').fill("Begleitung");
      await page.locator('main input[name="startDay"]').fill("2026-05-10");
      await chooseFirst(page, "fieldOfActionId");
      await chooseContaining(page, "organisationId", "Stadt Willich");
      await page.locator('main input[name="documentRef"]').fill("Vereinbarung 7");
      await page.locator('main input[name="endDay"]').fill("2026-05-01");
      await submitIn(page, 'main form[method="post"]');
      await page.locator('main input[name="endDay"][aria-invalid="true"]').waitFor();
      await axe(page, "/office/assignments/new with a form error");
    });
    it("/office/assignments/$id: a correction is saved (the inputs belong to their form), also a date-like reference", async () => {
      await check(page, `/office/assignments/${cityId}`, "/office/assignments/$id");
      const update = page.locator('main form:has(input[name="intent"][value="update"])');
      await update.locator('input[name="documentRef"]').fill("2026-02-30");
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.status() < 400), submitIn(page, update)]);
      await page.waitForLoadState("networkidle");
      await page.locator("main dd").filter({ hasText: "2026-02-30" }).first().waitFor();
      await axe(page, "/office/assignments/$id after a correction");
    });
    it("/office/assignments/$id/close: the confirmation step, also with an error", async () => {
      await check(page, `/office/assignments/${cityId}/close`, "/office/assignments/$id/close");
      const close = page.locator('main form:has(input[name="intent"][value="close"])');
      await submitIn(page, close);
      await close.locator('[aria-invalid="true"]').first().waitFor();
      await axe(page, "/office/assignments/$id/close with an error");
    });
    it("/office/assignments/helpers, with rows and with a bad day", async () => {
      await check(page, `/office/assignments/helpers?day=${today}`, "/office/assignments/helpers");
      expect(await page.locator("main table tbody tr").count()).toBeGreaterThan(0);
      await check(page, "/office/assignments/helpers?day=2026-02-31", "/office/assignments/helpers with a bad day", 400);
    });
    it("/office/coverage: empty, a yes answer, a no answer", async () => {
      await check(page, "/office/coverage");
      await check(page, `/office/coverage?q=Tomasz`, "/office/coverage with search results");
      await check(page, `/office/coverage?q=Tomasz&volunteerId=${tomaszId}&day=${today}`, "/office/coverage answer yes");
      await check(page, `/office/coverage?q=Tomasz&volunteerId=${tomaszId}&day=2025-12-01`, "/office/coverage answer no");
      await check(page, `/office/coverage?q=Tomasz&volunteerId=${tomaszId}&day=2025-13-01`, "/office/coverage with an error", 400);
      // Checked from a search with several hits (a client-side navigation): the answer narrows the
      // select to the one volunteer, who stays chosen (not "Bitte wählen"), so the check can be
      // asked again for another day (issue #15, options keyed by value).
      await page.goto("/office/coverage?q=example", { waitUntil: "networkidle" });
      const volunteer = page.locator('main select[name="volunteerId"]');
      const picked = (await volunteer.locator("option").allTextContents())[3];
      expect(picked).toBeTruthy();
      await volunteer.selectOption({ label: picked });
      await Promise.all([page.waitForURL(/volunteerId=/), volunteer.locator("xpath=ancestor::form").locator('button[type="submit"]').click()]);
      await expect.poll(() => volunteer.locator("option").count()).toBe(2);
      expect(await volunteer.locator("option:checked").textContent()).toBe(picked);
    });
    it("/office/certificates with a form error", async () => {
      await check(page, "/office/certificates");
      await submitIn(page, 'main form[method="post"]');
      await page.locator('main [aria-invalid="true"]').first().waitFor();
      await axe(page, "/office/certificates with a form error");
    });
    it("/office/hours, also with a rejection without a reason", async () => {
      await check(page, "/office/hours");
      const row = page.locator("main table tbody tr").first();
      await submitIn(page, row.locator('form:has(input[name="intent"][value="reject"])'));
      // The entry's decision page answers with the message next to the reason field.
      await page.waitForURL(/\/office\/hours\/\d+\/decide/);
      await page.locator('main [aria-invalid="true"], main .mantine-InputWrapper-error').first().waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/office\/hours\/\d+\/decide$/);
      await axe(page, "/office/hours/:id/decide with an error");
    });
    it("/office/ehrenamtskarte, eligible only and all", async () => {
      await check(page, "/office/ehrenamtskarte");
      await check(page, "/office/ehrenamtskarte?all=1", "/office/ehrenamtskarte all");
    });
  });
}

pagesIn("de");

describe("office actions that change data (de)", () => {
  it("records an inspection (after a too old certificate is refused); the volunteer's certificate page shows it", async () => {
    const page = await open({ as: "koordination@example.org" });
    await page.goto("/office/certificates", { waitUntil: "networkidle" });
    const form = page.locator('main form[method="post"]');
    await chooseContaining(page, "volunteerId", TOMASZ.name);
    await form.locator('input[name="certificateDate"]').fill("2025-01-10");
    await submitIn(page, form);
    await page.locator('main input[name="certificateDate"][aria-invalid="true"]').waitFor();
    expect(await page.locator("main").textContent()).toContain(fill(cov.errors.certificateTooOld, { months: 3 }));
    await axe(page, "/office/certificates with a too old certificate");
    await form.locator('input[name="certificateDate"]').fill(today);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), submitIn(page, form)]);
    await expect.poll(() => page.locator("main table tbody tr").filter({ hasText: TOMASZ.name }).count()).toBe(1);
    await axe(page, "/office/certificates with a record");

    const volunteer = await open({ as: TOMASZ.email });
    await check(volunteer, "/me/certificate", "/me/certificate with an inspection");
    expect(await volunteer.locator("main").textContent()).not.toContain(cov.me.certificateStates.none);
  });

  it("confirms hours; the totals show on /me/hours", async () => {
    const page = await open({ as: "koordination@example.org" });
    await page.goto("/office/hours", { waitUntil: "networkidle" });
    const row = page.locator("main table tbody tr").filter({ hasText: "Hausaufgabenhilfe Grundschule" }).first();
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), submitIn(page, row.locator('form:has(input[name="intent"][value="confirm"])'))]);
    await page.waitForLoadState("networkidle");
    await check(page, "/office/hours?status=confirmed", "/office/hours confirmed");
    const volunteer = await open({ as: TOMASZ.email });
    await check(volunteer, "/me/hours", "/me/hours with confirmed hours");
    expect(await volunteer.locator("main").textContent()).toContain(cov.me.totals);
  });
});

describe("association member (de)", () => {
  let page: Page;
  beforeAll(async () => {
    page = await open({ as: "verein@example.org" });
  });

  it("/office/assignments shows the association's assignment only", async () => {
    await check(page, "/office/assignments");
    expect(await page.locator(`main a[href="/office/assignments/${assocId}"]`).count()).toBeGreaterThan(0);
    expect(await page.locator(`main a[href="/office/assignments/${cityId}"]`).count()).toBe(0);
  });
  it("/office/assignments/$id of the association; the city's is not found", async () => {
    await check(page, `/office/assignments/${assocId}`, "/office/assignments/$id (association)");
    const res = await page.goto(`/office/assignments/${cityId}`);
    expect(res?.status()).toBe(404);
  });
  it("/office/assignments/helpers", () => check(page, `/office/assignments/helpers?day=${today}`, "/office/assignments/helpers (association)"));
  it("/office/hours with the association's hours to confirm", async () => {
    await check(page, "/office/hours", "/office/hours (association)");
    expect(await page.locator("main table tbody tr").filter({ hasText: "Sprachcafé Neersen" }).count()).toBe(1);
    expect(await page.locator("main table tbody tr").filter({ hasText: "Hausaufgabenhilfe" }).count()).toBe(0);
  });
});

pagesIn("ar");

describe("Arabic texts on /me/assignments", () => {
  it("the cover is explained in Arabic", async () => {
    const page = await open({ lng: "ar", as: TOMASZ.email });
    await check(page, "/me/assignments");
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain(arCov.basis.city.accident);
    expect(text).toContain(arCov.basis.association.accident);
  });
});

describe("360 px wide: no horizontal scrolling", () => {
  for (const lng of ["de", "ar"] as const) {
    it(`/mitmachen/profil and /me/assignments (${lng})`, async () => {
      // ehrenamt6 has an account without a profile (and keeps it so: only an invalid submit here).
      const join = await open({ lng, width: 360, as: "ehrenamt6@example.org" });
      await join.goto("/mitmachen/profil", { waitUntil: "networkidle" });
      expect(new URL(join.url()).pathname).toBe("/mitmachen/profil");
      expect(await scrollWidth(join), `/mitmachen/profil at 360 px (${lng})`).toBeLessThanOrEqual(360);
      await join.locator('select[name="languages[0].code"]').selectOption("de");
      await submitIn(join);
      await join.locator('main [role="alert"], main [aria-invalid="true"]').first().waitFor();
      expect(await scrollWidth(join), `/mitmachen/profil with errors at 360 px (${lng})`).toBeLessThanOrEqual(360);
      await axe(join, "/mitmachen/profil with errors at 360 px");
      const me = await open({ lng, width: 360, as: TOMASZ.email });
      await me.goto("/me/assignments", { waitUntil: "networkidle" });
      expect(await me.locator("main article").count()).toBe(2);
      expect(await scrollWidth(me), `/me/assignments at 360 px (${lng})`).toBeLessThanOrEqual(360);
      await axe(me, "/me/assignments at 360 px");
    });
  }
});
