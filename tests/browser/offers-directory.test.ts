/**
 * The public offers directory /angebote (issue #15, ADR 0039) in a real browser on the demo data:
 * axe (WCAG 2.1 A/AA) on the list, an offer page and its printable notice in German and Arabic; an
 * offer without an Arabic text shows the German one marked (`lang="de"` and the note); the search
 * and filter form works without JavaScript (a plain GET form).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directionOf } from "../../app/i18n/config";
import { expectNoA11yViolations, launchBrowser, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import { languageCookie, texts, withDb } from "./donations.helpers";

let server: TestServer;
let browser: Browser;
let ids: { translated: number; germanOnly: number };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  ids = await withDb(server, async (db) => {
    const id = async (title: string) => (await db.selectFrom("association_offer").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
    return { translated: await id("Sprachcafé am Donnerstag"), germanOnly: await id("Begleitung zu Behörden") };
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(lng: "de" | "ar", javaScriptEnabled = true) {
  const p = await newPage(browser, server.baseUrl, { javaScriptEnabled });
  if (lng !== "de") await p.context.addCookies([languageCookie(server.baseUrl, lng)]);
  return p;
}

describe.each(["de", "ar"] as const)("accessibility in %s", (lng) => {
  it("the list, an offer page and its notice have no axe violations", async () => {
    const { context, page } = await open(lng);
    try {
      for (const path of ["/angebote", `/angebote?q=sprach&weekday=4`, `/angebote/${ids.translated}`, `/angebote/${ids.germanOnly}`, `/angebote/${ids.translated}/aushang`]) {
        const res = await page.goto(path, { waitUntil: "networkidle" });
        expect(res?.status(), path).toBe(200);
        const { lang, dir } = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
        expect({ lang, dir }, path).toEqual({ lang: lng, dir: directionOf(lng) });
        await expectNoA11yViolations(page, `${path} [${lng}]`);
      }
    } finally {
      await context.close();
    }
  });
});

describe("languages", () => {
  it("shows the Arabic text when there is one, else the German text marked as German", async () => {
    const { context, page } = await open("ar");
    try {
      await page.goto(`/angebote/${ids.translated}`);
      expect((await page.locator("h1").textContent())?.trim()).toBe("مقهى اللغة يوم الخميس");
      expect(await page.locator('h1 [lang="de"]').count()).toBe(0);
      await page.goto(`/angebote/${ids.germanOnly}`);
      const title = page.locator('h1 [lang="de"]');
      expect(await title.textContent()).toBe("Begleitung zu Behörden");
      expect(await page.locator("main").textContent()).toContain(texts("ar", "directory").germanOnly);
      // JSON-LD for search engines: the offer, no person.
      const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
      expect(ld["@type"]).toBe("Service");
      expect(JSON.stringify(ld)).not.toMatch(/@example\.org/);
    } finally {
      await context.close();
    }
  });
});

describe("without JavaScript", () => {
  it("searches and filters with the plain form", async () => {
    const { context, page } = await open("de", false);
    const de = texts("de", "directory");
    try {
      await page.goto("/angebote");
      await page.locator("main").getByLabel(de.list.q).fill("ubersetzung");
      await Promise.all([page.waitForURL(/q=ubersetzung/), page.locator("main").getByRole("button", { name: de.list.search }).click()]);
      const found = await page.locator("main article h2").allTextContents();
      expect(found).toContain("Erzählcafé: Geschichten aus zwei Heimaten");
      expect(found).not.toContain("Kinderturnen");
      await page.locator("main").getByLabel(de.list.q).fill("");
      await page.locator("main").getByLabel(de.list.weekday).selectOption("4");
      await Promise.all([page.waitForURL(/weekday=4/), page.locator("main").getByRole("button", { name: de.list.search }).click()]);
      const thursday = await page.locator("main article h2").allTextContents();
      expect(thursday).toEqual(["Sprachcafé am Donnerstag"]);
    } finally {
      await context.close();
    }
  });
});
