import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { approveSeries } from "../../../app/modules/rooms/approve-series.server";
import { approveBooking, bookByOffice, declineBooking } from "../../../app/modules/rooms/decide-booking.server";
import { cancelOwnBooking, changeBooking, changeSeriesTimes } from "../../../app/modules/rooms/manage-booking.server";
import { requestBooking } from "../../../app/modules/rooms/request-booking.server";
import { getDb, getEngine } from "../../../app/utils/db.server";
import { commandRetries } from "../../../db/database";
import { addDaysToDay, berlinDay, berlinTime, berlinToInstant } from "../../../app/utils/dates";
import { isAppError } from "../../../app/utils/errors";
import { createTestBooking, createTestRoom, createTestUser } from "../../factories";
import { dayIn } from "./helpers";

const coordinator = async (): Promise<Actor> => {
  const u = await createTestUser(getDb(), { roles: ["coordinator"] });
  return { userId: u.id, email: u.email, name: "Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
};

/** 50 requests for overlapping slots (18:00–20:00 shifted by up to 45 minutes). */
async function fiftyOverlapping(roomId: number, day: string) {
  const ids: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = berlinToInstant(day, "18:00").getTime() + (i % 4) * 15 * 60_000;
    const b = await createTestBooking(getDb(), roomId, { status: "requested", startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3600_000).toISOString() });
    ids.push(b.id);
  }
  return ids;
}

const confirmedIn = async (roomId: number) =>
  getDb().selectFrom("booking").select(["id", "starts_at", "ends_at"]).where("room_id", "=", roomId).where("status", "=", "confirmed").orderBy("starts_at").execute();

