import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DataTable, FilterBar, FilterSelect, FilterText } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { ExportLinks } from "~/components/reports/export-links";
import { PeriodListFilters } from "~/components/reports/period-list-filters";
import { languagesText, SharedVolunteerFilters } from "~/components/volunteers/list-filters";
import { CERTIFICATE_STATES } from "~/modules/coverage/policy";
import { listVolunteersForOffice } from "~/modules/volunteers/list.server";
import { VOLUNTEER_STATUSES } from "~/modules/volunteers/policy";
import { getLookups } from "~/modules/volunteers/queries.server";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { OfficeVolunteerFilterSchema, parseVolunteerFilters } from "~/modules/volunteers/schema";
import { formatDate, todayOf } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { pageParam, searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:office.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  // The office only; association members have their own view at /verein/volunteers.
  requirePermission(actor, "read:volunteer:any");
  const url = new URL(request.url);
  const filters = parseVolunteerFilters(url, OfficeVolunteerFilterSchema, searchParam(url), pageParam(url));
  const [result, lookups] = await Promise.all([listVolunteersForOffice(actor, filters, todayOf()), getLookups()]);
  // A report figure's records (drill-down, issue #16): the people shown are written to the access log.
  if (filters.in && (filters.from || filters.to)) await recordVolunteerViews(actor, result.items.map((v) => v.id), `report:volunteers:${filters.in}`);
  return { filters, result, lookups };
}

export default function Volunteers() {
  const { t, i18n } = useTranslation();
  const { filters, result, lookups } = useLoaderData<typeof loader>();
  const all = { value: "", label: t("actions.all") };
  // Translated once per page, not once per row (the list renders 25 rows per request).
  const statusLabel = Object.fromEntries(VOLUNTEER_STATUSES.map((s) => [s, t(`volunteers:status.${s}`)])) as Record<string, string>;
  const certificateLabel = Object.fromEntries(CERTIFICATE_STATES.map((s) => [s, t(`volunteers:certificateStates.${s}`)])) as Record<string, string>;
  const yes = t("volunteers:yes");
  const no = t("volunteers:no");
  return (
    <Stack>
      <PageTitle description={t("volunteers:office.intro")}>{t("volunteers:office.title")}</PageTitle>
      <FilterBar label={t("volunteers:office.search")}>
        <FilterText name="q" label={t("volunteers:office.name")} defaultValue={filters.q ?? ""} maxLength={100} />
        <FilterSelect name="status" label={t("volunteers:office.status")} defaultValue={filters.status ?? ""} options={[all, ...VOLUNTEER_STATUSES.map((s) => ({ value: s, label: statusLabel[s] }))]} />
        <SharedVolunteerFilters filters={filters} districts={lookups.districts} languages={lookups.languages} />
        <FilterSelect name="fieldId" label={t("volunteers:office.field")} defaultValue={filters.fieldId ? String(filters.fieldId) : ""} options={[all, ...lookups.fields.map((f) => ({ value: String(f.id), label: t(`volunteers:fields.${f.slug}`, { defaultValue: f.name }) }))]} />
        <FilterSelect name="cover" label={t("volunteers:office.coverToday")} defaultValue={filters.cover ?? ""} options={[all, { value: "yes", label: yes }, { value: "no", label: no }]} />
        <FilterSelect name="certificate" label={t("volunteers:office.certificate")} defaultValue={filters.certificate ?? ""} options={[all, ...CERTIFICATE_STATES.map((s) => ({ value: s, label: certificateLabel[s] }))]} />
        <FilterSelect name="karte" label={t("volunteers:office.karte")} defaultValue={filters.karte ?? ""} options={[all, { value: "yes", label: t("volunteers:office.karteYes") }, { value: "no", label: t("volunteers:office.karteNo") }]} />
        <PeriodListFilters filters={filters} kinds={["active", "new"]} />
      </FilterBar>
      <DataTable
        label={t("volunteers:office.title")}
        minWidth={640}
        rows={result.items}
        rowKey={(v) => v.id}
        empty={t("volunteers:office.empty")}
        columns={[
          { header: t("volunteers:office.name"), cell: (v) => <Link to={`/office/volunteers/${v.id}`}>{v.name}</Link> },
          { header: t("volunteers:office.status"), cell: (v) => statusLabel[v.status] },
          { header: t("volunteers:profile.district"), cell: (v) => v.district ?? "" },
          { header: t("volunteers:profile.languages"), cell: (v) => languagesText(v.languages) },
          { header: t("volunteers:office.coverToday"), cell: (v) => (v.coveredToday ? yes : no) },
          { header: t("volunteers:office.certificate"), cell: (v) => certificateLabel[v.certificate] },
          { header: t("volunteers:office.registered"), cell: (v) => formatDate(v.created_at, i18n.language) },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
      <ExportLinks base="/office/volunteers/export" />
    </Stack>
  );
}

