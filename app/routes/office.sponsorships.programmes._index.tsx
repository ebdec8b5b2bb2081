import { Anchor, Button, Group, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi } from "~/components/bdi";
import { DataTable, FilterBar, FilterSelect, StatusBadge } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { listProgrammesForOffice } from "~/modules/sponsorships/programme-admin.server";
import { PROGRAMME_KINDS, ProgrammeFiltersSchema } from "~/modules/sponsorships/programme-schema";
import { formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { pageParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "programmes:list.title");

/** The office's sponsorship programmes: paged, filtered by state and kind. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:sponsorship:any");
  const url = new URL(request.url);
  const filters = { ...ProgrammeFiltersSchema.parse(Object.fromEntries(url.searchParams)), page: pageParam(url) };
  return { filters, result: await listProgrammesForOffice(actor, filters) };
}

export default function Programmes() {
  const { t, i18n } = useTranslation("programmes");
  const { filters, result } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <Stack>
      <Anchor component={Link} to="/office/sponsorships">
        {t("list.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={t("list.intro")}>{t("list.title")}</PageTitle>
        <Button component={Link} to="/office/sponsorships/programmes/new">
          {t("new.title")}
        </Button>
      </Group>
      <FilterBar label={t("list.filters")}>
        <FilterSelect name="status" label={t("fields.status")} defaultValue={filters.status ?? "active"} options={["active", "archived", "all"].map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        <FilterSelect name="kind" label={t("fields.kind")} defaultValue={filters.kind ?? ""} options={[{ value: "", label: t("common:actions.all") }, ...PROGRAMME_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))]} />
      </FilterBar>
      <DataTable
        label={t("list.title")}
        minWidth={720}
        rows={result.items}
        rowKey={(p) => p.id}
        empty={t("list.empty")}
        columns={[
          {
            header: t("fields.name"),
            cell: (p) => (
              <Anchor component={Link} to={`/office/sponsorships/programmes/${p.id}`}>
                <Bdi>{p.name}</Bdi>
              </Anchor>
            ),
          },
          { header: t("fields.kind"), cell: (p) => t(`kind.${p.kind}`) },
          {
            header: t("list.runBy"),
            cell: (p) => (p.kind === "association" && p.organisation ? <Bdi>{p.organisation}</Bdi> : p.kind === "funded" && p.funder ? <Bdi>{p.funder}</Bdi> : "—"),
          },
          {
            header: t("list.period"),
            cell: (p) => (p.periodStart && p.periodEnd ? t("list.periodRange", { from: formatDate(p.periodStart, lang), to: formatDate(p.periodEnd, lang) }) : "—"),
          },
          { header: t("list.running"), cell: (p) => p.runningTandems, numeric: true },
          { header: t("fields.status"), cell: (p) => <StatusBadge color={p.active ? "green" : "gray"}>{t(p.active ? "status.active" : "status.archived")}</StatusBadge> },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