describe("never a double booking", () => {
  it("50 simultaneous approvals in one process: exactly one confirmed, 49 clear 'already booked'", async () => {
    const room = await createTestRoom(getDb());
    const actor = await coordinator();
    const ids = await fiftyOverlapping(room.id, dayIn(15));
    const refusals: Array<Record<string, unknown> | undefined> = [];
    const outcomes = await Promise.all(
      ids.map((id) =>
        approveBooking(actor, id).then(
          () => "confirmed",
          (e) => {
            if (!isAppError(e)) return "crash";
            refusals.push(e.values);
            return e.key;
          },
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "confirmed")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "rooms:errors.alreadyBooked")).toHaveLength(49);
    const confirmed = await confirmedIn(room.id);
    expect(confirmed).toHaveLength(1);
    // Every refusal names the one booking that blocks: its id, day and local times.
    const blocker = { bookingId: confirmed[0].id, day: berlinDay(confirmed[0].starts_at), from: berlinTime(confirmed[0].starts_at), to: berlinTime(confirmed[0].ends_at) };
    expect(refusals).toEqual(Array.from({ length: 49 }, () => blocker));
    const mails = await getDb().selectFrom("outbox").select("id").where("template", "=", "room-booking-confirmed").execute();
    expect(mails).toHaveLength(1);
  });

  it("two Node processes on the same database (the SQLite file, or the PostgreSQL database): exactly one confirmed", async () => {
    const room = await createTestRoom(getDb());
    const actor = await coordinator();
    const ids = await fiftyOverlapping(room.id, dayIn(16));
    const worker = path.resolve(import.meta.dirname, "approve-worker.ts");
    const halves = [ids.filter((_, i) => i % 2 === 0), ids.filter((_, i) => i % 2 === 1)];
    const procs = halves.map((half) => {
      // The test file's own database, on the engine the suite runs on (tests/setup/integration.ts).
      const target = process.env.DATABASE_URL || process.env.DATABASE_PATH!;
      const p = spawn(process.execPath, ["--import", "tsx", worker, target, actor.userId, ...half.map(String)], { stdio: ["pipe", "pipe", "pipe"], cwd: path.resolve(import.meta.dirname, "../../..") });
      let out = "";
      let err = "";
      let signalReady: () => void = () => {};
      const ready = new Promise<void>((resolve) => (signalReady = resolve));
      p.stdout.on("data", (c) => {
        out += c;
        if (out.startsWith("ready\n")) signalReady();
      });
      p.stderr.on("data", (c) => (err += c));
      const done = new Promise<{ results: string[]; retries: number }>((resolve, reject) =>
        p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`worker failed (${code}): ${err}`)))),
      );
      return { p, done, ready: Promise.race([ready, done.then(() => undefined)]) };
    });
    // Both workers say when they have loaded the app; then they start at the same moment.
    await Promise.all(procs.map((x) => x.ready));
    for (const { p } of procs) p.stdin.write("go\n");
    const outcomes = await Promise.all(procs.map((x) => x.done));
    const results = outcomes.flatMap((o) => o.results);
    expect(results).toHaveLength(50);
    expect(results.filter((r) => r === "confirmed")).toHaveLength(1);
    const confirmed = await confirmedIn(room.id);
    expect(confirmed).toHaveLength(1);
    // Both processes' refusals name the booking the other (or the same) process confirmed.
    expect(results.filter((r) => r === `rooms:errors.alreadyBooked#${confirmed[0].id}`)).toHaveLength(49);
  }, 60_000);

  it("randomised interleaving of create/approve/book/change/cancel (single dates and series) never leaves two confirmed bookings overlapping (buffer included)", async () => {
    const room = await createTestRoom(getDb(), { bufferMinutes: 30 });
    const actor = await coordinator();
    const guest = await createTestUser(getDb(), { roles: ["volunteer"], email: "zufall@example.org" });
    const requester: Actor = { userId: guest.id, email: guest.email, name: "Zufall", locale: "de", emailVerified: true, roles: ["volunteer"], organisationIds: [] };
    // A seeded generator: the same sequence every run.
    let seed = 20261121;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const days = [dayIn(20), dayIn(21)];
    const times = ["09:00", "10:00", "10:30", "11:00", "12:00", "13:30", "14:00", "15:00"];
    const slot = () => {
      const start = pick(times.slice(0, -2));
      const end = pick(times.filter((t) => t > start));
      return { day: pick(days), startTime: start, endTime: end };
    };
    const known: number[] = [];
    const confirmedVia = { approval: 0, series: 0, office: 0 };
    const series: number[] = [];
    type Op = "create" | "create-series" | "approve" | "approve-series" | "office-book" | "change" | "change-series" | "cancel" | "decline";
    const run = (op: Op) => (async () => {
        try {
          if (op === "create" || known.length === 0) {
            const r = await requestBooking(requester, room.id, { ...slot(), parts: [], purpose: "Test", attendees: 5, responsibleAdult: "Zufall Test", repeat: "none", dates: [], intent: "request", rulesVersion: 1, acceptRules: "on" });
            if (r.ok) known.push(...r.bookingIds);
          } else if (op === "create-series") {
            const s = slot();
            const r = await requestBooking(requester, room.id, { ...s, day: days[0], parts: [], purpose: "Serie", attendees: 5, responsibleAdult: "Zufall Test", repeat: "weekly", count: 2, dates: [], intent: "request", rulesVersion: 1, acceptRules: "on" });
            if (r.ok) {
              known.push(...r.bookingIds);
              series.push(r.bookingIds[0]);
            }
          } else if (op === "approve") {
            await approveBooking(actor, pick(known));
            confirmedVia.approval++;
          } else if (op === "approve-series" && series.length) {
            const first = await getDb().selectFrom("booking").select("series_id").where("id", "=", pick(series)).executeTakeFirstOrThrow();
            if ((await approveSeries(actor, first.series_id!)).confirmed.length) confirmedVia.series++;
          } else if (op === "office-book") {
            const r = await bookByOffice(actor, room.id, { ...slot(), parts: [], purpose: "Amt", attendees: 5, responsibleAdult: "Amt Test", name: "Amt Test", email: "amt@example.org", locale: "de" });
            if (r.ok) {
              known.push(r.id);
              confirmedVia.office++;
            }
          } else if (op === "change") await changeBooking(pick(known), { ...slot(), parts: [], purpose: "Geändert", attendees: 5, responsibleAdult: "Zufall Test" });
          else if (op === "change-series" && series.length) await changeSeriesTimes(pick(series), { startTime: pick(times.slice(0, -2)), endTime: "15:00" });
          else if (op === "cancel") await cancelOwnBooking(pick(known), { scope: "one" });
          else if (op === "decline") await declineBooking(actor, pick(known), "Zufall");
        } catch (e) {
          if (!isAppError(e)) throw e;
        }
      })();
    // 30 waves of 8 operations in flight at once: interleaved inside each wave. Every way to
    // confirm a booking is in the mix (approval, series approval, the office's direct booking).
    const ops: Op[] = ["create", "create", "create-series", "approve", "approve", "approve", "approve-series", "office-book", "change", "change-series", "cancel", "decline"];
    // After every wave: no two confirmed bookings overlap, buffer included.
    const buffer = 30 * 60_000;
    // At least 30 waves, and more (up to 80) until every path has confirmed once: on PostgreSQL the
    // operations run truly in parallel, and in some interleavings every direct booking of the first
    // 30 waves met a slot taken already (seen 2 in 9 runs), which proves nothing about the invariant.
    const everyPath = () => confirmedVia.approval > 0 && confirmedVia.series > 0 && confirmedVia.office > 0;
    for (let wave = 0; wave < 30 || (!everyPath() && wave < 80); wave++) {
      await Promise.all(Array.from({ length: 8 }, () => run(pick(ops))));
      const confirmed = await confirmedIn(room.id);
      for (let i = 1; i < confirmed.length; i++) {
        expect(Date.parse(confirmed[i].starts_at)).toBeGreaterThanOrEqual(Date.parse(confirmed[i - 1].ends_at) + buffer);
      }
    }
    // The mix really confirmed through each path. Which bookings stay confirmed at the end depends
    // on how the operations interleave (truly parallel on PostgreSQL), so the paths are counted as
    // they succeed.
    expect(confirmedVia.approval).toBeGreaterThan(0);
    expect(confirmedVia.series).toBeGreaterThan(0);
    expect(confirmedVia.office).toBeGreaterThan(0);
    expect((await confirmedIn(room.id)).length).toBeGreaterThan(0);
  });
});

