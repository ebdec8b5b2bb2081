import type { SubmissionResult } from "@conform-to/react";
import { Alert, List } from "@mantine/core";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "~/components/confirm-step";
import { useViolationText, violationsOf } from "~/components/rooms/violations";
import { cancelOwnBooking } from "~/modules/rooms/manage-booking.server";
import { dateOfLink, findByManageLink } from "~/modules/rooms/manage-link.server";
import { isOpenDate } from "~/modules/rooms/policy";
import { getPublicRoom } from "~/modules/rooms/queries.server";
import { CancelOwnSchema } from "~/modules/rooms/schema";
import { formatSlot } from "~/utils/dates";
import { isAppError, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [...titleFrom(matches, "rooms:manage.title"), { name: "robots", content: "noindex" }];
// The token is the key: never cached; other sites never see it as a referrer.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

async function load(token: string | undefined) {
  // Anonymous access intended: the unguessable token in the link is the authorisation.
  const found = await findByManageLink(token);
  if (!found) throw notFound();
  return found;
}

/** The confirmation step: which dates will be cancelled (`?termin=ID` one date, `?serie=1` the rest of the series). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await load(params.token);
  const url = new URL(request.url);
  const now = new Date().toISOString();
  const scope = url.searchParams.get("serie") === "1" && found.booking.series_id ? "series" : "one";
  const targetId = dateOfLink(found, url.searchParams.get("termin"));
  if (targetId === null) throw notFound();
  const own = { id: found.booking.id, starts_at: found.booking.starts_at, ends_at: found.booking.ends_at, status: found.booking.status };
  const dates = (found.series.length ? found.series : [own]).filter((s) => (scope === "series" || s.id === targetId) && isOpenDate(s.status, s.starts_at, now));
  const room = await getPublicRoom(found.booking.room_id, { includeInactive: true });
  return { scope, targetId, dates: dates.map((s) => ({ startsAt: s.starts_at, endsAt: s.ends_at })), room: room ? `${room.room.name} · ${room.room.address}` : "" };
}

/** The guest cancels one date or every future date of the series; a mail confirms it. */
export async function action({ request, params }: ActionFunctionArgs) {
  const found = await load(params.token);
  const { submission } = await parseForm(request, CancelOwnSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await cancelOwnBooking(found.booking.id, submission.value);
  } catch (e) {
    // Nothing (left) to cancel, e.g. a date of another booking: a message, nothing written.
    if (isAppError(e) && e.status === 409) return data(submission.reply({ formErrors: [e.key] }), { status: 409 });
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/raum/buchung/${params.token}`, { key: "flash.roomCancelled", kind: "success" });
}

export default function CancelBooking() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const text = useViolationText();
  const base = `/raum/buchung/${useParams().token}`;
  const refused = violationsOf(result);
  return (
    <ConfirmStep
      title={t(`rooms:steps.cancel.title`)}
      description={d.room}
      what={[t(d.scope === "series" ? "rooms:steps.cancel.series" : "rooms:steps.cancel.one"), t("rooms:steps.cancel.mail")]}
      submit={t(d.scope === "series" ? "rooms:manage.cancelSeries" : "rooms:manage.cancel")}
      back={base}
      hidden={{ scope: d.scope, bookingId: d.scope === "one" ? d.targetId : undefined }}
    >
      {refused.length ? (
        <Alert color="red.9" role="alert" variant="light">
          {refused.map(text).join(" ")}
        </Alert>
      ) : null}
      {d.dates.length ? (
        <List size="sm">
          {d.dates.map((s) => (
            <List.Item key={s.startsAt}>{formatSlot(s.startsAt, s.endsAt, i18n.language)}</List.Item>
          ))}
        </List>
      ) : (
        <Alert color="gray">{t("rooms:manage.noChanges")}</Alert>
      )}
    </ConfirmStep>
  );
}
