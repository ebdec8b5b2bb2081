import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { KeyBackForm, KeyStepPage, keyStepBooking } from "~/components/rooms/key-forms";
import { takeBackKey } from "~/modules/rooms/key-handover.server";
import { KeyBackSchema } from "~/modules/rooms/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { requireActor } from "~/auth/session.server";
import { loadOfficeBookingStep } from "~/modules/rooms/office-booking-step.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookingTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { booking: b } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  return { booking: keyStepBooking(b) };
}

/** Key back: the deposit returned or (partly) kept, the condition at the end, damages. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, booking } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  const { submission } = await parseForm(request, KeyBackSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await takeBackKey(actor, booking.id, { ...submission.value, depositOutcome: submission.value.depositOutcome as "returned" | "kept" | "partly_kept" });
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/rooms/bookings/${booking.id}`, { key: "flash.saved", kind: "success" });
}

export default function KeyBack() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  return <KeyStepPage booking={d.booking} title={t("rooms:office.keyBack")} form={(here) => <KeyBackForm action={`${here}/key-back`} lastResult={result} />} />;
}
