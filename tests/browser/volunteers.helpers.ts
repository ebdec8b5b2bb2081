/**
 * Shared steps of the volunteer browser tests (volunteers.test.ts, volunteers-a11y.test.ts):
 * registration through /mitmachen, the office giving an assignment, texts of a language.
 */
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { firstLink } from "../setup/smtp";
import type { TestServer } from "../setup/server";

export const PASSWORD = "demo1234";

type Texts = Record<string, any>;
/** A namespace's texts of one language, read from the locale files. */
export function texts(lng: "de" | "ar", ns: string): Texts {
  return JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../app/i18n/locales/${lng}/${ns}.json`), "utf8"));
}

/** i18next-style interpolation for the texts above. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ""));
}

/** Today in Europe/Berlin as YYYY-MM-DD (the day the server calls today). */
export function berlinToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** The `lng` cookie as the server writes it (Remix cookies are base64-encoded JSON). */
export function languageCookie(baseUrl: string, lng: string) {
  return { name: "lng", value: encodeURIComponent(Buffer.from(JSON.stringify(lng)).toString("base64")), url: baseUrl };
}

/**
 * Submits with the keyboard: focusing the button first lets the field being left validate (its
 * message may move the button), so a mouse click could land beside it.
 */
export async function submitIn(page: Page, scope: string | Locator = "main"): Promise<void> {
  const button = (typeof scope === "string" ? page.locator(scope) : scope).locator('button[type="submit"]').first();
  await button.focus();
  await button.press("Enter");
}

/** Submits (as `submitIn`) and waits for the POST's answer and the page to settle. */
export async function submitAndWait(page: Page, scope: string | Locator = "main"): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), submitIn(page, scope)]);
  await page.waitForLoadState("networkidle");
}

/** The first link of the first mail to `to` that arrived after `before` mails. */
export async function nextMailLink(server: TestServer, to: string, before: number): Promise<string> {
  const start = Date.now();
  for (;;) {
    const mail = server.smtp.received.slice(before).find((m) => m.to.includes(to.toLowerCase()));
    if (mail) return firstLink(mail.text);
    if (Date.now() - start > 20_000) throw new Error(`no mail to ${to} within 20 s:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Step 1 of /mitmachen in the browser: the account form, the verification link from the mail,
 * then the login (which leads on to /mitmachen/profil). `onPage` runs at each page reached
 * (e.g. axe) with a label.
 */
export async function registerThroughJoin(
  page: Page,
  server: TestServer,
  person: { name: string; email: string; password: string },
  onPage: (label: string) => Promise<void> = async () => undefined,
): Promise<void> {
  await page.goto("/mitmachen", { waitUntil: "networkidle" });
  await onPage("/mitmachen");
  await Promise.all([page.waitForURL((u) => u.pathname === "/mitmachen/konto"), page.locator('main a[href="/mitmachen/konto"]').click()]);
  await page.waitForLoadState("networkidle");
  await onPage("/mitmachen/konto");

  // A wrong repeat first: field message, nothing sent.
  await page.locator('input[name="name"]').fill(person.name);
  await page.locator('input[name="email"]').fill(person.email);
  await page.locator('input[name="password"]').fill(person.password);
  await page.locator('input[name="passwordRepeat"]').fill(person.password + "x");
  await page.locator('input[name="terms"]').check();
  await submitIn(page);
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await onPage("/mitmachen/konto with an error");

  await page.locator('input[name="passwordRepeat"]').fill(person.password);
  const before = server.smtp.received.length;
  await Promise.all([page.waitForURL(/\/check-mail\?for=register$/), submitIn(page)]);
  const link = new URL(await nextMailLink(server, person.email, before));
  expect(link.origin).toBe(server.baseUrl);
  await page.goto(link.pathname, { waitUntil: "networkidle" });
  expect(new URL(page.url()).pathname).toBe("/login");

  await page.locator('input[name="email"]').fill(person.email);
  await page.locator('input[name="password"]').fill(person.password);
  // A new account without a profile is sent on to the profile step.
  await Promise.all([page.waitForURL((u) => u.pathname !== "/login"), submitIn(page)]);
  if (new URL(page.url()).pathname !== "/mitmachen/profil") await page.goto("/mitmachen/profil");
  await page.waitForLoadState("networkidle");
  expect(new URL(page.url()).pathname).toBe("/mitmachen/profil");
}

/** Picks the first real option of a select (the one after "choose"). */
export async function chooseFirst(page: Page, name: string): Promise<string> {
  const select = page.locator(`main select[name="${name}"]`);
  const value = await select.evaluate((el: HTMLSelectElement) => [...el.options].find((o) => o.value !== "")!.value);
  await select.selectOption(value);
  return value;
}

/** Picks the option whose label contains `text`. */
export async function chooseContaining(page: Page, name: string, text: string): Promise<string> {
  const select = page.locator(`main select[name="${name}"]`);
  const value = await select.evaluate((el: HTMLSelectElement, t: string) => [...el.options].find((o) => o.label.includes(t))?.value ?? "", text);
  expect(value, `option containing "${text}" in ${name}`).not.toBe("");
  await select.selectOption(value);
  return value;
}

/** Fills the profile form validly (the name is prefilled from the account). */
export async function fillProfile(page: Page, opts: { phone?: string } = {}): Promise<void> {
  await page.locator('input[name="phone"]').fill(opts.phone ?? "02154 123456");
  await chooseFirst(page, "districtId");
  await page.locator('select[name="languages[0].code"]').selectOption("de");
  await page.locator('select[name="languages[0].level"]').selectOption("native");
  await page.locator('select[name="languages[1].code"]').selectOption("ar");
  await page.locator('select[name="languages[1].level"]').selectOption("B1");
  await page.locator('input[name="skills"]').fill("Deutsch üben, Fahrrad");
  await page.locator('input[name="fields"]').first().check();
  await page.locator('input[name="availability"][value="2-evening"]').check();
  await page.locator('input[name="availability"][value="6-morning"]').check();
}

/**
 * The office gives `volunteerName` an assignment at /office/assignments/new: search, pick,
 * fill, create. Returns the assignment's id (the detail page it leads to).
 */
export async function giveAssignment(
  page: Page,
  volunteerName: string,
  a: { activity: string; organisation: string; startDay: string; reference?: string; minors?: boolean },
  onPage: (label: string) => Promise<void> = async () => undefined,
): Promise<number> {
  await page.goto(`/office/assignments/new?q=${encodeURIComponent(volunteerName)}`, { waitUntil: "networkidle" });
  await Promise.all([
    page.waitForURL((u) => u.searchParams.has("volunteerId")),
    page.locator("main li a").filter({ hasText: volunteerName }).first().click(),
  ]);
  await page.waitForLoadState("networkidle");
  await page.locator('main input[name="activity"]').fill(a.activity);
  await chooseFirst(page, "fieldOfActionId");
  await chooseContaining(page, "organisationId", a.organisation);
  await page.locator('main input[name="documentRef"]').fill(a.reference ?? "Einsatzvereinbarung 2026/1");
  await page.locator('main input[name="startDay"]').fill(a.startDay);
  if (a.minors) await page.locator('main input[name="worksWithMinors"]').check();
  await onPage("/office/assignments/new filled");
  await Promise.all([page.waitForURL((u) => /^\/office\/assignments\/\d+$/.test(u.pathname)), submitIn(page, 'main form[method="post"]')]);
  await page.waitForLoadState("networkidle");
  return Number(new URL(page.url()).pathname.split("/").pop());
}

/** Fetches a download with the page's cookies and checks it is a real PDF. */
export async function expectPdf(page: Page, href: string): Promise<Buffer> {
  const res = await page.request.get(href);
  expect(res.status(), `${href}: HTTP status`).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/pdf/);
  const body = await res.body();
  expect(body.subarray(0, 4).toString("latin1")).toBe("%PDF");
  expect(body.length).toBeGreaterThan(2000);
  return body;
}
