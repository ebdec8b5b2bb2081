/**
 * Reports in the browser (issue #16): the office opens /office/reports for last quarter, switches
 * to the KOMM-AN view and downloads it as XLSX (the download starts and exceljs reads it); every
 * chart names its table; a figure leads to its records; axe finds nothing on the overview, the
 * KOMM-AN view, the events page, a frozen snapshot and a drill-down list, in German and Arabic;
 * the period form and the events form work without JavaScript.
 */
import fs from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directionOf } from "../../app/i18n/config";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import { languageCookie, PASSWORD, texts } from "./donations.helpers";

const t = texts("de", "reports");
const OFFICE = "koordination@example.org";

let server: TestServer;
let browser: Browser;
let snapshotPath = "";
const pageErrors: string[] = [];

/** Last quarter as the period form names it (`2026-Q3`), from today in Europe/Berlin. */
function lastQuarter(): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}
const QUARTER = lastQuarter();

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function office(lng: "de" | "ar", options: Parameters<typeof newPage>[2] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const p = await newPage(browser, server.baseUrl, options);
  if (lng !== "de") await p.context.addCookies([languageCookie(server.baseUrl, lng)]);
  p.page.on("pageerror", (e) => pageErrors.push(`${p.page.url()}: ${e.message}`));
  await login(p.page, OFFICE, PASSWORD);
  return p;
}

/** Chooses "quarter" and last quarter in the period form and submits it (a GET form). */
async function chooseLastQuarter(page: Page) {
  const form = page.locator("main form[role=search]").first();
  await form.locator('select[name="kind"]').selectOption("quarter");
  await form.locator('select[name="quarter"]').selectOption(QUARTER);
  await Promise.all([page.waitForURL((u) => u.searchParams.get("quarter") === QUARTER), form.getByRole("button", { name: t.filters.show }).click()]);
  await page.waitForLoadState("networkidle");
}

