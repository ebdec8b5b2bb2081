/**
 * Shared steps of the donations browser tests (donations.test.ts, donations-a11y.test.ts):
 * reading the server's database (on either engine), the guest offer form, texts of a language.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { createDatabase, type Database } from "../../db/database";
import { firstLink } from "../setup/smtp";
import type { TestServer } from "../setup/server";

export const PASSWORD = "demo1234";

/** A namespace's texts of one language, read from the locale files. */
export function texts(lng: "de" | "ar", ns: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../app/i18n/locales/${lng}/${ns}.json`), "utf8"));
}

/** The `lng` cookie as the server writes it (Remix cookies are base64-encoded JSON). */
export function languageCookie(baseUrl: string, lng: string) {
  return { name: "lng", value: encodeURIComponent(Buffer.from(JSON.stringify(lng)).toString("base64")), url: baseUrl };
}

/**
 * Runs `fn` on the server's database while the server keeps running: a Kysely handle of its own on
 * the SQLite file or the PostgreSQL database (`createDatabase` takes either), closed afterwards.
 */
export async function withDb<T>(server: TestServer, fn: (db: Database) => Promise<T>): Promise<T> {
  const { db } = createDatabase(server.databasePath, { poolSize: 1 });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/** A calendar day `n` days after today in Europe/Berlin (YYYY-MM-DD). */
export function berlinDayPlus(n: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The next given ISO weekday (Monday 1 … Sunday 7) after today. */
export function nextWeekday(isoWeekday: number): string {
  for (let n = 1; n <= 7; n++) {
    const day = berlinDayPlus(n);
    const wd = new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
    if (wd === isoWeekday) return day;
  }
  throw new Error("unreachable");
}

export async function categoryIdOf(server: TestServer, slug: string): Promise<number> {
  return withDb(server, async (db) => (await db.selectFrom("donation_category").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id);
}

export async function districtIdOf(server: TestServer, name: string): Promise<number> {
  return withDb(server, async (db) => (await db.selectFrom("district").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id);
}

export type GuestOffer = { category: string; description: string; district: string; street: string; name: string; email: string; phone?: string };

/** Fills the guest offer form on /spenden/anbieten (the page must be open). */
export async function fillGuestOffer(page: Page, server: TestServer, o: GuestOffer): Promise<void> {
  const form = page.locator("main form");
  await form.locator('select[name="categoryId"]').selectOption(String(await categoryIdOf(server, o.category)));
  await form.locator('input[name="availableUntil"]').fill(berlinDayPlus(30));
  await form.locator('textarea[name="description"]').fill(o.description);
  await form.locator('select[name="delivery"]').selectOption("needs_pickup");
  await form.locator('select[name="districtId"]').selectOption(String(await districtIdOf(server, o.district)));
  await form.locator('input[name="pickupStreet"]').fill(o.street);
  await form.locator('input[name="donorName"]').fill(o.name);
  await form.locator('input[name="donorEmail"]').fill(o.email);
  if (o.phone) await form.locator('input[name="donorPhone"]').fill(o.phone);
}

/** The first link of the first mail to `to` that arrived after `before` mails. */
export async function nextMailLink(server: TestServer, to: string, before: number): Promise<string> {
  const start = Date.now();
  for (;;) {
    const mail = server.smtp.received.slice(before).find((m) => m.to.includes(to.toLowerCase()));
    if (mail) return firstLink(mail.text);
    if (Date.now() - start > 20_000) throw new Error(`no mail to ${to} within 20 s:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Clicks a submit button and waits for the POST's answer and the page to settle. */
export async function clickAndWait(page: Page, button: ReturnType<Page["locator"]>): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), button.click()]);
  await page.waitForLoadState("networkidle");
}