/**
 * Holds the room's row lock in a transaction of its own (another connection), runs `command`, and
 * says whether the command had to wait for it: "waiting" when PostgreSQL shows a lock request of this
 * database not granted while the command has not finished, "finished" when it finished first.
 */
async function waitsForRoomLock(roomId: number, command: () => Promise<unknown>): Promise<{ first: "waiting" | "finished"; result: unknown }> {
  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await holder.connect();
  try {
    await holder.query("begin");
    await holder.query("select 1 from room where id = $1 for no key update", [roomId]);
    let settled = false;
    const running = command().finally(() => (settled = true));
    running.catch(() => {});
    const waiting = (async () => {
      // Each probe is one round trip: the loop is paced by the server's answers, not by a timer.
      while (!settled) {
        const { rows } = await holder.query("select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid where not l.granted and a.datname = current_database()");
        if (rows[0].n > 0) return "waiting" as const;
      }
      return "finished" as const;
    })();
    const first = await Promise.race([running.then(() => "finished" as const, () => "finished" as const), waiting]);
    await holder.query("rollback");
    return { first, result: await running };
  } finally {
    await holder.end();
  }
}

// Skipped on SQLite (reason): the room's row lock is PostgreSQL's (ADR 0057); SQLite's BEGIN IMMEDIATE runs one command at a time already. Without TEST_DATABASE_URL this is the SQLite pass.
describe.skipIf(getEngine() !== "postgres")("commands confirming one room's bookings wait in line (PostgreSQL)", () => {
  // Without the lock, two such commands could each write an overlapping confirmed booking at the
  // same moment; the exclusion constraint then made each wait for the other, a deadlock PostgreSQL
  // breaks only after deadlock_timeout (stop 22's CI run: one command ran out of retries).
  it("the office's direct booking, an approval and a series approval each wait while the room is locked, then confirm", async () => {
    const room = await createTestRoom(getDb(), { bufferMinutes: 30 });
    const actor = await coordinator();
    const deadlocks = commandRetries.deadlocks;

    const direct = await waitsForRoomLock(room.id, () =>
      bookByOffice(actor, room.id, { day: dayIn(40), startTime: "10:00", endTime: "11:00", parts: [], purpose: "Amt", attendees: 5, responsibleAdult: "Amt Test", name: "Amt Test", email: "amt@example.org", locale: "de" }),
    );
    expect(direct.first).toBe("waiting");
    expect(direct.result).toMatchObject({ ok: true });

    const start = berlinToInstant(dayIn(41), "10:00").getTime();
    const requested = await createTestBooking(getDb(), room.id, { status: "requested", startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3600_000).toISOString() });
    const approval = await waitsForRoomLock(room.id, () => approveBooking(actor, requested.id));
    expect(approval.first).toBe("waiting");

    const guest = await createTestUser(getDb(), { roles: ["volunteer"], email: "reihe-sperre@example.org" });
    const requester: Actor = { userId: guest.id, email: guest.email, name: "Reihe", locale: "de", emailVerified: true, roles: ["volunteer"], organisationIds: [] };
    const made = await requestBooking(requester, room.id, { day: dayIn(42), startTime: "10:00", endTime: "11:00", parts: [], purpose: "Serie", attendees: 5, responsibleAdult: "Reihe Test", repeat: "weekly", count: 2, dates: [], intent: "request", rulesVersion: 1, acceptRules: "on" });
    if (!made.ok) throw new Error("series request refused");
    const seriesId = (await getDb().selectFrom("booking").select("series_id").where("id", "=", made.bookingIds[0]).executeTakeFirstOrThrow()).series_id!;
    const series = await waitsForRoomLock(room.id, () => approveSeries(actor, seriesId));
    expect(series.first).toBe("waiting");
    expect(series.result).toMatchObject({ confirmed: expect.arrayContaining([expect.anything()]) });

    expect((await confirmedIn(room.id)).map((b) => berlinDay(b.starts_at))).toEqual([dayIn(40), dayIn(41), dayIn(42), addDaysToDay(dayIn(42), 7)]);
    expect(commandRetries.deadlocks - deadlocks).toBe(0);
  }, 60_000);
});
