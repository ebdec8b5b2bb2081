import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { notFound } from "~/utils/errors";
import { parseId } from "~/utils/params";
import { getBookingForOffice } from "./queries.server";

/**
 * The start of every office step on one booking (`/office/rooms/bookings/:id/<step>`): the
 * permission, the booking scoped by the actor (the route resolves the actor from the request);
 * an unknown or malformed id is a 404.
 */
export async function loadOfficeBookingStep(actor: Actor, idParam: string | undefined) {
  requirePermission(actor, "approve:booking:any");
  const found = await getBookingForOffice(actor, parseId(idParam));
  if (!found) throw notFound();
  return { actor, booking: found.booking };
}
