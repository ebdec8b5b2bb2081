import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "~/components/confirm-step";
import { FormErrors, TextField } from "~/components/form";
import { cancelBookingByOffice } from "~/modules/rooms/decide-booking.server";
import { ReasonSchema } from "~/modules/rooms/schema";
import { formatSlot } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { requireActor } from "~/auth/session.server";
import { loadOfficeBookingStep } from "~/modules/rooms/office-booking-step.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookingTitle");

/** The confirmation step: what cancelling does, with the reason that will be mailed. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { booking: b } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  return { id: b.id, room: b.room_name, startsAt: b.starts_at, endsAt: b.ends_at, name: b.contact_name, active: ["unconfirmed", "requested", "confirmed"].includes(b.status) };
}

/** The office cancels a booking (e.g. one colliding with a new closure); the reason is mailed. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, booking } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  const { submission } = await parseForm(request, ReasonSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await cancelBookingByOffice(actor, booking.id, submission.value.reason);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/rooms/bookings/${booking.id}`, { key: "flash.roomCancelled", kind: "success" });
}

export default function CancelBooking() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const [form, f] = useForm({ id: "cancel", lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: ReasonSchema }), shouldValidate: "onBlur" });
  return (
    <ConfirmStep
      title={t("rooms:office.cancel")}
      description={`${d.room} · ${formatSlot(d.startsAt, d.endsAt, i18n.language)}`}
      what={[d.active ? t("rooms:steps.officeCancel", { name: d.name }) : t("rooms:errors.notActive")]}
      submit={t("rooms:office.cancel")}
      back={`/office/rooms/bookings/${d.id}`}
      formProps={getFormProps(form)}
    >
      <FormErrors form={form} />
      <TextField field={f.reason} label={t("rooms:office.cancelReason")} maxLength={500} />
    </ConfirmStep>
  );
}
