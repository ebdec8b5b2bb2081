import { Anchor, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { DataTable, FilterBar, FilterSelect } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { ExportLinks } from "~/components/reports/export-links";
import { PeriodListFilters } from "~/components/reports/period-list-filters";
import { householdFormOptions } from "~/modules/donations/options.server";
import { listHandedOver, parseHandedOverFilters } from "~/modules/reports/drill.server";
import { formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "reports:handedOver.title");

/** Donations handed over in a period (the report's figure, drilled down): household codes, no names. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:donation:any");
  const filters = parseHandedOverFilters(new URL(request.url));
  const [result, { districts }] = await Promise.all([listHandedOver(actor, filters), householdFormOptions()]);
  return { filters, result, districts, mayExport: can(actor, "export:list:any") };
}

export default function HandedOver() {
  const { t, i18n } = useTranslation();
  const { filters, result, districts, mayExport } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <Anchor component={Link} to="/office/donations">
        {t("donations:office.back")}
      </Anchor>
      <PageTitle description={t("reports:handedOver.intro")}>{t("reports:handedOver.title")}</PageTitle>
      <FilterBar label={t("reports:handedOver.title")}>
        <PeriodListFilters filters={filters} />
        <FilterSelect name="districtId" label={t("reports:handedOver.district")} defaultValue={filters.districtId ? String(filters.districtId) : ""} options={[{ value: "", label: t("actions.all") }, ...districts.map((d) => ({ value: String(d.id), label: d.name }))]} />
      </FilterBar>
      {mayExport ? <ExportLinks base="/office/donations/handed-over/export" /> : null}
      <DataTable
        label={t("reports:handedOver.title")}
        minWidth={560}
        rows={result.items}
        rowKey={(r) => r.id}
        empty={t("reports:handedOver.empty")}
        columns={[
          { header: t("reports:handedOver.day"), cell: (r) => formatDate(r.day, i18n.language) },
          { header: t("reports:handedOver.category"), cell: (r) => categoryLabel({ ...r, depth: 0 }, i18n.language) },
          { header: t("reports:handedOver.quantity"), cell: (r) => r.quantity },
          { header: t("reports:handedOver.household"), cell: (r) => <bdi>{r.code}</bdi> },
          { header: t("reports:handedOver.district"), cell: (r) => r.district ?? "—" },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
