/**
 * The spreadsheet import in a browser (issue #17), kept lean: one journey without JavaScript — an
 * XLSX of volunteers with one bad row, fixed in the page, confirmed, the progress page refreshing
 * itself until the report, undo — and axe (WCAG 2.1 A/AA) on every step's page in German and Arabic.
 */
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import { languageCookie, PASSWORD, texts, withDb } from "./donations.helpers";

let server: TestServer;
let browser: Browser;
const OFFICE = "koordination@example.org";
const de = texts("de", "import");

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A small volunteer list: a title row, the header, one good row and one with a broken e-mail. */
async function volunteerSheet(tag: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Liste");
  ws.addRow(["Ehrenamtliche Sprachcafé (Test)"]);
  ws.addRow(["Vorname", "Nachname", "E-Mail", "Ortsteil", "Sprachen"]);
  ws.addRow(["Amal", "Haddad", `amal.${tag}@example.org`, "Schiefbahn", "Arabisch Muttersprache, Deutsch B2"]);
  ws.addRow(["Petra", "Probe", `petra.${tag}@example`, "Anrath", ""]);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Submits the form of one step (found by its intent, so the same in every language) and waits for the page after it. */
async function submit(page: Page, intent: string) {
  await Promise.all([page.waitForNavigation(), page.locator(`main form:has(input[name="intent"][value="${intent}"]) button[type="submit"]`).first().click()]);
}

async function upload(page: Page, tag: string): Promise<number> {
  await page.goto("/office/import");
  await page.setInputFiles('input[name="file"]', { name: `liste-${tag}.xlsx`, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await volunteerSheet(tag) });
  await Promise.all([page.waitForURL((u) => /^\/office\/import\/\d+$/.test(u.pathname)), page.locator('main form[enctype="multipart/form-data"] button[type="submit"]').click()]);
  return Number(new URL(page.url()).pathname.split("/").pop());
}

const batchOf = (id: number) => withDb(server, (db) => db.selectFrom("import_batch").select(["status", "created_count"]).where("id", "=", id).executeTakeFirstOrThrow());

describe("the spreadsheet import", () => {
  it("without JavaScript: upload, header, mapping, fix the bad row, confirm, progress by refreshing, report, undo", { timeout: 240_000 }, async () => {
    const { context, page } = await newPage(browser, server.baseUrl, { javaScriptEnabled: false });
    await login(page, OFFICE, PASSWORD);
    const id = await upload(page, "journey");
    // The title row is passed over: the header row is suggested.
    expect(await page.locator('input[name="headerRow"]:checked').getAttribute("value")).toBe("2");
    await submit(page, "header");
    expect(await page.locator('select[name="columns[2]"]').inputValue()).toBe("email");
    await submit(page, "mapping");
    // Row 4's e-mail is refused at its cell; fixed in the page, the row is checked again.
    const row = page.locator("article", { has: page.locator("#row-4") });
    await row.getByText("Bitte eine gültige E-Mail-Adresse angeben").or(row.locator("[id$='-error']")).first().waitFor();
    await row.locator('input[name="cells[2]"]').fill("petra.journey@example.org");
    await Promise.all([page.waitForNavigation(), row.locator('button[type="submit"]').first().click()]);
    await page.getByText(de.review.noErrors).waitFor();
    await submit(page, "confirm");
    // The progress page refreshes itself (meta refresh, no script) until the report with the undo button.
    const undo = page.locator('main form:has(input[name="intent"][value="undo"]) button[type="submit"]');
    await page.locator("#import-progress").or(undo).first().waitFor();
    await undo.waitFor({ timeout: 120_000 });
    expect(await batchOf(id)).toEqual({ status: "done", created_count: 2 });
    expect(await page.getByText("2 Personen neu angelegt").count()).toBe(1);
    await submit(page, "undo");
    await page.getByRole("heading", { name: de.status.undone }).waitFor();
    expect((await batchOf(id)).status).toBe("undone");
    const left = await withDb(server, (db) => db.selectFrom("user").select("id").where("email", "in", ["amal.journey@example.org", "petra.journey@example.org"]).execute());
    expect(left).toEqual([]);
    await context.close();
  });

  for (const lng of ["de", "ar"] as const) {
    it(`has no axe violations on the import pages (${lng})`, { timeout: 360_000 }, async () => {
      const { context, page } = await newPage(browser, server.baseUrl);
      if (lng !== "de") await context.addCookies([languageCookie(server.baseUrl, lng)]);
      await login(page, OFFICE, PASSWORD);
      const check = async (label: string) => {
        const { lang, dir } = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
        expect({ lang, dir }, label).toEqual({ lang: lng, dir: lng === "ar" ? "rtl" : "ltr" });
        await expectNoA11yViolations(page, `${label} [${lng}]`);
      };
      await page.goto("/office/import", { waitUntil: "networkidle" });
      await check("/office/import");
      const id = await upload(page, `axe-${lng}`);
      await page.waitForLoadState("networkidle");
      await check("header step");
      await submit(page, "header");
      await page.waitForLoadState("networkidle");
      await check("mapping step");
      await submit(page, "mapping");
      await page.waitForLoadState("networkidle");
      await check("review step with a bad row");
      const report = await withDb(server, (db) => db.selectFrom("import_batch").select("id").where("status", "in", ["done", "undone"]).orderBy("id", "desc").executeTakeFirst());
      if (report) {
        await page.goto(`/office/import/${report.id}`, { waitUntil: "networkidle" });
        await check("report");
      }
      // The batch of this test is discarded (its rows deleted) with the step page's cancel form.
      await page.goto(`/office/import/${id}`, { waitUntil: "networkidle" });
      await submit(page, "cancel");
      expect((await withDb(server, (db) => db.selectFrom("import_batch").select("status").where("id", "=", id).executeTakeFirstOrThrow())).status).toBe("cancelled");
      await context.close();
    });
  }
});