describe("reports", () => {
  it("last quarter → KOMM-AN view → XLSX download; charts have their tables; a figure leads to its records", async () => {
    const { context, page } = await office("de");
    // The period form itself is driven in the test without JavaScript below.
    await page.goto(`/office/reports?kind=quarter&quarter=${QUARTER}`, { waitUntil: "networkidle" });
    await expectNoA11yViolations(page, "/office/reports (last quarter)");

    // Every chart is described by a table that is on the page, with as many rows as bars.
    const charts = await page.evaluate(() =>
      Array.from(document.querySelectorAll("main svg[role=img]")).map((svg) => {
        const table = document.getElementById(svg.getAttribute("aria-describedby") ?? "");
        return { table: table?.tagName ?? null, rows: table?.querySelectorAll("tbody tr").length ?? 0 };
      }),
    );
    expect(charts.length).toBeGreaterThan(3);
    for (const c of charts) expect(c).toMatchObject({ table: "TABLE" });
    expect(charts.every((c) => c.rows > 0)).toBe(true);

    // A figure's records: the active volunteers of the quarter.
    const drill = page.locator('main tr[data-row="active"] a[data-drill]').first();
    const href = await drill.getAttribute("href");
    expect(href).toMatch(/^\/office\/volunteers\?in=active&from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/);
    await Promise.all([page.waitForURL((u) => u.pathname === "/office/volunteers"), drill.click()]);
    await page.waitForLoadState("networkidle");
    expect(await page.locator('main select[name="in"]').inputValue()).toBe("active");
    await expectNoA11yViolations(page, "drill-down: /office/volunteers?in=active");
    await page.goBack({ waitUntil: "networkidle" });

    // The KOMM-AN view of the same period.
    await Promise.all([page.waitForURL((u) => u.pathname === "/office/reports/komm-an"), page.locator("main nav").getByRole("link", { name: t.kommAn.title }).click()]);
    await page.waitForLoadState("networkidle");
    expect(new URL(page.url()).searchParams.get("quarter")).toBe(QUARTER);
    await expectNoA11yViolations(page, "/office/reports/komm-an");

    // The XLSX download starts and opens.
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("main").getByRole("link", { name: t.download.xlsx }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile(file)) as never);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    let cells = 0;
    wb.worksheets[0].eachRow(() => cells++);
    expect(cells).toBeGreaterThan(3);

    // The events page, and a frozen snapshot (the freeze form on the overview).
    await page.goto(`/office/reports/events?kind=quarter&quarter=${QUARTER}`, { waitUntil: "networkidle" });
    await expectNoA11yViolations(page, "/office/reports/events");
    await page.goto(`/office/reports?kind=quarter&quarter=${QUARTER}`, { waitUntil: "networkidle" });
    await page.locator('#freeze input[name="label"]').fill(`Quartalsbericht ${QUARTER}`);
    await Promise.all([page.waitForURL((u) => /^\/office\/reports\/snapshots\/\d+$/.test(u.pathname)), page.locator("#freeze").getByRole("button", { name: t.freeze.submit }).click()]);
    await page.waitForLoadState("networkidle");
    snapshotPath = new URL(page.url()).pathname;
    await expectNoA11yViolations(page, "snapshot");
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 300_000);

  it.each(["ar", "de"] as const)("%s: overview, KOMM-AN, events, snapshot and the drill-down lists without axe violations", async (lng) => {
    expect(snapshotPath).not.toBe("");
    const { context, page } = await office(lng);
    const q = `kind=quarter&quarter=${QUARTER}`;
    const paths = [`/office/reports?${q}`, `/office/reports/komm-an?${q}`, `/office/reports/events?${q}`, snapshotPath, "/office/donations/handed-over?from=2026-01-01", "/office/assignments?from=2026-01-01&to=2026-03-31"];
    // German: the overview, KOMM-AN and events were checked in the flow above.
    for (const path of lng === "de" ? paths.slice(4) : paths) {
      const res = await page.goto(path, { waitUntil: "networkidle" });
      expect(res?.status(), path).toBe(200);
      expect(await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }))).toEqual({ lang: lng, dir: directionOf(lng) });
      await expectNoA11yViolations(page, `${path} [${lng}]`);
    }
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 300_000);

  it("without JavaScript: the period form and the events form (errors next to the fields, then saved)", async () => {
    const { context, page } = await office("de", { javaScriptEnabled: false });
    await page.goto("/office/reports", { waitUntil: "load" });
    await chooseLastQuarter(page);
    expect(await page.locator("main svg[role=img]").count()).toBeGreaterThan(3);

    await page.goto(`/office/reports/events?kind=quarter&quarter=${QUARTER}`, { waitUntil: "load" });
    const title = `Sprachcafé ohne Skript ${Date.now()}`;
    const f = page.locator('main form[method="post"]').first();
    const day = `${QUARTER.slice(0, 4)}-${String((Number(QUARTER.slice(-1)) - 1) * 3 + 2).padStart(2, "0")}-10`;
    await f.locator('input[name="day"]').fill(day);
    await f.locator('select[name="kind"]').selectOption("encounter");
    await f.locator('select[name="block"]').selectOption("B");
    await f.locator('input[name="title"]').fill(title);
    // Too many participants (the browser lets it through; the server says so by the field, the input kept).
    await f.locator('input[name="participants"]').fill("200000");
    await f.locator('input[name="volunteers"]').fill("4");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), f.getByRole("button", { name: t.events.save }).click()]);
    await page.waitForLoadState("load");
    const participants = page.locator('main form[method="post"]').first().locator('input[name="participants"]');
    await expect.poll(() => participants.getAttribute("aria-invalid")).toBe("true");
    const errorId = await participants.getAttribute("aria-describedby");
    expect(errorId).toBeTruthy();
    expect((await page.locator(`[id="${errorId!.split(" ")[0]}"]`).textContent())?.length).toBeGreaterThan(0);
    const again = page.locator('main form[method="post"]').first();
    expect(await again.locator('input[name="title"]').inputValue()).toBe(title);
    await again.locator('input[name="participants"]').fill("23");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), again.getByRole("button", { name: t.events.save }).click()]);
    await page.waitForLoadState("load");
    await page.goto(`/office/reports/events?kind=quarter&quarter=${QUARTER}`, { waitUntil: "load" });
    await expect.poll(() => page.locator("main").textContent()).toContain(title);
    await context.close();
  });
});
