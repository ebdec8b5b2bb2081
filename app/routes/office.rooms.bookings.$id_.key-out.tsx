import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { KeyOutForm, KeyStepPage, keyStepBooking } from "~/components/rooms/key-forms";
import { handOutKey } from "~/modules/rooms/key-handover.server";
import { KeyOutSchema } from "~/modules/rooms/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { requireActor } from "~/auth/session.server";
import { loadOfficeBookingStep } from "~/modules/rooms/office-booking-step.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookingTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { booking: b } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  return { booking: keyStepBooking(b), responsibleAdult: b.responsible_adult, depositCents: b.key_deposit_cents };
}

/** Key out: to whom, the deposit received, the condition at the start (confirmed bookings only). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, booking } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  const { submission } = await parseForm(request, KeyOutSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await handOutKey(actor, booking.id, submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/rooms/bookings/${booking.id}`, { key: "flash.saved", kind: "success" });
}

export default function KeyOut() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  return (
    <KeyStepPage
      booking={d.booking}
      title={t("rooms:office.keyOut")}
      form={(here) => <KeyOutForm action={`${here}/key-out`} handedTo={d.responsibleAdult} depositCents={d.depositCents} lastResult={result} />}
    />
  );
}
