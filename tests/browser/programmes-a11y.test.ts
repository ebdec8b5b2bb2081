/**
 * Axe (WCAG 2.1 A/AA) on the programme pages and the association's tandem pages, in German and
 * Arabic (right to left): the office's programme list, the new-programme form (empty and with
 * errors, posted without relying on JavaScript validation), a programme's edit form; the
 * association member's /verein/sponsorships, its demo tandem T-DEMO-03 with the step forms and a
 * waiting request of its programme with the ranked proposals among its own volunteers.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directionOf } from "../../app/i18n/config";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import { languageCookie, PASSWORD, withDb } from "./donations.helpers";

let server: TestServer;
let browser: Browser;
let ids: { programme: number; tandem: number; request: number };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  ids = await withDb(server, async (db) => {
    const t = await db.selectFrom("tandem").select(["id", "programme_id"]).where("code", "=", "T-DEMO-03").executeTakeFirstOrThrow();
    const r = await db.selectFrom("sponsorship_request").select("id").where("programme_id", "=", t.programme_id).where("status", "=", "open").executeTakeFirstOrThrow();
    return { programme: t.programme_id, tandem: t.id, request: r.id };
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(email: string, lng: "de" | "ar"): Promise<Page> {
  const { context, page } = await newPage(browser, server.baseUrl);
  if (lng !== "de") await context.addCookies([languageCookie(server.baseUrl, lng)]);
  await login(page, email, PASSWORD);
  return page;
}

async function visit(page: Page, path: string, label: string, lng: "de" | "ar") {
  const res = await page.goto(path, { waitUntil: "networkidle" });
  expect(res?.status(), `${label}: ${path}`).toBe(200);
  const { lang, dir } = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
  expect(lang).toBe(lng);
  expect(dir).toBe(directionOf(lng));
  await expectNoA11yViolations(page, `${label} (${lng})`);
}

for (const lng of ["de", "ar"] as const) {
  describe(`programmes and association tandems (${lng})`, () => {
    it("the office's programme pages", async () => {
      const page = await signedIn("koordination@example.org", lng);
      await visit(page, "/office/sponsorships/programmes?status=all", "programme list", lng);
      await visit(page, "/office/sponsorships/programmes/new", "new programme", lng);
      // Bad input through the server (no browser validation): messages at the fields, announced.
      await page.locator('input[name="name"]').fill("");
      await page.locator('select[name="kind"]').selectOption("funded");
      await page.locator('input[name="trialWeeks"]').fill("99");
      await page.evaluate(() => document.querySelector<HTMLFormElement>("main form")!.setAttribute("novalidate", ""));
      await page.locator("main").locator('button[type="submit"]').click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
      await expectNoA11yViolations(page, `new programme with errors (${lng})`);
      await visit(page, `/office/sponsorships/programmes/${ids.programme}`, "edit programme", lng);
      await page.context().close();
    });

    it("the association's tandem pages", async () => {
      const page = await signedIn("verein@example.org", lng);
      await visit(page, "/verein/sponsorships", "association tandems", lng);
      expect(await page.locator("main").textContent()).toContain("T-DEMO-03");
      await visit(page, `/verein/sponsorships/${ids.tandem}`, "association tandem", lng);
      // ADR 0045: a waiting request of the programme with the association's own sponsor ranked.
      await visit(page, `/verein/sponsorships/requests/${ids.request}`, "association request (ranked proposals)", lng);
      expect(await page.locator("main").textContent()).toContain("Jonas Beispielwald");
      await page.context().close();
    });
  });
}
