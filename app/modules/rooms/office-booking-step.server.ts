import { requireActor, requirePermission } from "~/auth/session.server";
import { notFound } from "~/utils/errors";
import { parseId } from "~/utils/params";
import { getBookingForOffice } from "./queries.server";

/**
 * The start of every office step on one booking (`/office/rooms/bookings/:id/<step>`): the actor
 * (memoised per request through the load context), the permission, the booking scoped by the
 * actor; an unknown or malformed id is a 404.
 */
export async function loadOfficeBookingStep(request: Request, idParam: string | undefined, context?: object) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "approve:booking:any");
  const found = await getBookingForOffice(actor, parseId(idParam));
  if (!found) throw notFound();
  return { actor, booking: found.booking };
}
