/**
 * Messages to groups of volunteers (issue #17) in the browser, on the demo data: the office sends a
 * message to the Arabic-speaking volunteers in Schiefbahn (live count, preview, send), the mail
 * arrives at the loopback SMTP server in Arabic, its opt-out link works; axe finds nothing on the
 * new pages in German and Arabic; the form works without JavaScript (count, errors, send).
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import { languageCookie, PASSWORD, texts } from "./volunteers.helpers";

const de = texts("de", "messages");
/** Rami Beispielfahrer (demo): active, Arabic, in Schiefbahn, UI in Arabic. */
const RAMI = "fahrdienst4@example.org";
const OFFICE = "koordination@example.org";
const ARABIC = /[\u0600-\u06FF]/;

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let sentPath = "";
let optOutLink = "";

async function open(opts: { lng?: "de" | "ar"; as?: string } & BrowserContextOptions = {}): Promise<Page> {
  const { lng, as, ...options } = opts;
  const { context, page } = await newPage(browser, server.baseUrl, { locale: lng === "ar" ? "ar" : "de-DE", ...options });
  contexts.push(context);
  if (lng === "ar") await context.addCookies([languageCookie(server.baseUrl, "ar")]);
  if (as) await login(page, as, PASSWORD);
  return page;
}

async function axe(page: Page, label: string) {
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang === "ar") {
    expect(await page.evaluate(() => document.documentElement.dir), label).toBe("rtl");
    expect(await page.locator("main").textContent(), label).toMatch(ARABIC);
  }
  await expectNoA11yViolations(page, `${label} (${lang})`);
}

async function goto(page: Page, path: string, status = 200) {
  const res = await page.goto(path, { waitUntil: "networkidle" });
  expect(res?.status(), path).toBe(status);
}

/** The district and language options by their labels (Schiefbahn; the Arabic language). */
async function chooseSchiefbahnArabic(page: Page) {
  await page.locator('select[name="districtId"]').selectOption({ label: "Schiefbahn" });
  const arabic = await page.locator('select[name="language"] option[value="ar"]').getAttribute("value");
  await page.locator('select[name="language"]').selectOption(arabic!);
}

async function writeTexts(page: Page, subject: string) {
  await page.locator('input[name="subject_de"]').fill(subject);
  await page.locator('textarea[name="body_de"]').fill("Liebe Ehrenamtliche,\n\nam Samstag kochen wir gemeinsam im Gruppenraum am Niersweg.");
  await page.locator('input[name="subject_ar"]').fill("طبخ مشترك يوم السبت");
  await page.locator('textarea[name="body_ar"]').fill("أعزاءنا المتطوعين،\n\nيوم السبت نطبخ معًا في غرفة المجموعة.");
}

