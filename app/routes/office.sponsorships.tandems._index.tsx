import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { requireActor, requirePermission } from "~/auth/session.server";
import { ExportLinks } from "~/components/reports/export-links";
import { parseTandemFilters } from "~/modules/reports/list-exports.server";
import { PageTitle } from "~/components/app-layout";
import { Ltr } from "~/components/bdi";
import { Pager } from "~/components/pagination";
import { listProgrammes, listTandems } from "~/modules/sponsorships/tandem-queries.server";
import { TANDEM_STATUSES } from "~/modules/sponsorships/tandem-rules";
import { formatDate, todayOf } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "tandems:list.title");

/** The office's tandems: paged, filtered in SQL (state, programme, due check-in, silent, code). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:tandem:any");
  const filters = parseTandemFilters(new URL(request.url));
  const today = todayOf();
  const [programmes, result] = await Promise.all([listProgrammes(), listTandems(actor, filters, today)]);
  return { filters, programmes, result, today, mayExport: can(actor, "export:list:any") };
}

export default function Tandems() {
  const { t, i18n } = useTranslation("tandems");
  const { filters, programmes, result, mayExport } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={t("list.intro")}>{t("list.title")}</PageTitle>
        <Button component={Link} to="/office/sponsorships/funding" variant="light">
          {t("funding.title")}
        </Button>
      </Group>
      <Form method="get" role="search" aria-label={t("list.filter")}>
        <Group align="flex-end">
          <TextInput name="q" label={t("list.code")} defaultValue={filters.q ?? ""} maxLength={40} />
          <NativeSelect
            name="status"
            label={t("list.status")}
            defaultValue={filters.status ?? ""}
            data={[{ value: "", label: t("common:actions.all") }, ...TANDEM_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
          <NativeSelect
            name="programmeId"
            label={t("list.programme")}
            defaultValue={filters.programmeId ? String(filters.programmeId) : ""}
            data={[{ value: "", label: t("common:actions.all") }, ...programmes.map((p) => ({ value: String(p.id), label: p.name }))]}
          />
          <NativeSelect
            name="due"
            label={t("list.due")}
            defaultValue={filters.due ?? ""}
            data={[
              { value: "", label: t("common:actions.all") },
              { value: "check-in", label: t("list.dueCheckIn") },
              { value: "silent", label: t("list.dueSilent") },
            ]}
          />
          <Button type="submit" variant="light">
            {t("common:actions.filter")}
          </Button>
        </Group>
      </Form>
      {mayExport ? <ExportLinks base="/office/sponsorships/tandems/export" /> : null}
      {result.items.length === 0 ? (
        <Text>{t("list.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("list.code")}</Table.Th>
                <Table.Th scope="col">{t("list.status")}</Table.Th>
                <Table.Th scope="col">{t("list.programme")}</Table.Th>
                <Table.Th scope="col">{t("list.sponsor")}</Table.Th>
                <Table.Th scope="col">{t("list.started")}</Table.Th>
                <Table.Th scope="col">{t("list.lastMeeting")}</Table.Th>
                <Table.Th scope="col">{t("list.next")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/sponsorships/tandems/${r.id}`}>
                      <Ltr>{r.code}</Ltr>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge component="span" variant="light" tt="none">
                      {t(`status.${r.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <bdi>{r.programme}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <bdi>{r.sponsor}</bdi>
                  </Table.Td>
                  <Table.Td>{formatDate(r.startedOn, i18n.language)}</Table.Td>
                  <Table.Td>{r.lastMeetingOn ? formatDate(r.lastMeetingOn, i18n.language) : "—"}</Table.Td>
                  <Table.Td>
                    {r.status === "trial" && r.trialEndsOn
                      ? t("list.trialEnds", { date: formatDate(r.trialEndsOn, i18n.language) })
                      : r.status === "active" && r.nextCheckInOn
                        ? t("list.checkInOn", { date: formatDate(r.nextCheckInOn, i18n.language) })
                        : r.status === "ended" && r.endedOn
                          ? t("list.endedOn", { date: formatDate(r.endedOn, i18n.language) })
                          : "—"}
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
