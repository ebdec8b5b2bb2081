/**
 * The account journeys in a real browser against the production build: register → verification
 * mail (loopback SMTP) → verify → log in → /me → log out, and the password reset by mail link.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/database";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { firstLink } from "../setup/smtp";
import { startTestServer, type TestServer } from "../setup/server";

const de = (ns: string) => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../app/i18n/locales/de/${ns}.json`), "utf8"));
const common = de("common");
const auth = de("auth");
const volunteers = de("volunteers");

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

/** The first link of the first mail to `to` received after `before` mails. */
async function nextMailLink(to: string, before: number): Promise<{ link: string; subject: string }> {
  const start = Date.now();
  for (;;) {
    const mail = server.smtp.received.slice(before).find((m) => m.to.includes(to.toLowerCase()));
    if (mail) return { link: firstLink(mail.text), subject: mail.subject };
    if (Date.now() - start > 20_000) throw new Error(`no mail to ${to} within 20 s:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const submit = (page: Page) => page.locator("main").locator('button[type="submit"]').click();

describe("register → verify → log in → log out", () => {
  it("works end to end with the mail from the SMTP server", async () => {
    const { page } = await newPage(browser, server.baseUrl);
    const email = `neu.${Date.now()}@example.org`;
    const password = "ein-gutes-Passwort-42";

    await page.goto("/register", { waitUntil: "networkidle" });
    const name = "Mira Neuling";
    await page.locator('input[name="name"]').fill(name);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('input[name="passwordRepeat"]').fill(password);
    await page.locator('input[name="terms"]').check();
    const before = server.smtp.received.length;
    await Promise.all([page.waitForURL(/\/check-mail\?for=register$/), submit(page)]);
    await expectNoA11yViolations(page, "check-mail after registering");

    const first = await nextMailLink(email, before);
    expect(first.subject).not.toBe("");
    expect(new URL(first.link).pathname).toMatch(/^\/verify-email\/[A-Za-z0-9_-]+$/);

    // Not verified yet: the login is refused with the translated hint, and a new link is sent
    // that replaces the first one.
    await page.goto("/login", { waitUntil: "networkidle" });
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    const beforeResend = server.smtp.received.length;
    await submit(page);
    await expect.poll(() => page.locator("main form [role=alert]").textContent()).toBe(common.errors.emailNotVerified);
    const { link } = await nextMailLink(email, beforeResend);
    expect(link).not.toBe(first.link);
    const url = new URL(link);
    expect(url.origin).toBe(server.baseUrl);
    expect(url.pathname).toMatch(/^\/verify-email\/[A-Za-z0-9_-]+$/);

    // The link from the mail verifies the address and leads to the login.
    await page.goto(url.pathname, { waitUntil: "networkidle" });
    expect(new URL(page.url()).pathname).toBe("/login");
    await expect.poll(() => page.getByRole("status").filter({ hasText: common.flash.emailVerified }).count()).toBe(1);
    await expectNoA11yViolations(page, "login after verifying");

    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await Promise.all([page.waitForURL((u) => u.pathname === "/me"), submit(page)]);
    // /me greets the new volunteer by name and links to the account settings, which show the address.
    await expect.poll(() => page.locator("h1").textContent()).toBe(volunteers.me.greeting.replace("{{name}}", name));
    await expectNoA11yViolations(page, "/me after the first login");
    await page.goto("/me/konto");
    expect(await page.locator("h1").textContent()).toBe(auth.account.title);
    expect(await page.locator("main").textContent()).toContain(email);

    // Log out (the button in the header), then /me asks for a login again.
    await Promise.all([page.waitForURL((u) => u.pathname === "/"), page.locator('form[action="/logout"] button[type="submit"]').click()]);
    await expect.poll(() => page.getByRole("status").filter({ hasText: common.flash.loggedOut }).count()).toBe(1);
    await page.goto("/me");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("redirectTo")).toBe("/me");

    // The replaced first link and the used one no longer work.
    await page.goto(new URL(first.link).pathname, { waitUntil: "networkidle" });
    expect(await page.getByRole("alert").textContent()).toBe(auth.verify.invalid);
    const again = await page.goto(url.pathname, { waitUntil: "networkidle" });
    expect(again?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(url.pathname);
    expect(await page.getByRole("alert").textContent()).toBe(auth.verify.invalid);
    await page.context().close();
  });
});

describe("password reset", () => {
  it("sets a new password by mail link; the link works once; the old password is gone", async () => {
    const { page } = await newPage(browser, server.baseUrl);
    const email = "ehrenamt@example.org";
    const newPassword = "frisches-Passwort-2026";

    await page.goto("/forgot-password", { waitUntil: "networkidle" });
    await page.locator('input[name="email"]').fill(email);
    const before = server.smtp.received.length;
    await Promise.all([page.waitForURL(/\/check-mail\?for=reset$/), submit(page)]);

    const { link } = await nextMailLink(email, before);
    const url = new URL(link);
    expect(url.origin).toBe(server.baseUrl);
    expect(url.pathname).toMatch(/^\/reset-password\/[A-Za-z0-9_-]+$/);

    await page.goto(url.pathname, { waitUntil: "networkidle" });
    expect(await page.locator("h1").textContent()).toBe(auth.reset.title);
    // Two different passwords: a field message, nothing changed.
    await page.locator('input[name="password"]').fill(newPassword);
    await page.locator('input[name="passwordRepeat"]').fill(newPassword + "x");
    await submit(page);
    await expect.poll(() => page.getByText(common.errors.passwordsDiffer).count()).toBe(1);
    await expectNoA11yViolations(page, "reset-password with an error");

    await page.locator('input[name="passwordRepeat"]').fill(newPassword);
    await Promise.all([page.waitForURL((u) => u.pathname === "/login"), submit(page)]);
    await expect.poll(() => page.getByRole("status").filter({ hasText: common.flash.passwordReset }).count()).toBe(1);

    // The old password no longer works …
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill("demo1234");
    await submit(page);
    await expect.poll(() => page.locator("main form [role=alert]").textContent()).toBe(common.errors.invalidCredentials);

    // … the new one does.
    await login(page, email, newPassword);
    expect(new URL(page.url()).pathname).toBe("/me");

    // The link does not work a second time.
    const { context, page: other } = await newPage(browser, server.baseUrl);
    await other.goto(url.pathname, { waitUntil: "networkidle" });
    expect(await other.getByRole("alert").textContent()).toBe(auth.reset.invalid);
    expect(await other.locator('input[name="password"]').count()).toBe(0);
    await context.close();
    await page.context().close();
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    const before = server.smtp.received.length;
    await page.goto("/forgot-password", { waitUntil: "networkidle" });
    await page.locator('input[name="email"]').fill("niemand@example.org");
    await Promise.all([page.waitForURL(/\/check-mail\?for=reset$/), submit(page)]);
    await expect.poll(() => page.locator("main").textContent()).toContain(auth.checkMail.reset);
    // Mail only ever leaves through the outbox, written in the request's own transaction: once the
    // answer is on screen, an empty outbox for the address means nothing was or will be sent.
    const { db } = createDatabase(server.databasePath, { poolSize: 1 });
    try {
      expect(await db.selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("to_address", "=", "niemand@example.org").executeTakeFirst()).toEqual({ n: 0 });
    } finally {
      await db.destroy();
    }
    expect(server.smtp.received.slice(before).filter((m) => m.to.includes("niemand@example.org"))).toEqual([]);
    await context.close();
  });
});