const intent = (page: Page, value: string) => page.locator(`main button[name="intent"][value="${value}"]`);

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe("group messages", () => {
  it("the office sends a message to the Arabic-speaking volunteers in Schiefbahn; Rami gets it in Arabic", async () => {
    const page = await open({ as: OFFICE });
    await goto(page, "/office/messages");
    await axe(page, "/office/messages");
    await goto(page, "/office/messages/new");
    await axe(page, "/office/messages/new");
    const everyone = await page.getByTestId("recipient-count").textContent();
    await chooseSchiefbahnArabic(page);
    // The live count follows the filter (JavaScript): fewer people than "everyone".
    await expect.poll(async () => page.getByTestId("recipient-count").textContent()).not.toBe(everyone);
    await writeTexts(page, "Gemeinsam kochen am Samstag");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), intent(page, "preview").click()]);
    await page.locator("#preview-title").waitFor();
    expect(await page.locator("main article").count()).toBe(2);
    expect(await page.locator('main article [lang="ar"][dir="rtl"]').textContent()).toContain("طبخ مشترك يوم السبت");
    await axe(page, "/office/messages/new with the preview");
    await Promise.all([page.waitForURL((u) => /^\/office\/messages\/\d+$/.test(u.pathname)), intent(page, "send").click()]);
    await page.waitForLoadState("networkidle");
    sentPath = new URL(page.url()).pathname;
    expect(await page.locator("main").textContent()).toContain("Gemeinsam kochen am Samstag");
    // The send job writes the recipients in the background; the page refreshes itself until it is done.
    await page.locator('[data-testid="send-progress"][data-state="done"]').waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    await axe(page, "/office/messages/:id");

    const mail = await server.smtp.waitFor(RAMI, 30_000);
    expect(mail.subject).toBe("طبخ مشترك يوم السبت");
    expect(mail.headers["list-unsubscribe"]).toMatch(/^<http:\/\/localhost:\d+\/abmelden\/[A-Za-z0-9_-]+>$/);
    optOutLink = /https?:\/\/\S+\/abmelden\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
  });

  it("the pages in Arabic, and the form's messages, have no axe violations", async () => {
    const page = await open({ lng: "ar", as: OFFICE });
    await goto(page, "/office/messages");
    await axe(page, "/office/messages");
    await goto(page, sentPath);
    await axe(page, "/office/messages/:id");
    await goto(page, "/office/messages/new");
    await axe(page, "/office/messages/new");
    // Without the German text: the messages at the fields, announced and described.
    await page.locator('input[name="subject_en"]').fill("Only a subject");
    // Checked in the browser first (the same schema as on the server): nothing is posted.
    await intent(page, "preview").click();
    await page.locator('main [name="subject_de"][aria-invalid="true"]').waitFor();
    await axe(page, "/office/messages/new with errors");
  });

  it("the opt-out link asks first, then opts out (German and Arabic pages)", async () => {
    const path = new URL(optOutLink).pathname;
    const ar = await open({ lng: "ar" });
    await goto(ar, path);
    await axe(ar, "/abmelden/:token");
    const page = await open();
    await goto(page, path);
    await axe(page, "/abmelden/:token");
    await Promise.all([page.waitForURL((u) => u.pathname === path), page.locator('main button[type="submit"]').click()]);
    await page.getByText(de.optOut.done).first().waitFor();
    await axe(page, "/abmelden/:token, opted out");
  });

  it("works without JavaScript: count, refusal with the input kept, preview, send", async () => {
    const page = await open({ as: OFFICE, javaScriptEnabled: false });
    await goto(page, "/office/messages/new");
    const everyone = await page.getByTestId("recipient-count").textContent();
    // Schiefbahn only (Rami, the Arabic speaker there, opted out in the test before).
    await page.locator('select[name="districtId"]').selectOption({ label: "Schiefbahn" });
    await Promise.all([page.waitForNavigation(), intent(page, "count").click()]);
    expect(await page.locator('select[name="districtId"] option:checked').textContent()).toBe("Schiefbahn");
    const counted = await page.getByTestId("recipient-count").textContent();
    expect(counted).toMatch(/\d/);
    expect(counted).not.toBe(everyone);
    await page.locator('input[name="subject_ar"]').fill("بدون نص");
    await Promise.all([page.waitForNavigation(), intent(page, "preview").click()]);
    expect(await page.locator('main [name="subject_de"]').getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator('input[name="subject_ar"]').inputValue()).toBe("بدون نص");
    expect(await page.locator('select[name="districtId"] option:checked').textContent()).toBe("Schiefbahn");
    await writeTexts(page, "Ohne JavaScript gesendet");
    await Promise.all([page.waitForNavigation(), intent(page, "preview").click()]);
    await page.locator("#preview-title").waitFor();
    await Promise.all([page.waitForURL((u) => /^\/office\/messages\/\d+$/.test(u.pathname)), intent(page, "send").click()]);
    expect(await page.locator("main").textContent()).toContain("Ohne JavaScript gesendet");
  });
});
