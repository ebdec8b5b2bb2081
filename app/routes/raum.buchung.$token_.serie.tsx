import type { SubmissionResult } from "@conform-to/react";
import { Anchor, List, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { SeriesTimesForm } from "~/components/rooms/manage-forms";
import { ViolationAlert, violationErrors, violationsOf } from "~/components/rooms/violations";
import { changeSeriesTimes } from "~/modules/rooms/manage-booking.server";
import { findByManageLink, manageView } from "~/modules/rooms/manage-link.server";
import { isOpenDate } from "~/modules/rooms/policy";
import { SeriesTimesSchema } from "~/modules/rooms/schema";
import { formatSlot } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => [...titleFrom(matches, "rooms:manage.title"), { name: "robots", content: "noindex" }];
// The token is the key: never cached; other sites never see it as a referrer.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

async function load(token: string | undefined) {
  // Anonymous access intended: the unguessable token in the link is the authorisation.
  const found = await findByManageLink(token);
  if (!found?.booking.series_id) throw notFound();
  return found;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await load(params.token);
  const view = await manageView(found, found.booking.id);
  if (!view) throw notFound();
  return view;
}

/** The guest changes the times of every future date of the series at once (all or nothing). */
export async function action({ request, params }: ActionFunctionArgs) {
  const found = await load(params.token);
  const { submission } = await parseForm(request, SeriesTimesSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    const r = await changeSeriesTimes(found.booking.id, submission.value);
    if (!r.ok) return invalid(submission, { formErrors: violationErrors(r.violations) });
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/raum/buchung/${params.token}`, { key: "flash.roomChanged", kind: "success" });
}

export default function ChangeSeries() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const base = `/raum/buchung/${useParams().token}`;
  const open = d.series.filter((s) => isOpenDate(s.status, s.starts_at, d.now));
  return (
    <Stack>
      <Anchor component={Link} to={base}>
        {t("rooms:manage.backToBooking")}
      </Anchor>
      <PageTitle description={`${d.room.name} · ${d.room.address}`}>{t("rooms:manage.changeSeries")}</PageTitle>
      <ViolationAlert violations={violationsOf(result)} title={t("rooms:request.notPossible")} />
      <Text size="sm">{t("rooms:manage.changeHint")}</Text>
      <List size="sm">
        {open.map((s) => (
          <List.Item key={s.id}>{formatSlot(s.starts_at, s.ends_at, i18n.language)}</List.Item>
        ))}
      </List>
      <SeriesTimesForm action={`${base}/serie`} startsAt={d.booking.startsAt} endsAt={d.booking.endsAt} lastResult={result} />
    </Stack>
  );
}
