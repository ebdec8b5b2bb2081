import { can } from "~/auth/permissions";
import type { InboxItem, InboxProvider } from "~/modules/office/inbox-types";
import { formatRange } from "~/utils/bidi";
import { berlinDay, berlinTime } from "~/utils/dates";
import { derived } from "~/utils/derived-cache.server";
import { getDb } from "~/utils/db.server";

/** Who asked: the group's name with the contact person, or the contact person alone. */
const requesterOf = (r: { contact_name: string; group_name: string | null }) => (r.group_name ? `${r.contact_name} (${r.group_name})` : r.contact_name);

/** Room requests waiting for a decision, and future active bookings colliding with a blackout. */
export const roomInboxProvider: InboxProvider = async (actor, now, ctx) => {
  if (!can(actor, "approve:booking:any")) return [];
  const tasksInQueue = ctx?.tasksInQueue ?? false;
  // The same for every office member: kept under the rooms' scope (ADR 0049); "now" moves on within
  // the derived value's time limit (60 s) at most.
  return derived(`inbox:rooms:${berlinDay(now)}:${tasksInQueue}`, ["rooms"], () => roomItems(now, tasksInQueue));
};

async function roomItems(now: Date, tasksInQueue: boolean): Promise<InboxItem[]> {
  const db = getDb();
  const ts = now.toISOString();
  const [requests, collisions] = await Promise.all([
    // A task kind (room-request): not read when the actor works the queue.
    tasksInQueue
      ? []
      : db
          .selectFrom("booking")
          .innerJoin("room", "room.id", "booking.room_id")
          .select(["booking.id", "booking.starts_at", "booking.ends_at", "booking.contact_name", "booking.group_name", "room.id as room_id", "room.name"])
          .where("booking.status", "=", "requested")
          .where("booking.starts_at", ">", ts)
          .orderBy("booking.starts_at")
          .limit(100)
          .execute(),
    db
      .selectFrom("booking")
      .innerJoin("room_blackout", (j) =>
        j.onRef("room_blackout.room_id", "=", "booking.room_id").onRef("room_blackout.starts_at", "<", "booking.ends_at").onRef("room_blackout.ends_at", ">", "booking.starts_at"),
      )
      .innerJoin("room", "room.id", "booking.room_id")
      .select(["booking.id", "booking.starts_at", "booking.ends_at", "booking.contact_name", "booking.group_name", "room.name", "room_blackout.reason"])
      .where("booking.status", "in", ["requested", "confirmed"])
      .where("booking.starts_at", ">", ts)
      .limit(100)
      .execute(),
  ]);
  // Soon means within three days: those go first.
  const soon = new Date(now.getTime() + 3 * 86_400_000).toISOString();
  const time = (b: { starts_at: string; ends_at: string }) => formatRange(berlinTime(b.starts_at), berlinTime(b.ends_at));
  return [
    ...requests.map(
      (r): InboxItem => ({
        id: `room-request-${r.id}`,
        module: "rooms",
        titleKey: "rooms:inbox.request",
        values: { room: r.name, date: r.starts_at, time: time(r), requester: requesterOf(r) },
        href: `/office/rooms/bookings/${r.id}`,
        severity: r.starts_at < soon ? "urgent" : "normal",
        date: r.starts_at,
        // The requests of one room and day are one line ("15 room requests … for 18.12.2026").
        group: { key: `room-requests-${r.room_id}-${berlinDay(r.starts_at)}`, titleKey: "rooms:inbox.requestGroup", values: { room: r.name, date: r.starts_at } },
      }),
    ),
    ...collisions.map(
      (c): InboxItem => ({
        id: `room-blackout-${c.id}`,
        module: "rooms",
        titleKey: "rooms:inbox.blackoutCollision",
        values: { room: c.name, date: c.starts_at, time: time(c), reason: c.reason, requester: requesterOf(c) },
        href: `/office/rooms/bookings/${c.id}`,
        severity: "urgent",
        date: c.starts_at,
      }),
    ),
  ];
}
