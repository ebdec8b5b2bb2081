import type { SubmissionResult } from "@conform-to/react";
import { Anchor, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PageTitle } from "~/components/app-layout";
import { ChangeBookingForm } from "~/components/rooms/manage-forms";
import { ViolationAlert, violationErrors, violationsOf } from "~/components/rooms/violations";
import { changeBooking } from "~/modules/rooms/manage-booking.server";
import { dateOfLink, findByManageLink, manageView } from "~/modules/rooms/manage-link.server";
import { isOpenDate } from "~/modules/rooms/policy";
import { ChangeSchema } from "~/modules/rooms/schema";
import { formatSlot } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => [...titleFrom(matches, "rooms:manage.title"), { name: "robots", content: "noindex" }];
// The token is the key: never cached; other sites never see it as a referrer.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

async function load(token: string | undefined, termin: FormDataEntryValue | string | null) {
  // Anonymous access intended: the unguessable token in the link is the authorisation.
  const found = await findByManageLink(token);
  if (!found) throw notFound();
  const targetId = dateOfLink(found, termin);
  if (targetId === null) throw notFound();
  return { found, targetId };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found, targetId } = await load(params.token, new URL(request.url).searchParams.get("termin"));
  const view = await manageView(found, targetId);
  if (!view) throw notFound();
  return view;
}

/** The new slot and details, and which date of the link they are for (a hidden field; `dateOfLink` checks it). */
const ChangeDateSchema = ChangeSchema.extend({ bookingId: z.string().optional() });

/** The guest changes one date of their booking (the link's own, or another date of its series). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, ChangeDateSchema);
  // The date is looked up before the values are answered, even when they are refused (a foreign id is a 404).
  const sentId = submission.payload.bookingId;
  const { targetId } = await load(params.token, typeof sentId === "string" ? sentId : null);
  if (submission.status !== "success") return invalid(submission);
  try {
    const r = await changeBooking(targetId, submission.value);
    if (!r.ok) return invalid(submission, r.field ? { fieldErrors: { [r.field]: r.violations.map((v) => v.key) } } : { formErrors: violationErrors(r.violations) });
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/raum/buchung/${params.token}`, { key: "flash.roomChanged", kind: "success" });
}

export default function ChangeDate() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const base = `/raum/buchung/${useParams().token}`;
  const b = d.booking;
  return (
    <Stack>
      <Anchor component={Link} to={base}>
        {t("rooms:manage.backToBooking")}
      </Anchor>
      <PageTitle description={`${d.room.name} · ${d.room.address}`}>
        {t("rooms:manage.changeTitle")}: {formatSlot(b.startsAt, b.endsAt, i18n.language)}
      </PageTitle>
      <ViolationAlert violations={violationsOf(result)} title={t("rooms:request.notPossible")} />
      {isOpenDate(b.status, b.startsAt, d.now) ? (
        <>
          <Text size="sm">{t("rooms:manage.changeHint")}</Text>
          <ChangeBookingForm action={`${base}/aendern?termin=${b.id}`} booking={b} parts={d.parts} capacity={d.room.capacity} lastResult={result} />
        </>
      ) : (
        <Text>{t("rooms:manage.noChanges")}</Text>
      )}
    </Stack>
  );
}
