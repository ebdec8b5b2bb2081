import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "~/components/confirm-step";
import { renewManageLink } from "~/modules/rooms/renew-manage-link.server";
import { formatSlot } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { requireActor } from "~/auth/session.server";
import { loadOfficeBookingStep } from "~/modules/rooms/office-booking-step.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookingTitle");

/** The confirmation step: the old link stops working, a new one is mailed. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { booking: b } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  return { id: b.id, room: b.room_name, startsAt: b.starts_at, endsAt: b.ends_at, email: b.contact_email, series: b.series_id !== null };
}

/** Revoke the booking's manage link (every date of its series) and mail a new one to the requester. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, booking } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  await renewManageLink(actor, booking.id);
  return redirectWithFlash(`/office/rooms/bookings/${booking.id}`, { key: "flash.roomLinkRenewed", kind: "success" });
}

export default function RenewLink() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  return (
    <ConfirmStep
      title={t("rooms:office.newLink")}
      description={`${d.room} · ${formatSlot(d.startsAt, d.endsAt, i18n.language)}`}
      what={[t(d.series ? "rooms:steps.newLinkSeries" : "rooms:steps.newLink"), t("rooms:steps.newLinkMail", { email: d.email })]}
      submit={t("rooms:office.newLink")}
      back={`/office/rooms/bookings/${d.id}`}
    />
  );
}
