/**
 * Axe (WCAG 2.0/2.1 A + AA) on every page of the foundation, in German and the main ones in
 * Arabic (right-to-left), plus the 360 px layout of the public entry pages.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoA11yViolations, launchBrowser, login, newPage, scrollWidth } from "../setup/browser";
import { firstLink } from "../setup/smtp";
import { startTestServer, type TestServer } from "../setup/server";

const PASSWORD = "demo1234";
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // The first message is refused once and, with one attempt allowed, ends up "failed":
  // the outbox pages are checked with a failed message and its error text too.
  server = await startTestServer({ smtpFailFirst: 1, env: { OUTBOX_MAX_ATTEMPTS: "1" } });
  browser = await launchBrowser();
  const res = await fetch(`${server.baseUrl}/forgot-password`, {
    method: "POST",
    body: new URLSearchParams({ email: "admin@example.org" }),
    redirect: "manual",
  });
  expect(res.status).toBe(302);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function pageFor(options: Parameters<typeof newPage>[2] = {}): Promise<Page> {
  const { page } = await newPage(browser, server.baseUrl, options);
  return page;
}

/** Opens `path`, checks the HTTP status, and runs axe on the hydrated page. */
async function check(page: Page, path: string, label: string, status = 200) {
  const res = await page.goto(path, { waitUntil: "networkidle" });
  expect(res?.status(), `${label}: HTTP status of ${path}`).toBe(status);
  await expectNoA11yViolations(page, label);
}

