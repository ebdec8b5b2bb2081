import { data } from "@remix-run/node";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import type { DecisionData } from "~/components/rooms/decision-forms";
import { isAppError, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { approveBooking } from "./decide-booking.server";
import { DecisionSchema } from "./schema";

type ActionData = DecisionData;

/** Approve one request from the queue (declining is its own confirmation step, `…/decline`). */
export async function decide(request: Request, bookingIdRaw: FormDataEntryValue | null | undefined, back: string, formData?: FormData) {
  const actor = await requireActor(request);
  requirePermission(actor, "approve:booking:any");
  const form = formData ?? (await readForm(request));
  const id = z.coerce.number().int().positive().safeParse(bookingIdRaw ?? form.get("bookingId"));
  if (!id.success) throw notFound();
  const parsed = DecisionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionData>({ bookingId: id.data, error: { key: parsed.error.issues[0].message } }, { status: 400 });
  try {
    await approveBooking(actor, id.data);
  } catch (e) {
    if (isAppError(e) && e.status === 404) throw notFound();
    if (isAppError(e)) return data<ActionData>({ bookingId: id.data, error: { key: e.key, values: e.values } }, { status: e.status });
    throw e;
  }
  return redirectWithFlash(back, { key: "flash.roomApproved", kind: "success" });
}

