/**
 * Never a double booking, through the real HTTP server (issue 4): 50 simultaneous approvals of
 * overlapping requests for the same room and slot, sent with the coordinator's session cookie
 * (logged in through POST /login), end with exactly one confirmed booking and 49 "already
 * booked" answers (HTTP 409):
 * - one server process, plain form POSTs (no JavaScript): each refusal is the page with the
 *   translated message next to the request;
 * - two server processes on the same database file, the requests split between them, as the
 *   hydrated page sends them (Remix single fetch, `…/requests.data`): each refusal carries the
 *   message key `rooms:errors.alreadyBooked` with the confirmed slot's day and times;
 * - two server processes with plain form POSTs: the same, with the translated page (a process
 *   waiting for the other's write lock waits asynchronously, so no render is ever cut off).
 *
 * Every refusal must name the booking that was finally confirmed: its day and times in the
 * message, and its id (the page links to it; the single-fetch answer carries it as `bookingId`).
 * The refusal is built from the blocking row as read inside the refusing BEGIN IMMEDIATE
 * transaction, so it cannot name anything else.
 *
 * The requests are written into the server's database (the SQLite file in WAL mode, or the
 * PostgreSQL database when TEST_DATABASE_URL is set; the server keeps running) with the room
 * factories before the approvals are sent.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../db/database";
import { addDaysToDay, berlinDay, berlinTime, berlinToInstant, formatDate } from "../../app/utils/dates";
import { decode } from "turbo-stream";
import { createTestBooking } from "../factories/rooms";
import { startTestServer, type TestServer } from "../setup/server";

const rooms = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../app/i18n/locales/de/rooms.json"), "utf8"));
const COUNT = 50;

let first: TestServer;
let second: TestServer | undefined;
let db: Database;
let roomId: number;

beforeAll(async () => {
  // On PostgreSQL when TEST_DATABASE_URL is set (both servers on one database), else on one SQLite file.
  first = await startTestServer({ engine: process.env.TEST_DATABASE_URL ? "postgres" : "sqlite" });
  db = createDatabase(first.databasePath).db;
  roomId = (await db.selectFrom("room").select("id").where("name", "=", "Gruppenraum Niersweg").executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await db?.destroy();
  await second?.stop();
  await first?.stop();
});

/** Logs in through the real login form (POST with Origin, as a browser sends it); returns the Cookie header. */
async function sessionCookie(server: TestServer, email: string): Promise<string> {
  const res = await fetch(`${server.baseUrl}/login`, {
    method: "POST",
    headers: { Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "demo1234" }),
    redirect: "manual",
  });
  expect(res.status, `login as ${email}`).toBe(302);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  expect(cookies.length).toBeGreaterThan(0);
  return cookies.join("; ");
}

/** 50 requests for overlapping slots on `day` (18:00–20:00 shifted by 0, 15, 30 or 45 minutes). */
async function fiftyOverlapping(day: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < COUNT; i++) {
    const start = berlinToInstant(day, "18:00").getTime() + (i % 4) * 15 * 60_000;
    const b = await createTestBooking(db, roomId, {
      status: "requested",
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 2 * 3600_000).toISOString(),
      email: `gleichzeitig-${day}-${i}@example.org`,
      purpose: `Parallel ${i}`,
    });
    ids.push(b.id);
  }
  return ids;
}

type Answer = { id: number; status: number; location: string | null; body: string };

/**
 * One approval as the office's form sends it: `document` is the plain form POST (no
 * JavaScript; the answer is the page with the translated message), `data` the request the
 * hydrated page sends (Remix single fetch, `…/requests.data`; the answer carries the message
 * key and its values, translated in the browser).
 */
async function approve(server: TestServer, cookie: string, id: number, mode: "document" | "data"): Promise<Answer> {
  const res = await fetch(`${server.baseUrl}/office/rooms/requests${mode === "data" ? ".data" : ""}`, {
    method: "POST",
    headers: { Origin: server.baseUrl, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "approve", bookingId: String(id) }),
    redirect: "manual",
    signal: AbortSignal.timeout(90_000),
  });
  return { id, status: res.status, location: res.headers.get("location") ?? res.headers.get("x-remix-redirect"), body: await res.text() };
}

/** The German "already booked" message, naming the one confirmed booking. */
function alreadyBookedText(confirmed: { starts_at: string; ends_at: string }): string {
  const values: Record<string, string> = { day: formatDate(berlinDay(confirmed.starts_at), "de"), from: berlinTime(confirmed.starts_at), to: berlinTime(confirmed.ends_at) };
  return (rooms.errors.alreadyBooked as string).replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k]);
}

/** The action data of a single-fetch answer (turbo-stream, as the hydrated page decodes it). */
async function singleFetchData(body: string): Promise<unknown> {
  const decoded = await decode(new Response(body).body!);
  await decoded.done;
  return (decoded.value as { data?: unknown }).data;
}

