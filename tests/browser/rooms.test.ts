/**
 * The Niersweg room in the browser (issue 4): a guest requests a slot, confirms it through the
 * mailed link, the office approves it, the public calendar shows it booked (without name or
 * purpose) and the .ics attached to the confirmation parses; a recurring request's preview
 * unticks the one conflicting date. Axe on every room page in German and Arabic (rtl), the
 * 360 px layout of the room page and the request form, and the request form without JavaScript.
 * Room photos: the office uploads one without JavaScript (multipart), it shows (loaded) on the
 * public room page and in the list, a bad upload is answered next to the field.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directionOf } from "../../app/i18n/config";
import { createDatabase, type Database } from "../../db/database";
import { createTestBooking } from "../factories/rooms";
import { makePng } from "../factories/images";
import { addDaysToDay, berlinDay, berlinToInstant, formatDayLong, weekdayOfDay } from "../../app/utils/dates";
import { expectNoA11yViolations, launchBrowser, login, newPage, scrollWidth } from "../setup/browser";
import { firstLink, type ReceivedMail } from "../setup/smtp";
import { startTestServer, type TestServer } from "../setup/server";

const locale = (lng: string) => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../app/i18n/locales/${lng}/rooms.json`), "utf8"));
const de = locale("de");

const GUEST = { name: "Lina Gastfreund", email: "lina.gast@example.org", purpose: "Nachbarschafts-Spieleabend" };
const SERIES_GUEST = { name: "Omar Serienfreund", email: "omar.serie@example.org", purpose: "Hausaufgabenhilfe" };

let server: TestServer;
let browser: Browser;
let db: Database;
let roomId: number;
/** The requested day: a weekday three weeks ahead (the demo's bookings lie elsewhere). */
let DAY: string;
/** Set by the flow, used by the accessibility checks. */
const state: { managePath?: string; bookingId?: number; pendingId?: number } = {};

/** A weekday `n` days ahead or the next one after it (Saturday and Sunday open later). */
function weekdayIn(n: number): string {
  let d = addDaysToDay(berlinDay(new Date()), n);
  while (weekdayOfDay(d) > 5) d = addDaysToDay(d, 1);
  return d;
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  db = createDatabase(server.databasePath).db;
  roomId = (await db.selectFrom("room").select("id").where("name", "=", "Gruppenraum Niersweg").executeTakeFirstOrThrow()).id;
  DAY = weekdayIn(20);
});

afterAll(async () => {
  await db?.destroy();
  await browser?.close();
  await server?.stop();
});

/** The `lng` cookie as the server writes it (Remix cookies are base64-encoded JSON). */
function languageCookie(lng: string) {
  return { name: "lng", value: encodeURIComponent(Buffer.from(JSON.stringify(lng)).toString("base64")), url: server.baseUrl };
}

async function pageIn(lng: "de" | "ar", options: Parameters<typeof newPage>[2] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newPage(browser, server.baseUrl, { locale: lng === "ar" ? "ar" : "de-DE", ...options });
  await opened.context.addCookies([languageCookie(lng)]);
  return opened;
}

async function check(page: Page, url: string, label: string, status = 200) {
  const res = await page.goto(url, { waitUntil: "networkidle" });
  expect(res?.status(), `${label}: HTTP status of ${url}`).toBe(status);
  await expectNoA11yViolations(page, label);
}