/** The first link from a mail to `to` that arrived after `before` mails had been received. */
async function linkFromNextMail(to: string, before: number): Promise<string> {
  const start = Date.now();
  for (;;) {
    const mail = server.smtp.received.slice(before).find((m) => m.to.includes(to));
    if (mail) return firstLink(mail.text);
    if (Date.now() - start > 20_000) throw new Error(`no mail to ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("German, anonymous", () => {
  let page: Page;
  beforeAll(async () => {
    page = await pageFor();
  });

  it("home", () => check(page, "/", "home"));
  it("login", () => check(page, "/login", "login"));
  it("login with a wrong password (form error shown)", async () => {
    await page.goto("/login", { waitUntil: "networkidle" });
    await page.locator('input[name="email"]').fill("ehrenamt@example.org");
    await page.locator('input[name="password"]').fill("not-the-password");
    await page.locator("main").locator('button[type="submit"]').click();
    await page.getByRole("alert").first().waitFor();
    await expectNoA11yViolations(page, "login with error");
  });
  it("register", () => check(page, "/register", "register"));
  it("register with validation errors", async () => {
    await page.goto("/register", { waitUntil: "networkidle" });
    await page.locator('input[name="email"]').fill("not-an-address");
    await page.locator("main").locator('button[type="submit"]').click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await expectNoA11yViolations(page, "register with errors");
  });
  it("check-mail", () => check(page, "/check-mail?for=register", "check-mail"));
  it("forgot-password", () => check(page, "/forgot-password", "forgot-password"));
  it("reset-password with a valid token", async () => {
    const before = server.smtp.received.length;
    await page.goto("/forgot-password", { waitUntil: "networkidle" });
    await page.locator('input[name="email"]').fill("verein@example.org");
    await Promise.all([page.waitForURL(/\/check-mail/), page.locator("main").locator('button[type="submit"]').click()]);
    const link = await linkFromNextMail("verein@example.org", before);
    await check(page, new URL(link).pathname, "reset-password (valid token)");
    expect(await page.locator('input[name="password"]').count()).toBe(1);
  });
  it("reset-password with an invalid token", () => check(page, "/reset-password/invalid-token-0123456789", "reset-password (invalid token)"));
  it("verify-email with an invalid token", () => check(page, "/verify-email/invalid-token-0123456789", "verify-email (invalid token)"));
  it("datenschutz", () => check(page, "/datenschutz", "datenschutz"));
  it("404", () => check(page, "/gibt-es-nicht", "404 page", 404));
});

describe("German, volunteer", () => {
  let page: Page;
  beforeAll(async () => {
    page = await pageFor();
    await login(page, "ehrenamt@example.org", PASSWORD);
  });
  it("/me", () => check(page, "/me", "/me (volunteer)"));
  it("403 when a volunteer opens /office", () => check(page, "/office", "403 page", 403));
});

describe("German, coordinator", () => {
  let page: Page;
  beforeAll(async () => {
    page = await pageFor();
    await login(page, "koordination@example.org", PASSWORD);
  });
  it("/office (inbox)", () => check(page, "/office", "office inbox"));
  it("/office/organisations", () => check(page, "/office/organisations", "organisations list"));
  it("/office/organisations/new", () => check(page, "/office/organisations/new", "new organisation"));
  it("/office/organisations/new with validation errors", async () => {
    await page.goto("/office/organisations/new", { waitUntil: "networkidle" });
    await page.locator("main").locator('button[type="submit"]').last().click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await expectNoA11yViolations(page, "new organisation with errors");
  });
  it("/office/organisations/:id", async () => {
    await page.goto("/office/organisations", { waitUntil: "networkidle" });
    const href = await page.locator('main a[href^="/office/organisations/"]:not([href$="/new"])').first().getAttribute("href");
    expect(href).toMatch(/^\/office\/organisations\/\d+$/);
    await check(page, href!, "organisation detail");
  });
});

describe("German, admin", () => {
  let page: Page;
  beforeAll(async () => {
    page = await pageFor();
    await login(page, "admin@example.org", PASSWORD);
  });
  it("/office/users", () => check(page, "/office/users", "users list"));
  it("/office/users/:id", async () => {
    await page.goto("/office/users", { waitUntil: "networkidle" });
    const href = await page.locator('main a[href^="/office/users/"]').first().getAttribute("href");
    expect(href).toBeTruthy();
    await check(page, href!, "user detail");
  });
  it("/office/outbox", async () => {
    // A message in the outbox: a reset request for a demo account.
    const anon = await pageFor();
    await anon.goto("/forgot-password");
    await anon.locator('input[name="email"]').fill("ehrenamt@example.org");
    await Promise.all([anon.waitForURL(/\/check-mail/), anon.locator("main").locator('button[type="submit"]').click()]);
    await check(page, "/office/outbox", "outbox list");
  });
  it("/office/outbox/:id", async () => {
    await page.goto("/office/outbox", { waitUntil: "networkidle" });
    const href = await page.locator('main a[href^="/office/outbox/"]').first().getAttribute("href");
    expect(href).toMatch(/^\/office\/outbox\/\d+$/);
    await check(page, href!, "outbox message");
  });
  it("/office/outbox/:id of a failed message (error text, requeue form)", async () => {
    await page.goto("/office/outbox?status=failed", { waitUntil: "networkidle" });
    const link = page.locator('main a[href^="/office/outbox/"]').first();
    await link.waitFor();
    await check(page, (await link.getAttribute("href"))!, "failed outbox message");
    expect(await page.locator("main").textContent()).toContain("451");
  });
});

describe("German, association member", () => {
  it("/verein", async () => {
    const page = await pageFor();
    await login(page, "verein@example.org", PASSWORD);
    await check(page, "/verein", "association page");
  });
});

describe("Arabic (right-to-left)", () => {
  async function arabicPage() {
    const page = await pageFor({ locale: "ar" });
    // The language switcher sets the `lng` cookie.
    await page.goto("/", { waitUntil: "networkidle" });
    await Promise.all([page.waitForURL("**/"), page.locator('button[name="lng"][value="ar"]').click()]);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    return page;
  }
  it("home, login, register", async () => {
    const page = await arabicPage();
    await check(page, "/", "home (ar)");
    await check(page, "/login", "login (ar)");
    await check(page, "/register", "register (ar)");
  });
  it("/me and the office inbox", async () => {
    const page = await arabicPage();
    await login(page, "koordination@example.org", PASSWORD);
    expect(await page.locator("html").getAttribute("lang")).toBe("ar");
    await check(page, "/me", "/me (ar)");
    await check(page, "/office", "office inbox (ar)");
    await check(page, "/office/organisations", "organisations list (ar)");
  });
});

describe("360 px wide", () => {
  const narrow = { viewport: { width: 360, height: 740 } };
  for (const path of ["/", "/login"]) {
    it(`${path} has no horizontal scrolling and no violations`, async () => {
      const page = await pageFor(narrow);
      await check(page, path, `${path} at 360 px`);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    });
  }
  it("the opened menu (coordinator) and the Arabic home fit as well", async () => {
    const page = await pageFor(narrow);
    await login(page, "koordination@example.org", PASSWORD);
    await page.goto("/office", { waitUntil: "networkidle" });
    // One navigation on the page: hidden at this width until the header's menu opens it.
    expect(await page.locator("nav#main-navigation").count()).toBe(1);
    const entry = page.locator('nav#main-navigation a[href="/office/organisations"]');
    expect(await entry.isVisible()).toBe(false);
    await page.locator("details.mobile-nav > summary").click();
    await expect.poll(() => page.locator("details.mobile-nav").getAttribute("open")).not.toBeNull();
    await expect.poll(() => entry.isVisible()).toBe(true);
    await expectNoA11yViolations(page, "office with the menu open at 360 px");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);

    const ar = await pageFor({ ...narrow, locale: "ar" });
    await ar.goto("/login", { waitUntil: "networkidle" });
    await Promise.all([ar.waitForURL("**/login"), ar.locator('button[name="lng"][value="ar"]').click()]);
    await ar.waitForLoadState("networkidle");
    for (const path of ["/", "/login"]) {
      await check(ar, path, `${path} (ar) at 360 px`);
      expect(await ar.evaluate(() => document.documentElement.dir)).toBe("rtl");
      expect(await scrollWidth(ar)).toBeLessThanOrEqual(360);
    }
  });
});
