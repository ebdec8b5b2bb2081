/**
 * The public page cache (ADR 0012) on the real production server: anonymous visitors get
 * stored pages whose inline scripts are allowed by hash, every change to the data behind a page
 * reaches the next visitor at once, and nobody with a session ever gets a stored page.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../db/database";
import { addDaysToDay, berlinDay, berlinToInstant } from "../../app/utils/dates";
import { createTestBooking } from "../factories/rooms";
import { launchBrowser, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import type { Browser } from "playwright-core";

let server: TestServer;
let db: Database;
let roomId: number;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  db = createDatabase(server.databasePath).db;
  roomId = (await db.selectFrom("room").select("id").where("name", "=", "Gruppenraum Niersweg").executeTakeFirstOrThrow()).id;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await db?.destroy();
  await server?.stop();
});

const get = (path: string, headers: Record<string, string> = {}, method = "GET") => fetch(`${server.baseUrl}${path}`, { headers, method, redirect: "manual" });

function scriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/\ssrc=/.test(m[1]))
    .map((m) => `'sha256-${createHash("sha256").update(m[2]).digest("base64")}'`);
}

async function coordinatorCookie(): Promise<string> {
  const user = await db.selectFrom("user").select("id").where("email", "=", "koordination@example.org").executeTakeFirstOrThrow();
  // The table holds the SHA-256 of the cookie's token (migration 0020).
  const token = randomBytes(24).toString("hex");
  const id = createHash("sha256").update(token).digest("hex");
  const now = new Date();
  await db.insertInto("session").values({ id, user_id: user.id, expires_at: new Date(now.getTime() + 86_400_000).toISOString(), created_at: now.toISOString() }).execute();
  return `eh_session=${token}`;
}

describe("public page cache", () => {
  it("stores an anonymous room page and allows exactly its inline scripts by hash", async () => {
    const path = `/raum/${roomId}?view=month`;
    const first = await get(path);
    const firstBody = await first.text();
    expect(first.status).toBe(200);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    const second = await get(path);
    const body = await second.text();
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(body).toBe(firstBody);
    expect(body).not.toMatch(/nonce=/);
    const csp = second.headers.get("content-security-policy")!;
    expect(csp).not.toContain("'nonce-");
    const hashes = scriptHashes(body);
    expect(hashes.length).toBeGreaterThan(2);
    for (const h of hashes) expect(csp).toContain(h);
    expect(second.headers.get("vary")).toMatch(/Cookie/);
  });

  it("shows a new booking to the next visitor at once", async () => {
    const day = addDaysToDay(berlinDay(new Date()), 9);
    const path = `/raum/${roomId}?from=${day}`;
    await get(path);
    expect((await get(path)).headers.get("x-page-cache")).toBe("hit");
    await createTestBooking(db, roomId, { status: "confirmed", startsAt: berlinToInstant(day, "07:00").toISOString(), endsAt: berlinToInstant(day, "08:30").toISOString() });
    const after = await get(path);
    expect(after.headers.get("x-page-cache")).toBe("miss");
    expect(await after.text()).toContain("07:00");
  });

  it("renders each language for itself", async () => {
    const ar = await get(`/raum/${roomId}`, { "accept-language": "ar" });
    const de = await get(`/raum/${roomId}`, { "accept-language": "de-DE,de;q=0.9" });
    expect(await ar.text()).toMatch(/<html[^>]*lang="ar"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="ar"/);
    expect(await de.text()).toMatch(/<html[^>]*lang="de"/);
  });

  it("answers If-None-Match with 304 and HEAD without a body", async () => {
    const path = `/raum/${roomId}/kalender.ics`;
    const res = await get(path);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    expect(await res.text()).toContain("BEGIN:VCALENDAR");
    const etag = res.headers.get("etag")!;
    const again = await get(path, { "if-none-match": etag });
    expect(again.status).toBe(304);
    const head = await get(path, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("never serves a stored page to a logged-in user or with other query parameters", async () => {
    const cookie = await coordinatorCookie();
    const path = `/raum/${roomId}`;
    await get(path);
    const res = await get(path, { cookie });
    expect(res.headers.get("x-page-cache")).toBeNull();
    expect(res.headers.get("content-security-policy")).toContain("'nonce-");
    const body = await res.text();
    expect(body).toContain("/logout");
    expect((await get(`${path}?utm_source=x`)).headers.get("x-page-cache")).toBeNull();
  });

  it("hydrates a stored page in Chromium without a CSP violation", async () => {
    const path = `/raum/${roomId}`;
    const { context, page } = await newPage(browser, server.baseUrl);
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to execute/i.test(m.text())) violations.push(m.text());
    });
    // The first visit with Chromium's Accept-Language stores the page, the second gets it.
    await page.goto(path);
    const res = await page.goto(path);
    expect(res?.headers()["x-page-cache"]).toBe("hit");
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
    // A client-side navigation works after hydration.
    await page.getByRole("link", { name: "Monat", exact: true }).click();
    await page.waitForURL(/view=month/);
    expect(violations).toEqual([]);
    await context.close();
  });
});
