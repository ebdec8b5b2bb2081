import { List, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfirmStep } from "~/components/confirm-step";
import { approveSeries } from "~/modules/rooms/approve-series.server";
import { listWaitingSeriesDates } from "~/modules/rooms/queries.server";
import { formatSlot } from "~/utils/dates";
import { isAppError } from "~/utils/errors";
import { redirectWithFlash, safeRedirectTarget } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { requireActor } from "~/auth/session.server";
import { loadOfficeBookingStep } from "~/modules/rooms/office-booking-step.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookingTitle");

/** Back to where the office came from (the request queue, one of its pages), else the booking. */
function backTo(raw: FormDataEntryValue | string | null | undefined, id: number) {
  const to = safeRedirectTarget(raw, "");
  return to.startsWith("/office/rooms/") ? to : `/office/rooms/bookings/${id}`;
}

/** Without JavaScript, a plain page listing the waiting dates with the one button. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, booking: b } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  const dates = b.series_id ? await listWaitingSeriesDates(actor, b.series_id) : [];
  return { id: b.id, room: b.room_name, name: b.contact_name, dates, back: backTo(new URL(request.url).searchParams.get("back"), b.id) };
}

const SeriesSchema = z.object({ back: z.string().max(300).optional() });

/**
 * The office approves every waiting future date of the booking's series (from the booking page
 * or the request queue). A colliding date keeps waiting; the toast says how many were confirmed
 * and how many skipped.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, booking } = await loadOfficeBookingStep(await requireActor(request, context), params.id);
  const { submission } = await parseForm(request, SeriesSchema);
  const back = backTo((submission.status === "success" ? submission.value.back : undefined) ?? new URL(request.url).searchParams.get("back"), booking.id);
  if (!booking.series_id || submission.status !== "success") return redirectWithFlash(back, { key: "flash.roomSeriesNothing", kind: "error" });
  try {
    const r = await approveSeries(actor, booking.series_id);
    return redirectWithFlash(back, { key: "flash.roomSeriesApproved", kind: r.skipped.length ? "info" : "success", values: { confirmed: r.confirmed.length, skipped: r.skipped.length } });
  } catch (e) {
    // Nothing waiting any more (e.g. approved meanwhile): said, nothing written.
    if (isAppError(e) && e.status === 409) return redirectWithFlash(back, { key: "flash.roomSeriesNothing", kind: "error" });
    throw e;
  }
}

export default function ApproveSeries() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  return (
    <ConfirmStep
      danger={false}
      title={t("rooms:office.approveSeries")}
      description={d.room}
      what={[t("rooms:steps.approveSeries", { name: d.name })]}
      submit={t("rooms:office.approveSeries")}
      back={d.back}
      hidden={{ back: d.back }}
    >
      {d.dates.length ? (
        <List size="sm">
          {d.dates.map((s) => (
            <List.Item key={s.id}>{formatSlot(s.starts_at, s.ends_at, i18n.language)}</List.Item>
          ))}
        </List>
      ) : (
        <Text>{t("flash.roomSeriesNothing")}</Text>
      )}
    </ConfirmStep>
  );
}
