import type { SubmissionResult } from "@conform-to/react";
import { Anchor, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { KeyBackForm } from "~/components/rooms/key-forms";
import { takeBackKey } from "~/modules/rooms/key-handover.server";
import { KeyBackSchema } from "~/modules/rooms/schema";
import { formatSlot } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { requireActor } from "~/auth/session.server";
import { loadOfficeBookingStep } from "~/modules/rooms/office-booking-step.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookingTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { booking: b } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  return { id: b.id, room: b.room_name, startsAt: b.starts_at, endsAt: b.ends_at };
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
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const here = `/office/rooms/bookings/${d.id}`;
  return (
    <Stack>
      <Anchor component={Link} to={here}>
        {t("rooms:office.backToBooking")}
      </Anchor>
      <PageTitle description={`${d.room} · ${formatSlot(d.startsAt, d.endsAt, i18n.language)}`}>{t("rooms:office.keyBack")}</PageTitle>
      <KeyBackForm action={`${here}/key-back`} lastResult={result} />
    </Stack>
  );
}
