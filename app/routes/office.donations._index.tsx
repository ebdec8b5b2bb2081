import { Anchor, Group, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { requireActor, requirePermission } from "~/auth/session.server";
import { ExportLinks } from "~/components/reports/export-links";
import { parseOpenNeedFilters } from "~/modules/reports/list-exports.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { categoryNamesOf } from "~/modules/donations/category-names";
import { DataTable, FilterBar, FiltersIgnored, FilterSelect, FilterText, StatusBadge } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { listOpenNeeds } from "~/modules/donations/matching.server";
import { formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:office.title");

const URGENCIES = ["urgent", "normal"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:donation:any");
  // Filter values that are not among the choices are left out (and the page says so).
  const { filters, ignored, categories, districts } = await parseOpenNeedFilters(new URL(request.url));
  const result = await listOpenNeeds(actor, filters);
  return {
    filters,
    ignored,
    result,
    categories: categories.map((c) => ({ id: c.id, depth: c.depth, ...categoryNamesOf(c) })),
    districts,
    mayExport: can(actor, "export:list:any"),
  };
}

export default function DonationsOffice() {
  const { t, i18n } = useTranslation();
  const { filters, ignored, result, categories, districts, mayExport } = useLoaderData<typeof loader>();
  const all = { value: "", label: t("actions.all") };
  const urgent = t("donations:urgency.urgent");
  return (
    <Stack>
      <PageTitle description={t("donations:office.intro")}>{t("donations:office.title")}</PageTitle>
      <Group>
        <Anchor component={Link} to="/office/donations/offers">
          {t("donations:review.title")}
        </Anchor>
        <Anchor component={Link} to="/office/donations/figures">
          {t("donations:figures.title")}
        </Anchor>
        <Anchor component={Link} to="/office/donations/categories">
          {t("donations:categories.title")}
        </Anchor>
        <Anchor component={Link} to="/office/households">
          {t("donations:household.listTitle")}
        </Anchor>
      </Group>
      <FilterBar label={t("donations:office.openNeeds")}>
        <FilterSelect
          name="categoryId"
          label={t("donations:need.category")}
          defaultValue={filters.categoryId ? String(filters.categoryId) : ""}
          options={[all, ...categories.map((c) => ({ value: String(c.id), label: categoryLabel(c, i18n.language) }))]}
        />
        <FilterSelect name="districtId" label={t("donations:household.district")} defaultValue={filters.districtId ? String(filters.districtId) : ""} options={[all, ...districts.map((d) => ({ value: String(d.id), label: d.name }))]} />
        <FilterSelect name="urgency" label={t("donations:need.urgency")} defaultValue={filters.urgency ?? ""} options={[all, ...URGENCIES.map((u) => ({ value: u, label: t(`donations:urgency.${u}`) }))]} />
        <FilterText name="code" label={t("donations:household.code")} defaultValue={filters.code ?? ""} maxLength={40} />
      </FilterBar>
      <FiltersIgnored show={ignored} />
      {mayExport ? <ExportLinks base="/office/donations/export" /> : null}
      <DataTable
        label={t("donations:office.openNeeds")}
        caption={t("donations:office.openNeeds")}
        minWidth={600}
        rows={result.items}
        rowKey={(n) => n.id}
        empty={t("donations:office.noOpenNeeds")}
        columns={[
          {
            header: t("donations:need.category"),
            cell: (n) => (
              <>
                <Link to={`/office/donations/needs/${n.id}`}>{categoryLabel({ ...n, depth: 0 }, i18n.language)}</Link>{" "}
                {n.urgency === "urgent" ? <StatusBadge color="red">{urgent}</StatusBadge> : null}
              </>
            ),
          },
          { header: t("donations:need.size"), cell: (n) => n.size ?? "—" },
          { header: t("donations:need.quantity"), cell: (n) => (n.quantity_covered > 0 ? t("donations:need.coverage", { covered: n.quantity_covered, quantity: n.quantity }) : n.quantity) },
          { header: t("donations:household.code"), cell: (n) => n.code },
          { header: t("donations:household.district"), cell: (n) => n.district ?? "—" },
          { header: t("donations:need.since"), cell: (n) => formatDate(n.created_at, i18n.language) },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
