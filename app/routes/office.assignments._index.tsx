import { Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { requireActor } from "~/auth/session.server";
import { ExportLinks } from "~/components/reports/export-links";
import { PeriodListFilters } from "~/components/reports/period-list-filters";
import { parseAssignmentFilters } from "~/modules/reports/list-exports.server";
import { PageTitle } from "~/components/app-layout";
import { Pager } from "~/components/pagination";
import { canManageAssignments, getAssignmentOptions, listAssignments } from "~/modules/coverage/assignments.server";
import { AssignmentStateBadge } from "~/components/coverage/assignments-table";
import { requireStaffScope } from "~/modules/coverage/scope.server";
import { formatDate, todayOf } from "~/utils/dates";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:assignments.title");

const STATES = ["running", "ended", "closed"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireStaffScope(actor);
  const filters = parseAssignmentFilters(new URL(request.url));
  const today = todayOf();
  const [result, options] = await Promise.all([listAssignments(actor, filters, today), getAssignmentOptions()]);
  // A report figure's records (drill-down, issue #16): the people shown are written to the access log.
  if (filters.from || filters.to) await recordVolunteerViews(actor, result.items.map((a) => a.volunteerId), "report:assignments");
  const organisations = canManageAssignments(actor) ? options.organisations : options.organisations.filter((o) => actor.organisationIds.includes(o.id));
  return { filters, result, organisations, fields: options.fields, today, canManage: canManageAssignments(actor), mayExport: can(actor, "export:list:any") };
}

export default function Assignments() {
  const { t, i18n } = useTranslation("coverage");
  const { filters, result, organisations, fields, today, canManage, mayExport } = useLoaderData<typeof loader>();
  const all = { value: "", label: t("common:actions.all") };
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={t("assignments.intro")}>{t("assignments.title")}</PageTitle>
        <Group>
          <Button component={Link} to="/office/assignments/helpers" variant="light">
            {t("helpers.title")}
          </Button>
          {canManage ? (
            <Button component={Link} to="/office/assignments/new">
              {t("assignments.new")}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Form method="get" role="search" aria-label={t("assignments.search")}>
        <Group align="flex-end">
          <TextInput name="q" label={t("common:actions.search")} defaultValue={filters.q ?? ""} maxLength={100} />
          <NativeSelect name="organisationId" label={t("fields.organisation")} defaultValue={String(filters.organisationId ?? "")} data={[all, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]} />
          <NativeSelect name="fieldOfActionId" label={t("fields.fieldOfAction")} defaultValue={String(filters.fieldOfActionId ?? "")} data={[all, ...fields.map((f) => ({ value: String(f.id), label: f.name }))]} />
          <NativeSelect name="state" label={t("assignments.state")} defaultValue={filters.state ?? ""} data={[all, ...STATES.map((s) => ({ value: s, label: t(`assignments.states.${s}`) }))]} />
          <Checkbox name="minors" value="1" defaultChecked={filters.minors} label={t("fields.worksWithMinors")} />
          <PeriodListFilters filters={filters} />
          <Button type="submit" variant="light">
            {t("common:actions.filter")}
          </Button>
        </Group>
      </Form>
      {mayExport ? <ExportLinks base="/office/assignments/export" /> : null}
      {result.items.length === 0 ? (
        <Text>{t("assignments.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.volunteer")}</Table.Th>
                <Table.Th scope="col">{t("fields.activity")}</Table.Th>
                <Table.Th scope="col">{t("fields.organisation")}</Table.Th>
                <Table.Th scope="col">{t("fields.period")}</Table.Th>
                <Table.Th scope="col">{t("assignments.state")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Link to={`/office/assignments/${a.id}`}>{a.volunteerName}</Link>
                  </Table.Td>
                  <Table.Td>
                    {a.activity}
                    {a.worksWithMinors ? (
                      <Badge component="span" ms="xs" size="sm" variant="light" color="grape">
                        {t("fields.minorsShort")}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{a.organisationName}</Table.Td>
                  <Table.Td>{t("fields.periodValue", { start: formatDate(a.startDay, i18n.language), end: a.endDay ? formatDate(a.endDay, i18n.language) : t("fields.openEnd") })}</Table.Td>
                  <Table.Td>
                    <AssignmentStateBadge a={a} today={today} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
