/**
 * The production build on the standard path (scripts/serve.ts: Express, `@remix-run/express`;
 * app/entry.server.tsx: React's Web Streams renderer, the page buffered) as a browser and other
 * HTTP clients meet it: page bytes, the one same-origin decision and its translated 403, a
 * keep-alive connection after an unread body, and a guest's form without JavaScript on the
 * token page.
 */
import http from "node:http";
import type { Kysely } from "kysely";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/schema";
import { createDatabase } from "../../db/database";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import de from "../../app/i18n/locales/de/common.json";
import en from "../../app/i18n/locales/en/common.json";
import { createTestBooking, createTestOrganisation } from "../factories";
import { germanSortKey } from "../../app/utils/text-keys";
import { launchBrowser, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";

let server: TestServer;
let browser: Browser;
let db: Kysely<DB>;

beforeAll(async () => {
  server = await startTestServer();
  ({ db } = createDatabase(server.databasePath));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await db?.destroy();
  await server?.stop();
});

type Res = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; reused: boolean };
function request(path: string, o: { method?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const headers = o.body !== undefined ? { ...o.headers, "Content-Length": String(Buffer.byteLength(o.body)) } : (o.headers ?? {});
    const req = http.request({ host: "127.0.0.1", port: server.port, method: o.method ?? "GET", path, headers, agent: o.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), reused: req.reusedSocket }));
    });
    req.on("error", reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = "application/x-www-form-urlencoded";

async function loginCookie(email: string): Promise<string> {
  const res = await request("/login", {
    method: "POST",
    headers: { "Content-Type": FORM, Origin: server.baseUrl, Host: `localhost:${server.port}` },
    body: form({ email, password: DEMO_PASSWORD, redirectTo: "/office" }),
  });
  expect(res.status, res.body.toString()).toBe(302);
  const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  return cookies.map((c) => c.split(";")[0]).join("; ");
}

describe("a rendered page", () => {
  it("carries multi-byte text that crosses React's 2 KB chunks byte for byte, without NUL bytes", async () => {
    // React 18.3's Node stream writer sent the unwritten end of its 2 KB view (NUL bytes) when a
    // short text with a multi-byte character did not fit at its end (react#24985). Twenty short
    // organisation names of dashes, Arabic and Cyrillic letters on one list page, each padded by
    // 0 to 40 bytes (shifting the later ones further), put names across the chunk boundaries.
    const cookie = await loginCookie("koordination@example.org");
    for (let i = 0; i < 20; i++) await createTestOrganisation(db, { name: `Bytes ${i}` });
    const ids = (await db.selectFrom("organisation").select("id").where("name", "like", "Bytes %").orderBy("id").execute()).map((r) => r.id);
    const text = "18:00–20:00 مرحبا Привіт –";
    for (let pad = 0; pad <= 40; pad++) {
      // "A …" sorts these names first, so they fill the list's first page.
      const names = ids.map((_, i) => `A ${String(i).padStart(2, "0")} ${"x".repeat(pad)} ${text}`);
      for (const [i, id] of ids.entries()) await db.updateTable("organisation").set({ name: names[i], name_key: germanSortKey(names[i]) }).where("id", "=", id).execute();
      const res = await request("/office/organisations", { headers: { Cookie: cookie, "Accept-Encoding": "identity" } });
      expect(res.status).toBe(200);
      expect(res.body.includes(0), `NUL byte at padding ${pad}`).toBe(false);
      // Valid UTF-8 throughout, and every name exactly as stored.
      expect(Buffer.from(res.body.toString("utf8"), "utf8").equals(res.body), `padding ${pad}`).toBe(true);
      for (const name of names) expect(res.body.includes(Buffer.from(name, "utf8")), `padding ${pad}: ${name}`).toBe(true);
    }
  });
});

describe("one same-origin decision, a translated refusal (issue #12, item 4)", () => {
  it("a post whose Origin is BASE_URL reaches the action although Host differs (localhost vs 127.0.0.1)", async () => {
    const res = await request("/login", {
      method: "POST",
      headers: { "Content-Type": FORM, Origin: server.baseUrl, Host: `127.0.0.1:${server.port}` },
      body: form({ email: "koordination@example.org", password: "falsch-falsch" }),
    });
    // The login form answers with its field error, not Remix's aborted action (500).
    expect(res.status).toBe(400);
  });

  it("a cross-site post is refused with the app's 403 page in the visitor's language", async () => {
    for (const [lang, texts] of [["de", de], ["en", en]] as const) {
      const res = await request("/login", {
        method: "POST",
        headers: { "Content-Type": FORM, Origin: "https://evil.example", "Accept-Language": lang },
        body: form({ email: "koordination@example.org", password: DEMO_PASSWORD }),
      });
      expect(res.status).toBe(403);
      expect(res.headers["content-type"]).toMatch(/text\/html/);
      const html = res.body.toString("utf8");
      expect(html).toContain(`lang="${lang}"`);
      expect(html).toContain(texts.errorPage.forbidden.title);
      expect(res.headers["set-cookie"] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/session/)]));
    }
  });
});

