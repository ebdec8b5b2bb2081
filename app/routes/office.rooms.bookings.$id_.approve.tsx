import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfirmStep } from "~/components/confirm-step";
import { DecisionError } from "~/components/rooms/decision-forms";
import { violationsOf } from "~/components/rooms/violations";
import { approveBooking } from "~/modules/rooms/decide-booking.server";
import { formatSlot } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { requireActor } from "~/auth/session.server";
import { loadOfficeBookingStep } from "~/modules/rooms/office-booking-step.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookingTitle");

/** Without JavaScript, a plain page with the one button (approving needs no confirmation). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { booking: b } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  return { id: b.id, room: b.room_name, startsAt: b.starts_at, endsAt: b.ends_at, name: b.contact_name };
}

/** The office approves one request; the final conflict check runs in the transaction. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, booking } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  const { submission } = await parseForm(request, z.object({}));
  try {
    await approveBooking(actor, booking.id);
  } catch (e) {
    // Refused (taken slot, closure, buffer, no longer waiting): the message names what blocks.
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/rooms/bookings/${booking.id}`, { key: "flash.roomApproved", kind: "success" });
}

export default function ApproveBooking() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const refused = violationsOf(result)[0];
  return (
    <ConfirmStep
      danger={false}
      title={t("rooms:office.approve")}
      description={`${d.room} · ${formatSlot(d.startsAt, d.endsAt, i18n.language)}`}
      what={[t("rooms:steps.approve", { name: d.name })]}
      submit={t("rooms:office.approve")}
      back={`/office/rooms/bookings/${d.id}`}
    >
      {refused ? <DecisionError error={refused} /> : null}
    </ConfirmStep>
  );
}
