import { notFound } from "~/utils/errors";
import { getBookingByManageToken, getPublicRoom, getSeriesDate, safeIds } from "./queries.server";

/**
 * What the guest's private manage link reaches: its own booking and the dates of its series.
 * Anonymous by design: the unguessable token is the authorisation. Null when the token is
 * unknown or revoked (→ 404).
 */
export async function findByManageLink(token: string | undefined) {
  return getBookingByManageToken(token ?? "");
}

export type ManagedBooking = NonNullable<Awaited<ReturnType<typeof findByManageLink>>>;

/** The link's booking; an unknown or revoked token is a 404 (anonymous by design: the token is the authorisation). */
export async function requireManageLink(token: string | undefined): Promise<ManagedBooking> {
  const found = await findByManageLink(token);
  if (!found) throw notFound();
  return found;
}

/** The loader of a guest step page that shows no booking data (only checks that the link works). */
export async function requireManageLinkLoader({ params }: { params: { token?: string } }) {
  await requireManageLink(params.token);
  return null;
}

/**
 * The date a step acts on: the link's own booking, or another date of its series; null for
 * anything else (another person's booking is never reachable through this link → 404).
 */
export function dateOfLink(found: ManagedBooking, raw: FormDataEntryValue | string | null | undefined): number | null {
  const id = Number(raw);
  if (!raw || !Number.isInteger(id) || id === found.booking.id) return found.booking.id;
  return found.series.some((s) => s.id === id) ? id : null;
}

/** The manage page's view of one date of the link (its own or, with `termin`, another of the series). */
export async function manageView(found: ManagedBooking, targetId: number, now = new Date()) {
  const b = targetId === found.booking.id ? found.booking : await getSeriesDate(found.booking.series_id!, targetId);
  if (!b) return null;
  const room = await getPublicRoom(b.room_id, { includeInactive: true });
  if (!room) return null;
  return {
    booking: {
      id: b.id,
      status: b.status,
      startsAt: b.starts_at,
      endsAt: b.ends_at,
      name: b.contact_name,
      email: b.contact_email,
      groupName: b.group_name,
      purpose: b.purpose,
      attendees: b.attendees,
      responsibleAdult: b.responsible_adult,
      phone: b.contact_phone,
      parts: safeIds(b.parts),
      reason: b.decision_reason,
      seriesId: b.series_id,
    },
    series: found.series,
    room: { id: room.room.id, name: room.room.name, address: room.room.address, capacity: room.room.capacity },
    parts: room.parts,
    now: now.toISOString(),
  };
}

export type ManageView = NonNullable<Awaited<ReturnType<typeof manageView>>>;