describe("a keep-alive connection (issue #12, item 5)", () => {
  it("answers at once after a 200 kB post that the action answered without reading it", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request("/me/daten", {
        method: "POST",
        agent,
        headers: { "Content-Type": FORM, Origin: server.baseUrl },
        body: `data=${"a".repeat(200 * 1024)}`,
      });
      expect([302, 303]).toContain(first.status);
      const second = await Promise.race([
        request("/healthz", { agent }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer within 15 s on the reused connection")), 15_000)),
      ]);
      expect(second.status).toBe(200);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe("the room request's token page without JavaScript (issue #12, item 3)", () => {
  it("keeps the token from other sites' referrers and lets the guest confirm with the page's own form", async () => {
    const room = await db.selectFrom("room").select("id").orderBy("id").executeTakeFirstOrThrow();
    const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const { id, token } = await createTestBooking(db, room.id, { status: "unconfirmed", confirmExpiresAt: inTwoWeeks });
    const { context, page } = await newPage(browser, server.baseUrl, { javaScriptEnabled: false });
    try {
      const response = await page.goto(`/raum/buchung/${token}`);
      expect(response?.status()).toBe(200);
      const policy = (await response!.allHeaders())["referrer-policy"];
      expect(policy.split(",").map((p) => p.trim())).not.toContain("no-referrer");
      expect(policy).toMatch(/same-origin/);
      const [posted] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.locator('form[action$="/bestaetigen"] button[type="submit"]').click(),
      ]);
      expect(posted.status(), await posted.text().catch(() => "")).toBeLessThan(400);
      await page.waitForLoadState();
      expect((await db.selectFrom("booking").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("requested");
    } finally {
      await context.close();
    }
  });
});

describe("a graceful stop", () => {
  it("finishes the mail it is sending before the process ends (SIGTERM), instead of cutting the SMTP transaction off", async () => {
    // The SMTP server holds the message's data unanswered, so the stop arrives in the middle of
    // the send. Before, the process ended at once: the SMTP server saw the connection reset inside
    // the transaction and the message stayed claimed, to be sent again once its lease ran out.
    const other = await startTestServer({ smtpHold: true });
    try {
      const { db: otherDb } = createDatabase(other.databasePath);
      try {
        const now = new Date().toISOString();
        const { id } = await otherDb
          .insertInto("outbox")
          .values({ message_id: "<stop-test@ehrenamt-hub.invalid>", to_address: "stop@example.org", locale: "de", template: "test", subject: "Stop", html: "<p>Stop</p>", text: "Stop", status: "pending", next_attempt_at: now, created_at: now })
          .returning("id")
          .executeTakeFirstOrThrow();
        await other.smtp.holding;
        const exited = other.terminate();
        // The server stops taking connections at once; only then is the SMTP answer let through.
        for (;;) {
          const refused = await fetch(`${other.baseUrl}/healthz`).then(() => false, () => true);
          if (refused) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        other.smtp.release();
        expect(await exited).toBe(0);
        expect(other.smtp.received.map((m) => m.to)).toEqual([["stop@example.org"]]);
        expect(other.smtp.errors).toEqual([]);
        const row = await otherDb.selectFrom("outbox").select(["status", "sent_at"]).where("id", "=", id).executeTakeFirstOrThrow();
        expect(row.status, other.output()).toBe("sent");
        expect(row.sent_at).not.toBeNull();
      } finally {
        await otherDb.destroy();
      }
    } finally {
      await other.stop();
    }
  });
});
