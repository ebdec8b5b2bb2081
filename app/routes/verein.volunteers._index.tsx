import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DataTable, FilterBar, FilterSelect, FilterText } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { languagesText, SharedVolunteerFilters } from "~/components/volunteers/list-filters";
import { todayOf } from "~/utils/dates";
import { listVolunteersForAssociation } from "~/modules/volunteers/list.server";
import { getLookups } from "~/modules/volunteers/queries.server";
import { AssociationVolunteerFilterSchema, parseVolunteerFilters } from "~/modules/volunteers/schema";
import { associationVolunteerScope, organisationNames } from "~/modules/volunteers/scope.server";
import { titleFrom } from "~/utils/meta";
import { pageParam, searchParam } from "~/utils/params";
import { forbidden } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:office.title");

/**
 * Association members: the volunteers with a current or upcoming assignment for one of their
 * organisations (the office's list is /office/volunteers). No certificates, status or cover.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const scope = associationVolunteerScope(actor);
  if (!scope) throw forbidden();
  const url = new URL(request.url);
  const filters = parseVolunteerFilters(url, AssociationVolunteerFilterSchema, searchParam(url), pageParam(url));
  const [result, lookups, organisations] = await Promise.all([listVolunteersForAssociation(actor, filters, todayOf()), getLookups(), organisationNames(scope.organisationIds)]);
  return { filters, result, districts: lookups.districts, languages: lookups.languages, organisations };
}

export default function AssociationVolunteers() {
  const { t } = useTranslation();
  const { filters, result, districts, languages, organisations } = useLoaderData<typeof loader>();
  const all = { value: "", label: t("actions.all") };
  return (
    <Stack>
      <PageTitle description={t("volunteers:association.intro")}>{t("volunteers:association.title")}</PageTitle>
      <FilterBar label={t("volunteers:office.search")}>
        <FilterText name="q" label={t("volunteers:office.name")} defaultValue={filters.q ?? ""} maxLength={100} />
        {organisations.length > 1 ? (
          <FilterSelect name="organisationId" label={t("volunteers:association.organisation")} defaultValue={filters.organisationId ? String(filters.organisationId) : ""} options={[all, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]} />
        ) : null}
        <SharedVolunteerFilters filters={filters} districts={districts} languages={languages} />
      </FilterBar>
      <DataTable
        label={t("volunteers:association.title")}
        minWidth={640}
        rows={result.items}
        rowKey={(v) => v.id}
        empty={t("volunteers:association.empty")}
        columns={[
          { header: t("volunteers:office.name"), cell: (v) => <Link to={`/verein/volunteers/${v.id}`}>{v.name}</Link> },
          { header: t("volunteers:association.activities"), cell: (v) => v.activities.join(", ") },
          { header: t("volunteers:profile.district"), cell: (v) => v.district ?? "" },
          { header: t("volunteers:profile.languages"), cell: (v) => languagesText(v.languages) },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
