import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { BookingStatus, DB } from "../../../db/schema";
import { addDaysToDay, berlinDay, berlinToInstant } from "../../../app/utils/dates";
import { germanSortKey } from "../../../app/utils/text-keys";
import type { BenchModule } from "../types";

const ROOMS = 12;
const roomName = (i: number) => (i === 0 ? "Gruppenraum Niersweg" : `Bench-Raum ${i + 1}`);
const BOOKINGS = 20_000;
const BLOCKS = ["08:00", "10:00", "12:00", "14:00", "16:00", "18:00"];
/** 90 minutes, so two confirmed blocks keep the room's 30-minute cleaning buffer (PostgreSQL refuses less: migration 0031). */
const BLOCK_MS = 90 * 60_000;
const open = JSON.stringify(Array.from({ length: 7 }, () => ({ open: "08:00", close: "22:00" })));

/**
 * County scale: 12 rooms, 20,000 bookings over a year around today (two-hour slots that
 * never overlap within a room), most confirmed, some requested, cancelled or declined.
 */
export const roomsBench: BenchModule = {
  name: "rooms",
  requiresTables: ["room", "booking"],
  async generate(db: Kysely<DB>, ctx) {
    const ts = ctx.now.toISOString();
    const roomIds: number[] = [];
    for (let i = 0; i < ROOMS; i++) {
      const { id } = await db
        .insertInto("room")
        .values({ name: roomName(i), name_key: germanSortKey(roomName(i)), address: `Beispielweg ${i + 1}, 47877 Willich`, description: "Benchmark", capacity: 40, opening_hours: open, created_at: ts, updated_at: ts })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("room_rules").values({ room_id: id, version: 1, text: "Hausordnung", created_at: ts }).execute();
      roomIds.push(id);
    }
    const today = berlinDay(ctx.now);
    const slots: Array<{ room: number; day: string; block: string }> = [];
    for (const room of roomIds) for (let d = -180; d < 185; d++) for (const block of BLOCKS) slots.push({ room, day: addDaysToDay(today, d), block });
    // Deterministic shuffle, then the first 20,000 slots.
    for (let i = slots.length - 1; i > 0; i--) {
      const j = Math.floor(ctx.random() * (i + 1));
      [slots[i], slots[j]] = [slots[j], slots[i]];
    }
    const statusOf = (r: number): BookingStatus => (r < 0.7 ? "confirmed" : r < 0.85 ? "requested" : r < 0.95 ? "cancelled" : "declined");
    const rows = slots.slice(0, BOOKINGS).map((s, i) => {
      const start = berlinToInstant(s.day, s.block);
      return {
        room_id: s.room,
        series_id: null,
        status: statusOf(ctx.random()),
        starts_at: start.toISOString(),
        ends_at: new Date(start.getTime() + BLOCK_MS).toISOString(),
        requester_user_id: null,
        contact_name: `Bench Person ${i}`,
        contact_email: `bench-${i % 3000}@example.org`,
        contact_phone: null,
        group_name: null,
        purpose: "Benchmark-Treffen",
        attendees: 10,
        responsible_adult: `Bench Person ${i}`,
        rules_version: 1,
        locale: "de",
        manage_token_hash: createHash("sha256").update(`bench-${i}`).digest("hex"),
        confirm_expires_at: null,
        created_at: ts,
        updated_at: ts,
      };
    });
    for (let i = 0; i < rows.length; i += 500) await db.insertInto("booking").values(rows.slice(i, i + 500)).execute();
    ctx.ids.rooms = roomIds;
  },
  routes(ctx) {
    const room = ctx.ids.rooms?.[0] ?? 1;
    return [
      { name: "room page (week)", path: `/raum/${room}` },
      { name: "room month calendar", path: `/raum/${room}?view=month` },
      { name: "room public iCal feed", path: `/raum/${room}/kalender.ics` },
    ];
  },
};
