import type { SubmissionResult } from "@conform-to/react";
import { Anchor, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { KeyOutForm } from "~/components/rooms/key-forms";
import { handOutKey } from "~/modules/rooms/key-handover.server";
import { KeyOutSchema } from "~/modules/rooms/schema";
import { formatSlot } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { requireActor } from "~/auth/session.server";
import { loadOfficeBookingStep } from "~/modules/rooms/office-booking-step.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookingTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { booking: b } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  return { id: b.id, room: b.room_name, startsAt: b.starts_at, endsAt: b.ends_at, responsibleAdult: b.responsible_adult, depositCents: b.key_deposit_cents };
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
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const here = `/office/rooms/bookings/${d.id}`;
  return (
    <Stack>
      <Anchor component={Link} to={here}>
        {t("rooms:office.backToBooking")}
      </Anchor>
      <PageTitle description={`${d.room} · ${formatSlot(d.startsAt, d.endsAt, i18n.language)}`}>{t("rooms:office.keyOut")}</PageTitle>
      <KeyOutForm action={`${here}/key-out`} handedTo={d.responsibleAdult} depositCents={d.depositCents} lastResult={result} />
    </Stack>
  );
}
