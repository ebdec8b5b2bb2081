import { Button, Group, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { requireActor, requirePermission } from "~/auth/session.server";
import { ExportLinks } from "~/components/reports/export-links";
import { parseOrganisationFilters } from "~/modules/reports/list-exports.server";
import { PageTitle } from "~/components/app-layout";
import { DataTable, FilterBar, FilterSelect, FilterText, StatusBadge } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { listOrganisations } from "~/modules/organisations/queries.server";
import { LEGAL_FORMS } from "~/modules/organisations/schema";
import { berlinDay, formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { PendingAssociations } from "~/components/associations/pending-list";
import { listPendingAssociations } from "~/modules/associations/office.server";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:organisations.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:organisation:any");
  const filters = parseOrganisationFilters(new URL(request.url));
  const [result, pending] = await Promise.all([listOrganisations(actor, filters), listPendingAssociations(actor)]);
  return { filters, result, pending, today: berlinDay(new Date()), mayExport: can(actor, "export:list:any") };
}

export default function Organisations() {
  const { t, i18n } = useTranslation();
  const { filters, result, pending, today, mayExport } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={t("office:organisations.intro")}>{t("office:organisations.title")}</PageTitle>
        <Button component={Link} to="/office/organisations/new">
          {t("office:organisations.new")}
        </Button>
      </Group>
      <PendingAssociations rows={pending} />
      <FilterBar label={t("office:organisations.search")}>
        <FilterText name="q" label={t("actions.search")} defaultValue={filters.q ?? ""} maxLength={100} />
        <FilterSelect
          name="legalForm"
          label={t("office:organisations.fields.legalForm")}
          defaultValue={filters.legalForm ?? ""}
          options={[{ value: "", label: t("actions.all") }, ...LEGAL_FORMS.map((v) => ({ value: v, label: t(`legalForms.${v}`) }))]}
        />
        <FilterSelect
          name="archived"
          label={t("office:organisations.state")}
          defaultValue={filters.archived ? "1" : ""}
          options={[
            { value: "", label: t("office:organisations.active") },
            { value: "1", label: t("office:organisations.archived") },
          ]}
        />
      </FilterBar>
      {mayExport ? <ExportLinks base="/office/organisations/export" /> : null}
      <DataTable
        label={t("office:organisations.title")}
        rows={result.items}
        rowKey={(o) => o.id}
        empty={t("office:organisations.empty")}
        columns={[
          { header: t("office:organisations.fields.name"), cell: (o) => <Link to={`/office/organisations/${o.id}`}>{o.name}</Link> },
          { header: t("office:organisations.fields.legalForm"), cell: (o) => t(`legalForms.${o.legal_form}`) },
          { header: t("office:organisations.fields.email"), cell: (o) => o.email ?? "" },
          {
            header: t("office:organisations.fields.policyValidUntil"),
            cell: (o) =>
              o.legal_form === "registered_association" ? (
                o.policy_valid_until && o.policy_valid_until >= today ? (
                  formatDate(o.policy_valid_until, i18n.language)
                ) : (
                  <StatusBadge color="red">
                    {o.policy_valid_until ? t("office:organisations.policyExpired", { date: formatDate(o.policy_valid_until, i18n.language) }) : t("office:organisations.policyMissing")}
                  </StatusBadge>
                )
              ) : (
                <span className="eh-muted">{t(`office:organisations.coverBy.${o.legal_form}`)}</span>
              ),
          },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
