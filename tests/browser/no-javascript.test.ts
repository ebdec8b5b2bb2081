/**
 * Progressive enhancement: with JavaScript disabled the login and registration forms are plain
 * HTML forms; the server answers a failed submission with the form again (400), the translated
 * message next to it and the input kept. (Axe cannot run in a page without JavaScript; the
 * same error states are checked with it in accessibility.test.ts.)
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page, Response } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PASSWORD_MIN } from "../../app/utils/validation";
import { addDaysToDay, berlinDay, berlinToInstant } from "../../app/utils/dates";
import { createDatabase } from "../../db/database";
import { createTestBooking } from "../factories/rooms";
import { launchBrowser, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";

const de = (ns: string) => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../app/i18n/locales/de/${ns}.json`), "utf8"));
const common = de("common");
const auth = de("auth");

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  ({ context, page } = await newPage(browser, server.baseUrl, { javaScriptEnabled: false }));
});

afterEach(async () => {
  await context?.close();
});

/** Submits the form in <main> as a plain document POST and returns the answer to it. */
async function submitForm(): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.request().resourceType() === "document"),
    page.locator("main").locator('button[type="submit"]').click(),
  ]);
  await page.waitForLoadState("load");
  return response;
}

describe("login without JavaScript", () => {
  it("shows the translated error next to the form, keeps the e-mail, then logs in", async () => {
    await page.goto("/login");
    // Really no JavaScript: each submission below is a document POST (with JavaScript, Remix
    // would send a fetch to `/login.data` instead).

    await page.locator('input[name="email"]').fill("ehrenamt@example.org");
    await page.locator('input[name="password"]').fill("falsches-passwort");
    const failed = await submitForm();
    expect(failed.status()).toBe(400);
    expect(new URL(page.url()).pathname).toBe("/login");
    const alert = page.locator("main form [role=alert]");
    expect(await alert.textContent()).toBe(common.errors.invalidCredentials);
    expect(await page.locator('input[name="email"]').inputValue()).toBe("ehrenamt@example.org");
    expect(await page.locator('input[name="password"]').inputValue()).toBe("");
    // The alert is announced and tied to the form.
    const formDescribedBy = await page.locator("main form").getAttribute("aria-describedby");
    expect(formDescribedBy ?? "").toContain((await alert.getAttribute("id")) ?? "∅");

    await page.locator('input[name="password"]').fill("demo1234");
    const ok = await submitForm();
    expect([200, 302, 303]).toContain(ok.status());
    expect(new URL(page.url()).pathname).toBe("/me");
    // /me greets the volunteer; the account settings (/me/konto) show the address.
    expect(await page.locator("h1").textContent()).toBe(de("volunteers").me.greeting.replace("{{name}}", "Tomasz Beispiel"));
    await page.goto("/me/konto");
    expect(await page.locator("h1").textContent()).toBe(auth.account.title);
    expect(await page.locator("main").textContent()).toContain("ehrenamt@example.org");

    // Logging out is a plain form too.
    await Promise.all([page.waitForURL((u) => u.pathname === "/"), page.locator('form[action="/logout"] button[type="submit"]').click()]);
    await page.goto("/me");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("answers an empty submission with field messages", async () => {
    await page.goto("/login");
    const res = await submitForm();
    expect(res.status()).toBe(400);
    expect(await page.locator("main").textContent()).toContain(common.errors.required);
    expect(await page.locator('input[name="email"]').getAttribute("aria-invalid")).toBe("true");
  });
});

describe("registration without JavaScript", () => {
  it("shows the field messages and keeps the input", async () => {
    await page.goto("/register");
    await page.locator('input[name="name"]').fill("Mira Neuling");
    await page.locator('input[name="email"]').fill("kein-at-zeichen.example.org");
    await page.locator('input[name="password"]').fill("kurz");
    await page.locator('input[name="passwordRepeat"]').fill("kurz");
    const res = await submitForm();
    expect(res.status()).toBe(400);
    expect(new URL(page.url()).pathname).toBe("/register");

    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain(common.errors.invalidEmail);
    expect(main).toContain(common.errors.acceptPrivacy);
    expect(main).toContain(common.errors.passwordTooShort.replace("{{min}}", String(PASSWORD_MIN)));
    expect(await page.locator('input[name="email"]').getAttribute("aria-invalid")).toBe("true");
    // The input is kept (but never the password).
    expect(await page.locator('input[name="name"]').inputValue()).toBe("Mira Neuling");
    expect(await page.locator('input[name="email"]').inputValue()).toBe("kein-at-zeichen.example.org");
    expect(await page.locator('input[name="password"]').inputValue()).toBe("");

    // Fixing everything registers the account.
    await page.locator('input[name="email"]').fill(`ohne.js.${Date.now()}@example.org`);
    await page.locator('input[name="password"]').fill("ein-gutes-Passwort-42");
    await page.locator('input[name="passwordRepeat"]').fill("ein-gutes-Passwort-43");
    await page.locator('input[name="terms"]').check();
    const mismatch = await submitForm();
    expect(mismatch.status()).toBe(400);
    expect(await page.locator("main").textContent()).toContain(common.errors.passwordsDiffer);
    expect(await page.locator('input[name="terms"]').isChecked()).toBe(true);

    await page.locator('input[name="password"]').fill("ein-gutes-Passwort-42");
    await page.locator('input[name="passwordRepeat"]').fill("ein-gutes-Passwort-42");
    await submitForm();
    expect(new URL(page.url()).pathname).toBe("/check-mail");
  });
});

describe("cancelling a room booking without JavaScript", () => {
  it("the guest's cancel button leads to a confirmation page; only its submit cancels", async () => {
    const rooms = de("rooms");
    // The test's own handle on the server's database (either engine), closed at the end: an open
    // PostgreSQL pool would hold connections until the database is dropped.
    const { db } = createDatabase(server.databasePath, { poolSize: 1 });
    try {
      const roomId = (await db.selectFrom("room").select("id").where("name", "=", "Gruppenraum Niersweg").executeTakeFirstOrThrow()).id;
      const day = addDaysToDay(berlinDay(new Date()), 40);
      const { id, token } = await createTestBooking(db, roomId, { status: "confirmed", email: "ohne-js@example.org", startsAt: berlinToInstant(day, "10:00").toISOString(), endsAt: berlinToInstant(day, "11:00").toISOString() });
      const status = async () => (await db.selectFrom("booking").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
      await page.goto(`/raum/buchung/${token}`);
      await Promise.all([page.waitForURL(/\/stornieren\?termin=\d+$/), page.locator("main").getByRole("link", { name: rooms.manage.cancel, exact: true }).click()]);
      // The step says what will happen and has not changed anything.
      await page.locator("main").getByText(rooms.steps.cancel.one).waitFor();
      expect(await status()).toBe("confirmed");
      const res = await submitForm();
      expect([302, 303]).toContain(res.status());
      await page.waitForURL(new RegExp(`/raum/buchung/${token}$`));
      expect(await status()).toBe("cancelled");
    } finally {
      await db.destroy();
    }
  });
});
