/**
 * Two-factor login in the browser: axe on the enrolment pages (German and Arabic), the recovery
 * codes, the code page of the login, and the whole enrolment with JavaScript switched off.
 */
import { generateHOTP } from "@oslojs/otp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";

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

function base32Decode(text: string): Uint8Array {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text.replace(/\s/g, "")) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}
const codeAt = (key: Uint8Array, offset = 0) => generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + offset), 6);

/** Enrols through the page; axe runs where JavaScript is on (axe is injected as a script). */
async function enrol(page: Page, label: string, lang = "de", axe = true) {
  await page.goto("/me/konto/zwei-faktor", { waitUntil: "networkidle" });
  if (axe) await expectNoA11yViolations(page, `${label}: enrolment start (${lang})`);
  await page.locator("main form").filter({ has: page.locator('input[value="start"]') }).locator('button[type="submit"]').click();
  await page.locator("main svg").first().waitFor();
  if (axe) await expectNoA11yViolations(page, `${label}: QR code and key (${lang})`);
  const key = base32Decode((await page.locator("main code").first().textContent()) ?? "");
  expect(key).toHaveLength(20);
  await page.locator('input[name="code"]').fill(codeAt(key));
  await page.locator("main form").filter({ has: page.locator('input[value="confirm"]') }).locator('button[type="submit"]').click();
  await page.getByRole("status").filter({ hasText: lang === "de" ? "eingeschaltet" : "" }).first().waitFor();
  const codes = await page.locator("main li code").allTextContents();
  expect(codes).toHaveLength(10);
  if (axe) await expectNoA11yViolations(page, `${label}: recovery codes (${lang})`);
  return { key, codes };
}

describe("two-factor login", () => {
  it("enrols (axe on every step), then asks for the code at the next login", async () => {
    const { page, context } = await newPage(browser, server.baseUrl);
    await login(page, "koordination@example.org", "demo1234");
    const { key } = await enrol(page, "coordinator");
    await context.clearCookies();

    await page.goto("/login", { waitUntil: "networkidle" });
    await page.locator('input[name="email"]').fill("koordination@example.org");
    await page.locator('input[name="password"]').fill("demo1234");
    await page.locator("main").locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === "/login/zwei-faktor");
    await page.waitForLoadState("networkidle");
    await expectNoA11yViolations(page, "login code page");
    await page.locator('input[name="code"]').fill("000000");
    await page.locator("main").locator('button[type="submit"]').click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await expectNoA11yViolations(page, "login code page with error");
    await page.locator('input[name="code"]').fill(codeAt(key, 1));
    await page.locator("main").locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === "/me");
    await context.close();
  });

  it("works in Arabic (right-to-left), with axe", async () => {
    await arabicFlow(true);
  });

  it("enrols without JavaScript (Arabic): the recovery codes are shown, the next login takes one", async () => {
    // The confirming POST is a document request: its action ends every session (rotation) and the
    // page's loaders then run in the same request, with the actor of that request.
    await arabicFlow(false);
  });
});

async function arabicFlow(js: boolean) {
  {
    const { page, context } = await newPage(browser, server.baseUrl, { locale: "ar", javaScriptEnabled: js });
    await login(page, "admin@example.org", "demo1234");
    await page.goto("/", { waitUntil: "networkidle" });
    await Promise.all([page.waitForURL("**/"), page.locator('button[name="lng"][value="ar"]').click()]);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    const { codes } = await enrol(page, js ? "admin" : "admin, no JavaScript", "ar", js);
    await context.clearCookies();
    await page.goto("/login", { waitUntil: "networkidle" });
    await page.locator('input[name="email"]').fill("admin@example.org");
    await page.locator('input[name="password"]').fill("demo1234");
    await page.locator("main").locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === "/login/zwei-faktor");
    await page.locator('input[name="code"]').fill(codes[0]);
    await page.locator("main").locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === "/me");
    if (js) {
      // The next round enrols the same account again without JavaScript: switch it off (with a recovery code).
      await page.goto("/me/konto/zwei-faktor", { waitUntil: "networkidle" });
      await page.locator('input[name="code"]').fill(codes[1]);
      await page.locator("main form").filter({ has: page.locator('input[value="disable"]') }).locator('button[type="submit"]').click();
      await page.locator("main form").filter({ has: page.locator('input[value="start"]') }).waitFor();
    }
    await context.close();
  }
}
