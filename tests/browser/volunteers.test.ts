/**
 * Issue 3 in a real browser against the production build: a new person registers as a
 * volunteer through /mitmachen (account → verification mail from the loopback SMTP server →
 * login → profile → consents), the office finds them, records the intake and gives them an
 * assignment for the city; the volunteer sees the assignment and its cover in plain words and
 * downloads the confirmation PDF. The same in Arabic (right-to-left). Axe runs on every page
 * reached. The profile step and the hours form also work without JavaScript.
 */
import fs from "node:fs";
import type { Browser, BrowserContext, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import {
  berlinToday,
  chooseFirst,
  expectPdf,
  fillProfile,
  giveAssignment,
  languageCookie,
  PASSWORD,
  registerThroughJoin,
  submitAndWait,
  submitIn,
  texts,
} from "./volunteers.helpers";

const common = texts("de", "common");
const vol = texts("de", "volunteers");
const cov = texts("de", "coverage");
const arVol = texts("ar", "volunteers");
const arCov = texts("ar", "coverage");
const ARABIC = /[\u0600-\u06FF]/;

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function open(options: Parameters<typeof newPage>[2] = {}): Promise<Page> {
  const { context, page } = await newPage(browser, server.baseUrl, options);
  contexts.push(context);
  return page;
}

const status = (page: Page, text: string) => expect.poll(() => page.getByRole("status").filter({ hasText: text }).count()).toBeGreaterThan(0);

/** The office: find `name` in /office/volunteers, schedule and record the intake, set active. Returns the user id. */
async function intake(office: Page, name: string, axe: boolean): Promise<string> {
  const a11y = (label: string) => (axe ? expectNoA11yViolations(office, label) : Promise.resolve());
  await office.goto(`/office/volunteers?q=${encodeURIComponent(name)}&status=registered`, { waitUntil: "networkidle" });
  expect(await office.locator('main select[name="status"]').inputValue()).toBe("registered");
  await a11y("/office/volunteers filtered by name and status");
  const row = office.locator("main table a").filter({ hasText: name });
  expect(await row.count()).toBe(1);
  await Promise.all([office.waitForURL((u) => /^\/office\/volunteers\/[a-z0-9]+$/.test(u.pathname)), row.click()]);
  await office.waitForLoadState("networkidle");
  const userId = new URL(office.url()).pathname.split("/").pop()!;
  await expect.poll(() => office.locator("main h1").textContent()).toBe(name);
  await a11y("/office/volunteers/$id");

  // A status change without a target status: field message, nothing changed.
  const statusForm = office.locator('main form:has(input[name="intent"][value="status"])');
  await submitIn(office, statusForm);
  await statusForm.locator('[aria-invalid="true"]').first().waitFor();
  await a11y("/office/volunteers/$id with a form error");

  const today = berlinToday();
  const before = server.smtp.received.length;
  const schedule = office.locator('main form:has(input[name="intent"][value="schedule-intake"])');
  await schedule.locator('input[name="intakeOn"]').fill(today);
  await submitAndWait(office, schedule);
  await status(office, common.flash.saved);
  await expect.poll(() => office.locator("main").textContent()).toContain(vol.status.intake_scheduled);
  const record = office.locator('main form:has(input[name="intent"][value="record-intake"])');
  await record.locator('input[name="intakeOn"]').fill(today);
  await record.locator('textarea[name="notes"]').fill("Erstgespräch geführt; möchte Deutsch üben.");
  await submitAndWait(office, record);
  const change = office.locator('main form:has(input[name="intent"][value="status"])');
  await change.locator('select[name="to"]').selectOption("active");
  await change.locator('textarea[name="reason"]').fill("Erstgespräch geführt");
  await submitAndWait(office, change);
  await expect.poll(() => office.locator("main .mantine-Badge-root").first().textContent()).toBe(vol.status.active);
  await a11y("/office/volunteers/$id after the intake");
  // Scheduling the intake told the volunteer (outbox → SMTP).
  const mail = await waitForMail(before, (m) => m.to.length > 0 && m.to[0] !== "koordination@example.org");
  expect(mail).toBeTruthy();
  return userId;
}

async function waitForMail(before: number, match: (m: TestServer["smtp"]["received"][number]) => boolean) {
  const start = Date.now();
  for (;;) {
    const m = server.smtp.received.slice(before).find(match);
    if (m) return m;
    if (Date.now() - start > 20_000) throw new Error(`expected mail did not arrive:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Clicks a download link and checks the downloaded file; also checks the headers. */
async function downloadPdf(page: Page, linkText: string): Promise<void> {
  const link = page.locator("main a").filter({ hasText: linkText }).first();
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/^\/me\/assignments\/\d+\/confirmation\.pdf$/);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^einsatz-\d+\.pdf$/);
  const file = fs.readFileSync((await download.path())!);
  expect(file.subarray(0, 4).toString("latin1")).toBe("%PDF");
  expect(file.length).toBeGreaterThan(2000);
  await expectPdf(page, href);
}

describe("German: register → intake → assignment for the city → confirmation PDF", () => {
  const stamp = Date.now();
  const person = { name: "Mira Neuling", email: `mira.${stamp}@example.org`, password: "ein-gutes-Passwort-42" };
  const activity = `Sprachcafé Begleitung ${stamp}`;
  let volunteer: Page;
  let office: Page;

  it("registers through /mitmachen: account, mail link, login, profile (with errors first), consents", async () => {
    volunteer = await open();
    await registerThroughJoin(volunteer, server, person, (label) => expectNoA11yViolations(volunteer, label));
    expect(await volunteer.locator('input[name="name"]').inputValue()).toBe(person.name);
    await expectNoA11yViolations(volunteer, "/mitmachen/profil");

    // Errors: a language without a level, a birth year out of range, no district.
    await volunteer.locator('select[name="languages[0].code"]').selectOption("de");
    await volunteer.locator('input[name="birthYear"]').fill("1800");
    await submitIn(volunteer);
    await expect.poll(() => volunteer.getByText(vol.errors.levelRequired).count()).toBeGreaterThan(0);
    expect(new URL(volunteer.url()).pathname).toBe("/mitmachen/profil");
    await expectNoA11yViolations(volunteer, "/mitmachen/profil with validation errors");

    await volunteer.locator('input[name="birthYear"]').fill("1990");
    await fillProfile(volunteer);
    await Promise.all([volunteer.waitForURL((u) => u.pathname === "/mitmachen/einwilligung"), submitIn(volunteer)]);
    await volunteer.waitForLoadState("networkidle");
    await expectNoA11yViolations(volunteer, "/mitmachen/einwilligung");

    // Without ticking: both messages, still on the step.
    await submitIn(volunteer);
    await expect.poll(() => volunteer.getByText(vol.errors.consentRequired).count()).toBe(1);
    expect(await volunteer.getByText(vol.errors.confidentialityRequired).count()).toBe(1);
    // Each checkbox is marked invalid and described by its message.
    for (const [name, message] of [["dataConsent", vol.errors.consentRequired], ["confidentiality", vol.errors.confidentialityRequired]]) {
      const box = volunteer.locator(`main input[name="${name}"]`);
      expect(await box.getAttribute("aria-invalid")).toBe("true");
      expect(await volunteer.locator(`[id="${await box.getAttribute("aria-describedby")}"]`).textContent()).toBe(message);
    }
    await expectNoA11yViolations(volunteer, "/mitmachen/einwilligung with errors");

    await volunteer.locator('input[name="dataConsent"]').check();
    await volunteer.locator('input[name="confidentiality"]').check();
    await Promise.all([volunteer.waitForURL((u) => u.pathname === "/me"), submitIn(volunteer)]);
    await status(volunteer, common.flash.volunteerRegistered);
    await expect.poll(() => volunteer.locator("main").textContent()).toContain(vol.status.registered);
    await expectNoA11yViolations(volunteer, "/me after registering");

    // The steps are done: /mitmachen says so and /mitmachen/profil leads to /me.
    await volunteer.goto("/mitmachen/profil", { waitUntil: "networkidle" });
    expect(new URL(volunteer.url()).pathname).toBe("/me");
  });

  it("the office finds them in /office/volunteers, schedules and records the intake and sets them active", async () => {
    office = await open();
    await login(office, "koordination@example.org", PASSWORD);
    await intake(office, person.name, true);
  });

  it("the office gives them an assignment for the city (an error first)", async () => {
    await office.goto(`/office/assignments/new?q=${encodeURIComponent("Mira")}`, { waitUntil: "networkidle" });
    await expectNoA11yViolations(office, "/office/assignments/new with search results");
    await office.locator("main li a").filter({ hasText: person.name }).first().click();
    await office.locator('main input[name="activity"]').waitFor();
    await office.waitForLoadState("networkidle");
    await submitIn(office, 'main form[method="post"]');
    await office.locator('main [aria-invalid="true"]').first().waitFor();
    await expectNoA11yViolations(office, "/office/assignments/new with errors");

    const id = await giveAssignment(office, person.name, { activity, organisation: "Stadt Willich", startDay: berlinToday() });
    await status(office, common.flash.saved);
    expect(await office.locator("main").textContent()).toContain(activity);
    await expectNoA11yViolations(office, "/office/assignments/$id");

    await office.goto("/office/assignments", { waitUntil: "networkidle" });
    expect(await office.locator(`main a[href="/office/assignments/${id}"]`).count()).toBeGreaterThan(0);
    await expectNoA11yViolations(office, "/office/assignments");
  });

  it("the volunteer sees the assignment and its cover in plain words and downloads the confirmation PDF", async () => {
    await volunteer.goto("/me", { waitUntil: "networkidle" });
    expect(await volunteer.locator("main").textContent()).toContain(vol.status.active);
    await volunteer.goto("/me/assignments", { waitUntil: "networkidle" });
    const card = volunteer.locator("main article").filter({ hasText: activity });
    expect(await card.count()).toBe(1);
    const text = (await card.textContent()) ?? "";
    expect(text).toContain(cov.basis.city.accident);
    expect(text).toContain(cov.basis.city.liability);
    expect(text).toContain(cov.me.coveredToday);
    expect(await volunteer.locator("main").textContent()).toContain(cov.check.yes);
    await expectNoA11yViolations(volunteer, "/me/assignments");
    await downloadPdf(volunteer, cov.pdf.confirmation);
  });
});

describe("Arabic: the volunteer's side right-to-left, axe clean", () => {
  const stamp = Date.now();
  const person = { name: "Layla Haddad", email: `layla.${stamp}@example.org`, password: "kalimat-sirr-2026" };
  const activity = `Lesepatenschaft ${stamp}`;
  let volunteer: Page;

  const rtl = async (page: Page, label: string) => {
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), label).toEqual(["ar", "rtl"]);
    expect(await page.locator("h1").first().textContent(), label).toMatch(ARABIC);
    await expectNoA11yViolations(page, `${label} (ar)`);
  };

  it("registers through /mitmachen in Arabic", async () => {
    const { context, page } = await newPage(browser, server.baseUrl, { locale: "ar" });
    contexts.push(context);
    await context.addCookies([languageCookie(server.baseUrl, "ar")]);
    volunteer = page;
    await registerThroughJoin(volunteer, server, person, (label) => rtl(volunteer, label));
    await rtl(volunteer, "/mitmachen/profil");

    await volunteer.locator('select[name="languages[0].code"]').selectOption("ar");
    await submitIn(volunteer);
    await expect.poll(() => volunteer.getByText(arVol.errors.levelRequired).count()).toBeGreaterThan(0);
    await rtl(volunteer, "/mitmachen/profil with validation errors");

    await fillProfile(volunteer);
    await volunteer.locator('select[name="languages[0].code"]').selectOption("ar");
    await volunteer.locator('select[name="languages[0].level"]').selectOption("native");
    await volunteer.locator('select[name="languages[1].code"]').selectOption("de");
    await Promise.all([volunteer.waitForURL((u) => u.pathname === "/mitmachen/einwilligung"), submitIn(volunteer)]);
    await volunteer.waitForLoadState("networkidle");
    await rtl(volunteer, "/mitmachen/einwilligung");
    await submitIn(volunteer);
    await expect.poll(() => volunteer.getByText(arVol.errors.consentRequired).count()).toBe(1);
    await rtl(volunteer, "/mitmachen/einwilligung with errors");
    await volunteer.locator('input[name="dataConsent"]').check();
    await volunteer.locator('input[name="confidentiality"]').check();
    await Promise.all([volunteer.waitForURL((u) => u.pathname === "/me"), submitIn(volunteer)]);
    await volunteer.waitForLoadState("networkidle");
    await expect.poll(() => volunteer.locator("main").textContent()).toContain(arVol.status.registered);
    await rtl(volunteer, "/me");
  });

  it("the office (German) records the intake and gives an assignment; the volunteer reads it in Arabic and downloads the PDF", async () => {
    const office = await open();
    await login(office, "koordination@example.org", PASSWORD);
    await intake(office, person.name, false);
    await giveAssignment(office, person.name, { activity, organisation: "Stadt Willich", startDay: berlinToday() });

    await volunteer.goto("/me/assignments", { waitUntil: "networkidle" });
    const card = volunteer.locator("main article").filter({ hasText: activity });
    expect(await card.count()).toBe(1);
    const text = (await card.textContent()) ?? "";
    expect(text).toContain(arCov.basis.city.accident);
    expect(text).toContain(arCov.basis.city.liability);
    expect(text).toContain(arCov.me.coveredToday);
    await rtl(volunteer, "/me/assignments");
    await downloadPdf(volunteer, arCov.pdf.confirmation);

    await volunteer.goto("/me", { waitUntil: "networkidle" });
    expect(await volunteer.locator("main").textContent()).toContain(arVol.status.active);
    await rtl(volunteer, "/me with an active status");
  });
});

describe("without JavaScript", () => {
  /** Submits the form that holds `button` as a plain document POST and returns the answer. */
  async function post(page: Page, click: () => Promise<void>): Promise<Response> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.request().resourceType() === "document"),
      click(),
    ]);
    await page.waitForLoadState("load");
    return response;
  }

  it("the profile step: a validation error keeps the input and shows the message; a valid submit proceeds", async () => {
    const stamp = Date.now();
    const person = { name: "Jonas Ohneskript", email: `jonas.${stamp}@example.org`, password: "noch-ein-Passwort-7" };
    // The account step with JavaScript (it is covered without it in no-javascript.test.ts).
    const withJs = await open();
    await registerThroughJoin(withJs, server, person);
    await withJs.context().close();

    const page = await open({ javaScriptEnabled: false });
    await page.goto("/login?redirectTo=%2Fmitmachen%2Fprofil");
    await page.locator('input[name="email"]').fill(person.email);
    await page.locator('input[name="password"]').fill(person.password);
    await post(page, () => submitIn(page));
    expect(new URL(page.url()).pathname).toBe("/mitmachen/profil");

    await page.locator('input[name="phone"]').fill("02156 998877");
    await page.locator('select[name="languages[0].code"]').selectOption("tr");
    await page.locator('input[name="skills"]').fill("Kochen");
    await page.locator('input[name="availability"][value="3-afternoon"]').check();
    await page.locator('input[name="birthYear"]').fill("1800");
    const failed = await post(page, () => submitIn(page));
    expect(failed.status()).toBe(400);
    expect(new URL(page.url()).pathname).toBe("/mitmachen/profil");
    expect(await page.getByText(vol.errors.levelRequired).count()).toBeGreaterThan(0);
    expect(await page.locator('input[name="birthYear"]').getAttribute("aria-invalid")).toBe("true");
    // The input is kept.
    expect(await page.locator('input[name="phone"]').inputValue()).toBe("02156 998877");
    expect(await page.locator('select[name="languages[0].code"]').inputValue()).toBe("tr");
    expect(await page.locator('input[name="skills"]').inputValue()).toBe("Kochen");
    expect(await page.locator('input[name="availability"][value="3-afternoon"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="birthYear"]').inputValue()).toBe("1800");
    // The language row's message is tied to its select (aria-invalid, aria-describedby), without JavaScript too.
    const level = page.locator('select[name="languages[0].level"]');
    expect(await level.getAttribute("aria-invalid")).toBe("true");
    expect((await page.locator(`[id="${await level.getAttribute("aria-describedby")}"]`).textContent())?.trim()).toBe(vol.errors.levelRequired);
    expect(await page.locator('select[name="languages[0].code"]').getAttribute("aria-invalid")).toBe("false");
    // The groups (availability, fields of action): a forged value gets the group's message next to
    // the group; the fieldset and every checkbox of it point to it. The server's page, as rendered.
    const forged = await page.request.post(`${server.baseUrl}/mitmachen/profil`, {
      headers: { Origin: server.baseUrl },
      form: { name: person.name, districtId: "1", availability: "9-night", fields: "abc" },
    });
    expect(forged.status()).toBe(400);
    await page.setContent(await forged.text());
    for (const group of ["availability", "fields"]) {
      const errorId = `profile-${group}-error`;
      expect((await page.locator(`[id="${errorId}"]`).textContent())?.trim(), group).toBe(common.errors.invalidChoice);
      const boxes = page.locator(`input[name="${group}"]`);
      expect(await boxes.count()).toBeGreaterThan(1);
      for (const box of await boxes.all()) {
        expect(await box.getAttribute("aria-invalid"), group).toBe("true");
        expect(await box.getAttribute("aria-describedby"), group).toBe(errorId);
      }
    }
    expect(await page.locator('fieldset[aria-describedby~="profile-availability-error"]').count()).toBe(1);
    expect(await page.locator('[role="group"][aria-describedby~="profile-fields-error"]').count()).toBe(1);
    await page.goto("/mitmachen/profil");
    await page.locator('input[name="phone"]').fill("02156 998877");
    await page.locator('select[name="languages[0].code"]').selectOption("tr");
    await page.locator('input[name="skills"]').fill("Kochen");

    await page.locator('select[name="languages[0].level"]').selectOption("C1");
    await page.locator('input[name="birthYear"]').fill("1985");
    await chooseFirst(page, "districtId");
    const ok = await post(page, () => submitIn(page));
    expect(ok.status()).toBe(302);
    expect(new URL(page.url()).pathname).toBe("/mitmachen/einwilligung");
    await page.locator('input[name="dataConsent"]').check();
    await page.locator('input[name="confidentiality"]').check();
    await post(page, () => submitIn(page));
    expect(new URL(page.url()).pathname).toBe("/me");
  });

  it("the hours form: a validation error keeps the input and shows the message; a valid entry is listed", async () => {
    const office = await open();
    await login(office, "koordination@example.org", PASSWORD);
    const activity = `Hausaufgabenhilfe ${Date.now()}`;
    await giveAssignment(office, "Tomasz Beispiel", { activity, organisation: "Stadt Willich", startDay: "2026-01-05" });

    const page = await open({ javaScriptEnabled: false });
    await page.goto("/login?redirectTo=%2Fme%2Fhours");
    await page.locator('input[name="email"]').fill("ehrenamt@example.org");
    await page.locator('input[name="password"]').fill(PASSWORD);
    await post(page, () => submitIn(page));
    expect(new URL(page.url()).pathname).toBe("/me/hours");

    const form = page.locator('main form[method="post"]');
    const assignment = await form.locator('select[name="assignmentId"] option').filter({ hasText: activity }).getAttribute("value");
    await form.locator('select[name="assignmentId"]').selectOption(assignment!);
    await form.locator('input[name="day"]').fill(berlinToday());
    await form.locator('input[name="hours"]').fill("30");
    await form.locator('input[name="note"]').fill("Mathe mit zwei Kindern");
    const failed = await post(page, () => submitIn(page, form));
    expect(failed.status()).toBe(400);
    expect(await page.getByText(cov.errors.invalidHours).count()).toBeGreaterThan(0);
    expect(await form.locator('input[name="hours"]').getAttribute("aria-invalid")).toBe("true");
    expect(await form.locator('input[name="hours"]').inputValue()).toBe("30");
    expect(await form.locator('input[name="note"]').inputValue()).toBe("Mathe mit zwei Kindern");
    expect(await form.locator('select[name="assignmentId"]').inputValue()).toBe(assignment);

    await form.locator('input[name="hours"]').fill("2.5");
    const ok = await post(page, () => submitIn(page, form));
    expect(ok.status()).toBe(302);
    expect(new URL(page.url()).pathname).toBe("/me/hours");
    const row = page.locator("main table tbody tr").filter({ hasText: activity });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(cov.hours.statuses.submitted);
  });
});