async function expectExactlyOne(ids: number[], answers: Answer[], label: string, mode: "document" | "data", servers: TestServer[]) {
  const confirmed = await db.selectFrom("booking").select(["id", "starts_at", "ends_at"]).where("id", "in", ids).where("status", "=", "confirmed").execute();
  expect(confirmed, `${label}: confirmed bookings`).toHaveLength(1);
  const stillRequested = await db.selectFrom("booking").select("id").where("id", "in", ids).where("status", "=", "requested").execute();
  expect(stillRequested, `${label}: the others keep waiting`).toHaveLength(COUNT - 1);

  const refused = answers.filter((a) => a.status === 409);
  const others = answers.filter((a) => a.status !== 409);
  const logs = () => servers.map((s) => s.output()).join("\n---\n");
  expect(others.map((a) => [a.id, a.status]), `${label}: one success, the rest 409\n${others.map((a) => a.body.slice(0, 200)).join("\n")}\n${logs()}`).toEqual([
    [confirmed[0].id, mode === "document" ? 302 : 202],
  ]);
  expect(others[0].location ?? others[0].body).toContain("/office/rooms/requests");
  expect(refused).toHaveLength(COUNT - 1);

  const c = { day: berlinDay(confirmed[0].starts_at), from: berlinTime(confirmed[0].starts_at), to: berlinTime(confirmed[0].ends_at) };
  const message = alreadyBookedText(confirmed[0]);
  for (const a of refused) {
    if (mode === "document") {
      expect(a.body, `${label}: booking ${a.id} answers with the translated message`).toContain(message);
      // The message appears once, as the alert next to the refused request, with the link to the blocking booking.
      expect(a.body.split(message), `${label}: booking ${a.id}`).toHaveLength(2);
      expect([...a.body.matchAll(/data-blocking-booking="(\d+)"/g)].map((m) => Number(m[1])), `${label}: booking ${a.id} links the blocking booking`).toEqual([confirmed[0].id]);
    } else {
      // The key and the values of the confirmed slot (the page translates them into the message above).
      const answer = await singleFetchData(a.body);
      expect(answer, `${label}: booking ${a.id}`).toEqual({ bookingId: a.id, error: { key: "rooms:errors.alreadyBooked", values: { ...c, bookingId: confirmed[0].id } } });
    }
  }

  // One confirmation mail (with the .ics) for the one confirmed requester, none for the others.
  const emails = await db.selectFrom("booking").select("contact_email").where("id", "in", ids).execute();
  const mails = await db.selectFrom("outbox").select("to_address").where("template", "=", "room-booking-confirmed").where("to_address", "in", emails.map((e) => e.contact_email)).execute();
  expect(mails, `${label}: confirmation mails`).toHaveLength(1);
}

describe("50 simultaneous approvals of one slot through the HTTP server", () => {
  it("one server process: exactly one confirmed, 49 clear 'already booked' answers", async () => {
    const day = addDaysToDay(berlinDay(new Date()), 40);
    const ids = await fiftyOverlapping(day);
    const cookie = await sessionCookie(first, "koordination@example.org");
    const started = Date.now();
    const answers = await Promise.all(ids.map((id) => approve(first, cookie, id, "document")));
    console.info(`one process, form posts: ${COUNT} approvals in ${Date.now() - started} ms`);
    await expectExactlyOne(ids, answers, "one process", "document", [first]);
  });

  it("two server processes on the same database: exactly one confirmed, 49 'already booked'", async () => {
    // why: the second process only answers requests; one mail sender and daily job are enough.
    second = await startTestServer({ databasePath: first.databasePath, env: { BACKGROUND_JOBS: "false" } });
    const day = addDaysToDay(berlinDay(new Date()), 41);
    const ids = await fiftyOverlapping(day);
    const cookies = [await sessionCookie(first, "koordination@example.org"), await sessionCookie(second, "koordination@example.org")];
    const servers = [first, second];
    // Both processes are warm (one page each) before the burst.
    for (const [i, s] of servers.entries()) expect((await fetch(`${s.baseUrl}/office/rooms/requests`, { headers: { Cookie: cookies[i] } })).status).toBe(200);
    const started = Date.now();
    const answers = await Promise.all(ids.map((id, i) => approve(servers[i % 2], cookies[i % 2], id, "data")));
    console.info(`two processes, single fetch: ${COUNT} approvals in ${Date.now() - started} ms`);
    // Both processes refused some of their half: the second one saw the first one's booking, and the other way round.
    for (const parity of [0, 1]) expect(answers.filter((a, i) => i % 2 === parity && a.status === 409).length, `process ${parity + 1}`).toBeGreaterThan(0);
    await expectExactlyOne(ids, answers, "two processes", "data", [first, second]);
  });

  it("two server processes with plain form posts: exactly one confirmed, 49 translated 'already booked' pages", async () => {
    second ??= await startTestServer({ databasePath: first.databasePath, env: { BACKGROUND_JOBS: "false" } });
    const day = addDaysToDay(berlinDay(new Date()), 42);
    const ids = await fiftyOverlapping(day);
    const servers = [first, second];
    const cookies = [await sessionCookie(first, "koordination@example.org"), await sessionCookie(second, "koordination@example.org")];
    const started = Date.now();
    const answers = await Promise.all(ids.map((id, i) => approve(servers[i % 2], cookies[i % 2], id, "document")));
    console.info(`two processes, form posts: ${COUNT} approvals in ${Date.now() - started} ms`);
    await expectExactlyOne(ids, answers, "two processes, form posts", "document", servers);
  });
});
