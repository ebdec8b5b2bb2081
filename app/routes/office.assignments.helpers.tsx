import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { canManageAssignments, getAssignmentOptions, listHelpersOn } from "~/modules/coverage/assignments.server";
import { intParam } from "~/modules/coverage/route-helpers.server";
import { day as daySchema } from "~/modules/coverage/schema";
import { requireStaffScope } from "~/modules/coverage/scope.server";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { PageTitle } from "~/components/app-layout";
import { DateTextInput } from "~/components/date-field";
import { formatDate, todayOf } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { dateParam, searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:helpers.title");

/** Dated helper list: who was assigned on a day (optionally to an activity / organiser); page, CSV or PDF. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireStaffScope(actor);
  const url = new URL(request.url);
  const rawDay = url.searchParams.has("day") ? dateParam(url, "day") : todayOf();
  const parsed = daySchema().safeParse(rawDay);
  const activity = searchParam(url, "activity", 160);
  const organisationId = intParam(url, "organisationId");
  const options = await getAssignmentOptions();
  const organisations = canManageAssignments(actor) ? options.organisations : options.organisations.filter((o) => actor.organisationIds.includes(o.id));
  if (!parsed.success) return data({ day: rawDay, activity: activity ?? "", organisationId, organisations, rows: [] as Awaited<ReturnType<typeof listHelpersOn>>, error: parsed.error.issues[0].message as string | null }, { status: 400 });
  const rows = await listHelpersOn(actor, { day: parsed.data, activity, organisationId });
  await recordVolunteerViews(actor, rows.map((r) => r.volunteerId), `helpers:${parsed.data}`);
  return { day: parsed.data, activity: activity ?? "", organisationId, organisations, rows, error: null as string | null };
}

export default function HelperList() {
  const { t, i18n } = useTranslation("coverage");
  const { t: tc } = useTranslation();
  const { day, activity, organisationId, organisations, rows, error } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const download = (format: string) => `/office/assignments/helpers/${format}?${params.toString()}`;
  return (
    <Stack>
      <Anchor component={Link} to="/office/assignments">{t("assignments.back")}</Anchor>
      <PageTitle description={t("helpers.intro")}>{t("helpers.title")}</PageTitle>
      <Form method="get">
        <Group align="flex-end">
          <DateTextInput name="day" label={t("helpers.day")} required defaultValue={day} error={error ? tc(error.split("|")[0]) : undefined} />
          <TextInput name="activity" label={t("helpers.activity")} defaultValue={activity} maxLength={160} />
          <NativeSelect name="organisationId" label={t("fields.organisation")} defaultValue={String(organisationId ?? "")} data={[{ value: "", label: tc("actions.all") }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]} />
          <Button type="submit" variant="light">{t("helpers.show")}</Button>
        </Group>
      </Form>
      {error ? null : (
        <>
          <Group>
            <Anchor href={download("csv")}>{t("helpers.csv")}</Anchor>
            <Anchor href={download("pdf")}>{t("helpers.pdf")}</Anchor>
          </Group>
          {rows.length === 0 ? (
            <Text>{t("helpers.empty")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped>
                <Table.Caption>{t("helpers.heading", { date: formatDate(day, i18n.language) })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("fields.volunteer")}</Table.Th>
                    <Table.Th scope="col">{t("fields.activity")}</Table.Th>
                    <Table.Th scope="col">{t("fields.organisation")}</Table.Th>
                    <Table.Th scope="col">{t("fields.period")}</Table.Th>
                    <Table.Th scope="col">{t("fields.documentRef")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td><Link to={`/office/assignments/${a.id}`}>{a.volunteerName}</Link></Table.Td>
                      <Table.Td>{a.activity}</Table.Td>
                      <Table.Td>{a.organisationName}</Table.Td>
                      <Table.Td>{t("fields.periodValue", { start: formatDate(a.startDay, i18n.language), end: a.endDay ? formatDate(a.endDay, i18n.language) : t("fields.openEnd") })}</Table.Td>
                      <Table.Td>{a.documentRef}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}
