import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfirmStep } from "~/components/confirm-step";
import { FormErrors, TextField } from "~/components/form";
import { declineBooking } from "~/modules/rooms/decide-booking.server";
import { ReasonSchema } from "~/modules/rooms/schema";
import { formatSlot } from "~/utils/dates";
import { redirectWithFlash, safeRedirectTarget } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { requireActor } from "~/auth/session.server";
import { loadOfficeBookingStep } from "~/modules/rooms/office-booking-step.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookingTitle");

/** Back to where the office came from (the request queue, one of its pages), else the booking. */
function backTo(raw: string | null | undefined, id: number) {
  const to = safeRedirectTarget(raw, "");
  return to.startsWith("/office/rooms/") ? to : `/office/rooms/bookings/${id}`;
}

/** The confirmation step: what declining does, with the reason that will be mailed. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { booking: b } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  const back = backTo(new URL(request.url).searchParams.get("back"), b.id);
  return { id: b.id, room: b.room_name, startsAt: b.starts_at, endsAt: b.ends_at, name: b.contact_name, status: b.status, back };
}

/** The reason, and where the office came from (a hidden field; `backTo` keeps it on the site). */
const DeclineSchema = ReasonSchema.extend({ back: z.string().optional() });

/** The office declines a waiting request; the requester gets the reason by mail. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, booking } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  const { submission } = await parseForm(request, DeclineSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await declineBooking(actor, booking.id, submission.value.reason);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(backTo(submission.value.back ?? new URL(request.url).searchParams.get("back"), booking.id), { key: "flash.roomDeclined", kind: "success" });
}

export default function DeclineBooking() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const [form, f] = useForm({ id: "decline", lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: ReasonSchema }), shouldValidate: "onBlur" });
  return (
    <ConfirmStep
      title={t("rooms:office.decline")}
      description={`${d.room} · ${formatSlot(d.startsAt, d.endsAt, i18n.language)}`}
      what={[t("rooms:steps.decline", { name: d.name })]}
      submit={t("rooms:office.decline")}
      back={d.back}
      hidden={{ back: d.back }}
      formProps={getFormProps(form)}
    >
      <FormErrors form={form} />
      <TextField field={f.reason} label={t("rooms:office.reason")} maxLength={500} />
    </ConfirmStep>
  );
}
