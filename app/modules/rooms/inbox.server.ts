import { can } from "~/auth/permissions";
import type { InboxProvider } from "~/modules/office/inbox-types";
import { getDb } from "~/utils/db.server";

/** Room requests waiting for a decision, and future active bookings colliding with a blackout. */
export const roomInboxProvider: InboxProvider = async (actor, now) => {
  if (!can(actor, "approve:booking:any")) return [];
  const db = getDb();
  const ts = now.toISOString();
  const [requests, collisions] = await Promise.all([
    db
      .selectFrom("booking")
      .innerJoin("room", "room.id", "booking.room_id")
      .select(["booking.id", "booking.starts_at", "room.name"])
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
      .select(["booking.id", "booking.starts_at", "room.name", "room_blackout.reason"])
      .where("booking.status", "in", ["requested", "confirmed"])
      .where("booking.starts_at", ">", ts)
      .limit(100)
      .execute(),
  ]);
  // Soon means within three days: those go first.
  const soon = new Date(now.getTime() + 3 * 86_400_000).toISOString();
  return [
    ...requests.map((r) => ({
      id: `room-request-${r.id}`,
      module: "rooms",
      titleKey: "rooms:inbox.request",
      values: { room: r.name, date: r.starts_at },
      href: `/office/rooms/bookings/${r.id}`,
      severity: r.starts_at < soon ? ("urgent" as const) : ("normal" as const),
      date: r.starts_at,
    })),
    ...collisions.map((c) => ({
      id: `room-blackout-${c.id}`,
      module: "rooms",
      titleKey: "rooms:inbox.blackoutCollision",
      values: { room: c.name, date: c.starts_at, reason: c.reason },
      href: `/office/rooms/bookings/${c.id}`,
      severity: "urgent" as const,
      date: c.starts_at,
    })),
  ];
};
