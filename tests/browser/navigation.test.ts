/**
 * Links in the shell and in lists are Remix links: with JavaScript they navigate inside the app
 * (no document load), modified clicks are left to the browser, and the navigation marks the
 * current section.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD as PASSWORD } from "../../db/seed/demo";
import { launchBrowser, login, newPage } from "../setup/browser";
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

describe("links", () => {
  it("navigate inside the app from the navigation and from a list row", async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    await login(page, "koordination@example.org", PASSWORD);
    await page.goto("/office", { waitUntil: "networkidle" });
    const documents: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "document") documents.push(r.url());
    });
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    const sidebar = page.locator("nav.eh-navbar");
    await sidebar.locator('a[href="/office/volunteers"]').click();
    await page.waitForURL("**/office/volunteers");
    await expect.poll(() => page.locator("h1").textContent()).toMatch(/Ehrenamtliche/);
    expect(await sidebar.locator('a[href="/office/volunteers"]').getAttribute("aria-current")).toBe("page");
    expect(await sidebar.locator('a[href="/office"]').getAttribute("aria-current")).toBeNull();

    const firstRow = page.locator(".eh-table tbody a").first();
    const href = await firstRow.getAttribute("href");
    expect(href).toMatch(/^\/office\/volunteers\/[a-z0-9]+$/);
    await firstRow.click();
    await page.waitForURL(`**${href}`);
    // Still the same document: no page load happened, the detail page came through the router.
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(documents).toEqual([]);
    // The section stays marked in the navigation on the detail page.
    expect(await sidebar.locator('a[href="/office/volunteers"]').getAttribute("data-active")).toBe("");

    await page.goBack();
    await page.waitForURL("**/office/volunteers");
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await context.close();
  });

  it("leave a ctrl-click to the browser (a new tab, the page stays)", async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    await login(page, "koordination@example.org", PASSWORD);
    await page.goto("/office", { waitUntil: "networkidle" });
    const [popup] = await Promise.all([context.waitForEvent("page"), page.locator('nav.eh-navbar a[href="/raum"]').click({ modifiers: ["Control"] })]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).pathname).toBe("/raum");
    expect(new URL(page.url()).pathname).toBe("/office");
    await context.close();
  });
});