/** Waits (bounded) for a mail to `to` that matches `pick`. */
async function mailTo(to: string, pick: (m: ReceivedMail) => boolean, ms = 20_000): Promise<ReceivedMail> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    const m = server.smtp.received.find((r) => r.to.includes(to) && pick(r));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no matching mail to ${to} within ${ms} ms (got: ${server.smtp.received.filter((r) => r.to.includes(to)).map((r) => r.subject).join(" | ")})`);
}

/** Fills the request form (guest fields when present). */
async function fillRequest(page: Page, o: { name?: string; email?: string; day: string; start: string; end: string; purpose: string; accept?: boolean }) {
  const main = page.locator("main");
  if (o.name) await main.locator('input[name="name"]').fill(o.name);
  if (o.email) await main.locator('input[name="email"]').fill(o.email);
  await main.locator('input[name="day"]').fill(o.day);
  await main.locator('input[name="startTime"]').fill(o.start);
  await main.locator('input[name="endTime"]').fill(o.end);
  await main.locator('textarea[name="purpose"]').fill(o.purpose);
  await main.locator('input[name="attendees"]').fill("12");
  await main.locator('input[name="responsibleAdult"]').fill(o.name ?? "Verantwortliche Person");
  if (o.accept !== false) await main.locator('input[name="acceptRules"]').check();
}

const submitRequest = (page: Page) => page.locator("main").getByRole("button", { name: de.request.submit, exact: true }).click();

/** Parses iCalendar text into its content lines and checks the framing (CRLF, folding, nesting). */
function parseIcs(ics: string) {
  expect(ics.endsWith("\r\n"), "ends with CRLF").toBe(true);
  expect(ics.replace(/\r\n/g, "").includes("\n"), "no bare LF").toBe(false);
  for (const raw of ics.split("\r\n")) expect(Buffer.byteLength(raw, "utf8"), `folded at 75 octets: ${raw}`).toBeLessThanOrEqual(75);
  const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n").filter(Boolean);
  const stack: string[] = [];
  const components: Array<{ name: string; props: Map<string, string[]> }> = [];
  for (const line of lines) {
    expect(line, "a content line is NAME[;PARAMS]:VALUE").toMatch(/^[A-Z][A-Z0-9-]*(;[^:]+)?:/);
    const [, name, value] = /^([^:]+):(.*)$/.exec(line)!;
    if (name === "BEGIN") {
      stack.push(value);
      components.push({ name: value, props: new Map() });
    } else if (name === "END") {
      expect(stack.pop(), `END:${value} closes what was opened`).toBe(value);
    } else {
      const open = [...components].reverse().find((c) => c.name === stack[stack.length - 1])!;
      const key = name.split(";")[0];
      open.props.set(key, [...(open.props.get(key) ?? []), line]);
    }
  }
  expect(stack, "every BEGIN has its END").toEqual([]);
  expect(lines[0]).toBe("BEGIN:VCALENDAR");
  expect(lines[lines.length - 1]).toBe("END:VCALENDAR");
  return { lines, components };
}

describe("guest request → mailed confirmation → office approval → booked", () => {
  it("a guest requests a slot and sees a clear message for each broken rule", async () => {
    const { context, page } = await pageIn("de");
    await check(page, "/raum", "room list");
    await Promise.all([page.waitForURL(new RegExp(`/raum/${roomId}$`)), page.locator(`main a[href="/raum/${roomId}"]`).first().click()]);
    await page.waitForLoadState("networkidle");
    await Promise.all([page.waitForURL(/\/anfragen$/), page.locator("main").getByRole("link", { name: de.request.start }).click()]);
    await page.waitForLoadState("networkidle");

    // Tomorrow, 21:00–23:00: less than 2 days ahead, after 22:00, outside the opening hours.
    const tomorrow = addDaysToDay(berlinDay(new Date()), 1);
    await fillRequest(page, { ...GUEST, day: tomorrow, start: "21:00", end: "23:00" });
    await submitRequest(page);
    const alert = page.locator("main [role=alert]").filter({ hasText: de.request.notPossible });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? "";
    expect(text).toContain(de.rules.leadTime.replace("{{days}}", "2"));
    expect(text).toContain(de.rules.endsAfterNightRest.replace("{{time}}", "22:00"));
    // The input is kept.
    expect(await page.locator('main input[name="startTime"]').inputValue()).toBe("21:00");
    expect(await page.locator('main input[name="name"]').inputValue()).toBe(GUEST.name);
    expect(await page.locator('main textarea[name="purpose"]').inputValue()).toBe(GUEST.purpose);

    await page.locator('main input[name="day"]').fill(DAY);
    await page.locator('main input[name="startTime"]').fill("18:00");
    await page.locator('main input[name="endTime"]').fill("20:00");
    if (!(await page.locator('main input[name="acceptRules"]').isChecked())) await page.locator('main input[name="acceptRules"]').check();
    await Promise.all([page.waitForURL(/gesendet=1/), submitRequest(page)]);
    await page.waitForLoadState("networkidle");
    await expect.poll(() => page.locator("h1").textContent()).toBe(de.request.sentTitle);
    await context.close();

    const row = await db.selectFrom("booking").selectAll().where("contact_email", "=", GUEST.email).executeTakeFirstOrThrow();
    expect(row.status).toBe("unconfirmed");
    state.bookingId = row.id;
  });

  it("the guest confirms through the mailed link (a POST on the manage page)", async () => {
    const mail = await mailTo(GUEST.email, (m) => /\/raum\/buchung\//.test(m.text));
    const link = new URL(firstLink(mail.text));
    expect(link.origin).toBe(server.baseUrl);
    expect(link.pathname).toMatch(/^\/raum\/buchung\/[A-Za-z0-9_-]{20,}$/);
    state.managePath = link.pathname;

    const { context, page } = await pageIn("de");
    await check(page, link.pathname, "manage page (unconfirmed)");
    // Opening the link alone confirms nothing (mail scanners open links).
    expect((await db.selectFrom("booking").select("status").where("id", "=", state.bookingId!).executeTakeFirstOrThrow()).status).toBe("unconfirmed");
    await page.locator("main").getByRole("button", { name: de.manage.confirm }).click();
    await page.locator("main").getByText(de.manage.statusText.requested).waitFor();
    expect((await db.selectFrom("booking").select("status").where("id", "=", state.bookingId!).executeTakeFirstOrThrow()).status).toBe("requested");
    await context.close();
  });

  it("the office finds it in the inbox and approves it in the request queue", async () => {
    const { context, page } = await pageIn("de");
    await login(page, "koordination@example.org", "demo1234");
    await check(page, "/office", "office inbox with room requests");
    expect(await page.locator(`main a[href="/office/rooms/bookings/${state.bookingId}"]`).count()).toBeGreaterThan(0);

    await check(page, "/office/rooms/requests", "room request queue");
    const item = page.locator("main li").filter({ hasText: GUEST.name });
    await expect.poll(() => item.count()).toBe(1);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/office/rooms/requests")),
      item.getByRole("button", { name: de.office.approve, exact: true }).click(),
    ]);
    await expect.poll(() => page.locator("main li").filter({ hasText: GUEST.name }).count()).toBe(0);
    expect((await db.selectFrom("booking").select("status").where("id", "=", state.bookingId!).executeTakeFirstOrThrow()).status).toBe("confirmed");
    await context.close();
  });

  it("the public calendar shows the slot as booked, without name or purpose", async () => {
    const { context, page } = await pageIn("de");
    for (const view of ["week", "month"] as const) {
      await check(page, `/raum/${roomId}?view=${view}&from=${DAY}`, `room ${view} with the new booking`);
      const cell = view === "week" ? page.locator("ol.room-week > li").filter({ has: page.locator("h3", { hasText: formatDayLong(DAY, "de") }) }) : page.locator("table.room-month td").filter({ hasText: formatDayLong(DAY, "de") });
      expect(await cell.count(), `${view}: one cell for ${DAY}`).toBe(1);
      const blocks = await cell.locator(".room-blocks li").allTextContents();
      expect(blocks, `${view}: ${blocks.join(" | ")}`).toContain(`18:00–20:00${de.calendar.state.booked}`);
      const main = (await page.locator("main").textContent()) ?? "";
      for (const secret of [GUEST.name, GUEST.purpose, GUEST.email]) expect(main).not.toContain(secret);
    }
    await context.close();
  });

  it("the confirmation mail carries buchung.ics, a valid RFC 5545 calendar at the requested local time", async () => {
    const mail = await mailTo(GUEST.email, (m) => m.attachments.some((a) => a.filename === "buchung.ics"));
    const attachment = mail.attachments.find((a) => a.filename === "buchung.ics")!;
    expect(attachment.contentType).toMatch(/^text\/calendar/);
    const { components } = parseIcs(attachment.content);
    const calendar = components.find((c) => c.name === "VCALENDAR")!;
    expect(calendar.props.get("VERSION")).toEqual(["VERSION:2.0"]);
    expect(calendar.props.get("PRODID")).toHaveLength(1);
    const tz = components.filter((c) => c.name === "VTIMEZONE");
    expect(tz).toHaveLength(1);
    expect(tz[0].props.get("TZID")).toEqual(["TZID:Europe/Berlin"]);
    expect(components.filter((c) => c.name === "STANDARD")).toHaveLength(1);
    expect(components.filter((c) => c.name === "DAYLIGHT")).toHaveLength(1);
    const events = components.filter((c) => c.name === "VEVENT");
    expect(events).toHaveLength(1);
    const e = events[0].props;
    const ymd = DAY.replace(/-/g, "");
    expect(e.get("UID")).toEqual([`UID:booking-${state.bookingId}@ehrenamt-hub`]);
    expect(e.get("DTSTART")).toEqual([`DTSTART;TZID=Europe/Berlin:${ymd}T180000`]);
    expect(e.get("DTEND")).toEqual([`DTEND;TZID=Europe/Berlin:${ymd}T200000`]);
    expect(e.get("DTSTAMP")?.[0]).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(e.get("STATUS")).toEqual(["STATUS:CONFIRMED"]);
  });

  it("a recurring request: the preview unticks the one conflicting date, the rest is requested", async () => {
    const { context, page } = await pageIn("de");
    await page.goto(`/raum/${roomId}/anfragen`, { waitUntil: "networkidle" });
    const first = addDaysToDay(DAY, -7);
    // The preview needs neither name nor the accepted house rules yet.
    await fillRequest(page, { day: first, start: "18:00", end: "20:00", purpose: SERIES_GUEST.purpose, accept: false });
    await page.locator('main select[name="repeat"]').selectOption("weekly");
    await page.locator('main input[name="count"]').fill("3");
    await page.locator("main").getByRole("button", { name: de.request.preview }).click();
    const preview = page.locator("main fieldset").filter({ hasText: de.request.previewHint });
    await preview.waitFor();
    const boxes = preview.locator('input[name="dates"]');
    expect(await boxes.count()).toBe(3);
    const checked = await boxes.evaluateAll((els) => els.map((e) => [(e as HTMLInputElement).value, (e as HTMLInputElement).checked] as const));
    expect(checked).toEqual([
      [first, true],
      [DAY, false],
      [addDaysToDay(DAY, 7), true],
    ]);
    expect(await preview.textContent()).toContain(de.rules.overlapsConfirmed.split("{{")[0].trim());
    await expectNoA11yViolations(page, "series preview with one conflict");

    await page.locator('main input[name="name"]').fill(SERIES_GUEST.name);
    await page.locator('main input[name="email"]').fill(SERIES_GUEST.email);
    await page.locator('main input[name="acceptRules"]').check();
    await Promise.all([page.waitForURL(/gesendet=1/), submitRequest(page)]);
    const rows = await db.selectFrom("booking").select(["starts_at", "series_id", "status"]).where("contact_email", "=", SERIES_GUEST.email).orderBy("starts_at").execute();
    expect(rows.map((r) => berlinDay(r.starts_at))).toEqual([first, addDaysToDay(DAY, 7)]);
    expect(new Set(rows.map((r) => r.series_id)).size).toBe(1);
    expect(rows[0].series_id).not.toBeNull();
    await context.close();
  });
});

describe.each(["de", "ar"] as const)("axe on every room page (%s)", (lng) => {
  let anon: Page;
  let office: Page;
  let contexts: BrowserContext[] = [];
  const t = locale(lng);

  beforeAll(async () => {
    const a = await pageIn(lng);
    const o = await pageIn(lng);
    contexts = [a.context, o.context];
    anon = a.page;
    office = o.page;
    await login(office, "koordination@example.org", "demo1234");
    // A request still waiting (demo data) for the booking page with the decision forms.
    const pending = await db.selectFrom("booking").select("id").where("room_id", "=", roomId).where("status", "=", "requested").where("starts_at", ">", new Date().toISOString()).orderBy("starts_at").executeTakeFirstOrThrow();
    state.pendingId = pending.id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  it("right-to-left in Arabic", async () => {
    await anon.goto(`/raum/${roomId}`, { waitUntil: "networkidle" });
    expect(await anon.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lng, directionOf(lng)]);
  });
  it("/raum", () => check(anon, "/raum", `room list (${lng})`));
  it("/raum/:id week", () => check(anon, `/raum/${roomId}?view=week&from=${DAY}`, `room week (${lng})`));
  it("/raum/:id month", () => check(anon, `/raum/${roomId}?view=month&from=${DAY}`, `room month (${lng})`));
  it("request form, empty", () => check(anon, `/raum/${roomId}/anfragen`, `request form (${lng})`));
  it("request form with rule messages", async () => {
    await anon.goto(`/raum/${roomId}/anfragen`, { waitUntil: "networkidle" });
    await fillRequest(anon, { name: "Rana Beispiel", email: "rana@example.org", day: addDaysToDay(berlinDay(new Date()), 1), start: "21:00", end: "23:00", purpose: "Test" });
    await anon.locator("main").getByRole("button", { name: t.request.submit, exact: true }).click();
    await anon.locator("main [role=alert]").filter({ hasText: t.request.notPossible }).waitFor();
    await expectNoA11yViolations(anon, `request form with rule messages (${lng})`);
  });
  it("request form with field errors", async () => {
    await anon.goto(`/raum/${roomId}/anfragen`, { waitUntil: "networkidle" });
    await anon.locator("main").getByRole("button", { name: t.request.submit, exact: true }).click();
    await anon.locator('main [aria-invalid="true"]').first().waitFor();
    await expectNoA11yViolations(anon, `request form with field errors (${lng})`);
  });
  it("series preview", async () => {
    await anon.goto(`/raum/${roomId}/anfragen`, { waitUntil: "networkidle" });
    await fillRequest(anon, { day: addDaysToDay(DAY, -7), start: "18:00", end: "20:00", purpose: "Test", accept: false });
    await anon.locator('main select[name="repeat"]').selectOption("weekly");
    await anon.locator('main input[name="count"]').fill("3");
    await anon.locator("main").getByRole("button", { name: t.request.preview }).click();
    await anon.locator('main input[name="dates"]').first().waitFor();
    await expectNoA11yViolations(anon, `series preview (${lng})`);
  });
  it("request sent page", () => check(anon, `/raum/${roomId}/anfragen?gesendet=1`, `request sent (${lng})`));
  it("manage page (/raum/buchung/:token)", () => check(anon, state.managePath!, `manage page (${lng})`));
  it("manage page of a series date", async () => {
    const mail = await mailTo(SERIES_GUEST.email, (m) => /\/raum\/buchung\//.test(m.text));
    await check(anon, new URL(firstLink(mail.text)).pathname, `manage page of a series (${lng})`);
  });
  it("unknown manage token: 404", () => check(anon, "/raum/buchung/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", `manage page 404 (${lng})`, 404));

  it("/office inbox", () => check(office, "/office", `office inbox (${lng})`));
  it("/office/rooms", () => check(office, "/office/rooms", `office rooms (${lng})`));
  it("/office/rooms/:id (configuration, blackouts)", () => check(office, `/office/rooms/${roomId}`, `room configuration (${lng})`));
  it("/office/rooms/:id with form errors", async () => {
    await office.goto(`/office/rooms/${roomId}`, { waitUntil: "networkidle" });
    await office.locator('main input[name="capacity"]').fill("0");
    // Sent: validated in the browser once hydrated, else by the server (400) — errors either way.
    await office.locator('main form:has(input[name="capacity"]) button[type="submit"]').click();
    await office.locator('main [aria-invalid="true"]').first().waitFor();
    await expectNoA11yViolations(office, `room configuration with errors (${lng})`);
  });
  it("/office/rooms/new", () => check(office, "/office/rooms/new", `new room (${lng})`));
  it("/office/rooms/requests", () => check(office, "/office/rooms/requests", `request queue (${lng})`));
  it("/office/rooms/bookings/:id of a waiting request", () => check(office, `/office/rooms/bookings/${state.pendingId}`, `booking detail, waiting (${lng})`));
  it("/office/rooms/bookings/:id with the key handover", async () => {
    await check(office, `/office/rooms/bookings/${state.bookingId}`, `booking detail with key handover (${lng})`);
    if (lng === "de") {
      // Key out: then the page shows the handover and the key-back form.
      await office.locator('main input[name="deposit"]').fill("50");
      await Promise.all([
        office.waitForResponse((r) => r.request().method() === "POST"),
        office.locator("main").getByRole("button", { name: t.office.keyOut }).click(),
      ]);
      await office.locator('main select[name="depositOutcome"]').waitFor();
      await expectNoA11yViolations(office, `booking detail, key out (${lng})`);
    }
  });
  it("/office/rooms/:id/utilisation with its chart", async () => {
    const month = DAY.slice(0, 7);
    await check(office, `/office/rooms/${roomId}/utilisation?month=${month}`, `utilisation (${lng})`);
    expect(await office.locator("main svg[role=img] title").count()).toBe(1);
  });
  it("/office/rooms/:id/photos", async () => {
    await check(office, `/office/rooms/${roomId}/photos`, `room photos (${lng})`);
    // The demo's drawn illustration is listed with its description.
    expect(await office.locator("main ol img").count()).toBeGreaterThan(0);
  });
  it("/office/rooms/:id/photos with an upload refused next to the field", async () => {
    await office.goto(`/office/rooms/${roomId}/photos`, { waitUntil: "networkidle" });
    await office.locator('main input[name="photo"]').setInputFiles({ name: "notiz.png", mimeType: "image/png", buffer: Buffer.from("kein Bild") });
    await office.locator("#photo-alt-new").fill("Beschreibung bleibt");
    await office.locator("main").getByRole("button", { name: t.photos.upload }).click();
    await office.locator('main input[name="photo"][aria-invalid="true"]').waitFor();
    expect(await office.locator("#photo-file-error").textContent()).toBe(t.errors.photoNotImage);
    expect(await office.locator("#photo-alt-new").inputValue()).toBe("Beschreibung bleibt");
    await expectNoA11yViolations(office, `room photos, upload refused (${lng})`);
  });
  it("/raum and /raum/:id show the room's photos, loaded, with their descriptions", async () => {
    for (const url of ["/raum", `/raum/${roomId}`]) {
      await anon.goto(url, { waitUntil: "networkidle" });
      const img = anon.locator('main img[src^="/raum/foto/"]').first();
      expect((await img.getAttribute("alt"))?.length, url).toBeGreaterThan(10);
      expect(await img.evaluate((e) => (e as HTMLImageElement).naturalWidth), url).toBeGreaterThan(0);
    }
  });
  it("/raum/:id shows the room's note on the fee beside the price, in the reader's language (migration 0065)", async () => {
    const room = await db.selectFrom("room").select(["fee_note", "fee_note_translations"]).where("id", "=", roomId).executeTakeFirstOrThrow();
    const note = lng === "de" ? room.fee_note : (JSON.parse(room.fee_note_translations) as Record<string, string>)[lng];
    expect(note).toBeTruthy();
    await anon.goto(`/raum/${roomId}`, { waitUntil: "networkidle" });
    const item = anon.locator("main li", { hasText: note });
    expect(await item.textContent()).toContain(t.room.feeNote);
    // In the reader's language: no language of its own to mark.
    expect(await item.locator('span[dir="auto"]').getAttribute("lang")).toBeNull();
  });
  it("/office/rooms/requests with a refusal naming the blocking booking", async () => {
    // A week apart, so the two languages never share a day (weekdayIn skips weekends).
    const day = addDaysToDay(weekdayIn(45), lng === "de" ? 0 : 7);
    const at = (h: string) => berlinToInstant(day, h).toISOString();
    const blocking = await createTestBooking(db, roomId, { status: "confirmed", startsAt: at("10:00"), endsAt: at("12:00") });
    const waiting = await createTestBooking(db, roomId, { status: "requested", startsAt: at("11:00"), endsAt: at("13:00"), name: "Wartende Anfrage" });
    await office.goto("/office/rooms/requests", { waitUntil: "networkidle" });
    const item = office.locator("main li").filter({ has: office.locator(`a[href="/office/rooms/bookings/${waiting.id}"]`) });
    await item.getByRole("button", { name: t.office.approve }).click();
    await item.locator(`a[data-blocking-booking="${blocking.id}"]`).waitFor();
    const refusal = (await item.locator("[role=alert]").textContent()) ?? "";
    // The times read in order in either direction: in Arabic each value is isolated (U+2066–U+2069).
    expect(refusal.replace(/[\u2066-\u2069]/g, "")).toContain("10:00–12:00");
    if (lng === "ar") expect(refusal).toContain("\u206810:00\u2069–\u206812:00\u2069");
    await expectNoA11yViolations(office, `request queue with a refusal (${lng})`);
  });
  it("/office/rooms/:id/book (direct booking)", () => check(office, `/office/rooms/${roomId}/book`, `direct booking (${lng})`));
  it("/office/rooms/:id/book with rule messages", async () => {
    await office.goto(`/office/rooms/${roomId}/book`, { waitUntil: "networkidle" });
    await fillRequest(office, { name: "Telefon Anruferin", email: "telefon@example.org", day: DAY, start: "18:30", end: "21:00", purpose: "Telefonisch", accept: false });
    await office.locator("main").getByRole("button", { name: t.office.bookNow }).click();
    await office.locator("main [role=alert]").filter({ hasText: t.request.notPossible }).waitFor();
    await expectNoA11yViolations(office, `direct booking with rule messages (${lng})`);
  });
});

describe.each(["de", "ar"] as const)("phone width, 360 px (%s)", (lng) => {
  it("no horizontal scrolling on the room page (week and month) and the request form", async () => {
    const { context, page } = await pageIn(lng, { viewport: { width: 360, height: 740 } });
    for (const url of [`/raum/${roomId}`, `/raum/${roomId}?view=month&from=${DAY}`, `/raum/${roomId}/anfragen`]) {
      await page.goto(url, { waitUntil: "networkidle" });
      expect(await scrollWidth(page), url).toBeLessThanOrEqual(360);
      // The month table scrolls inside its own box: that box must be reachable by keyboard.
      await expectNoA11yViolations(page, `${url} at 360 px (${lng})`);
    }
    await context.close();
  });
});

describe("the request form without JavaScript", () => {
  it("answers a broken rule with the form again (400), the message and the input kept", async () => {
    const { context, page } = await pageIn("de", { javaScriptEnabled: false });
    await page.goto(`/raum/${roomId}/anfragen`);
    await fillRequest(page, { name: "Ohne Skript", email: "ohne.skript@example.org", day: DAY, start: "10:00", end: "23:00", purpose: "Lesekreis" });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.request().resourceType() === "document"),
      submitRequest(page),
    ]);
    await page.waitForLoadState("load");
    expect(response.status()).toBe(400);
    expect(new URL(page.url()).pathname).toBe(`/raum/${roomId}/anfragen`);
    const alert = page.locator("main [role=alert]").filter({ hasText: de.request.notPossible });
    expect(await alert.textContent()).toContain(de.rules.endsAfterNightRest.replace("{{time}}", "22:00"));
    expect(await page.locator('main input[name="name"]').inputValue()).toBe("Ohne Skript");
    expect(await page.locator('main input[name="day"]').inputValue()).toBe(DAY);
    expect(await page.locator('main input[name="startTime"]').inputValue()).toBe("10:00");
    expect(await page.locator('main input[name="endTime"]').inputValue()).toBe("23:00");
    expect(await page.locator('main textarea[name="purpose"]').inputValue()).toBe("Lesekreis");
    expect(await page.locator('main input[name="acceptRules"]').isChecked()).toBe(true);
    expect(await db.selectFrom("booking").select("id").where("contact_email", "=", "ohne.skript@example.org").execute()).toEqual([]);

    // Fixed and sent again, still without JavaScript.
    await page.locator('main input[name="endTime"]').fill("12:00");
    await Promise.all([page.waitForURL(/gesendet=1/), submitRequest(page)]);
    expect(await db.selectFrom("booking").select("status").where("contact_email", "=", "ohne.skript@example.org").execute()).toEqual([{ status: "unconfirmed" }]);
    await context.close();
  });
});

describe("room photos without JavaScript", () => {
  it("the office uploads a photo (multipart form), describes it, and it is public under a cached URL", async () => {
    const { context, page } = await pageIn("de", { javaScriptEnabled: false });
    await login(page, "koordination@example.org", "demo1234");
    await page.goto(`/office/rooms/${roomId}/photos`);
    const before = await page.locator("main ol > li").count();
    // Small enough for the default body limit (the upload paths are decided in scripts/serve.ts).
    await page.locator('main input[name="photo"]').setInputFiles({ name: "teekueche.png", mimeType: "image/png", buffer: makePng(120, 80, [220, 180, 60]) });
    await page.locator("#photo-alt-new").fill("Teeküche mit Wasserkocher und Spüle");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.request().resourceType() === "document"),
      page.locator("main").getByRole("button", { name: de.photos.upload }).click(),
    ]);
    expect(response.status()).toBe(302);
    await page.waitForLoadState("load");
    expect(await page.locator("main ol > li").count()).toBe(before + 1);
    const row = await db.selectFrom("room_photo").select(["id", "version", "alt", "width"]).where("room_id", "=", roomId).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect([row.alt, row.width]).toEqual(["Teeküche mit Wasserkocher und Spüle", 120]);

    // Move it to the front, still without JavaScript: it becomes the list's photo.
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: de.photos.moveUpLabel.replace("{{n}}", String(before + 1)) }).click()]);
    await page.goto("/raum");
    expect(await page.locator('main img[src^="/raum/foto/"]').first().getAttribute("alt")).toBe("Teeküche mit Wasserkocher und Spüle");

    const res = await fetch(`${server.baseUrl}/raum/foto/${row.id}-${row.version}.jpg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const etag = res.headers.get("etag")!;
    expect((await fetch(`${server.baseUrl}/raum/foto/${row.id}-${row.version}.jpg`, { headers: { "If-None-Match": etag } })).status).toBe(304);

    // A bad upload without JavaScript: 400, the message next to the field, nothing written.
    await page.goto(`/office/rooms/${roomId}/photos`);
    await page.locator('main input[name="photo"]').setInputFiles({ name: "x.jpg", mimeType: "image/jpeg", buffer: Buffer.from("Text statt Bild") });
    await page.locator("#photo-alt-new").fill("Soll bleiben");
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.request().resourceType() === "document"),
      page.locator("main").getByRole("button", { name: de.photos.upload }).click(),
    ]);
    expect(bad.status()).toBe(400);
    await page.waitForLoadState("load");
    expect(await page.locator("#photo-file-error").textContent()).toBe(de.errors.photoNotImage);
    expect(await page.locator("#photo-alt-new").inputValue()).toBe("Soll bleiben");
    expect(await db.selectFrom("room_photo").select("id").where("room_id", "=", roomId).execute()).toHaveLength(before + 1);

    // Deleted again, without JavaScript.
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: de.photos.deleteLabel.replace("{{n}}", "1") }).click()]);
    expect(await db.selectFrom("room_photo").select("id").where("id", "=", row.id).execute()).toEqual([]);
    await context.close();
  });
});
