import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DataTable, FilterBar, FilterSelect, FilterText, StatusBadge, FiltersIgnored } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { eligibilityConfig } from "~/modules/coverage/hours.server";
import { todayOf } from "~/utils/dates";
import { intParam } from "~/modules/coverage/route-helpers.server";
import { listEhrenamtskarte } from "~/modules/coverage/volunteer-facts.server";
import { getLookups } from "~/modules/volunteers/queries.server";
import { titleFrom } from "~/utils/meta";
import { pageParam, searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:karte.officeTitle");

/** Who is eligible for the Ehrenamtskarte NRW (confirmed hours of the last 12 months). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "decide:hours:any");
  const url = new URL(request.url);
  const { districts } = await getLookups();
  const districtId = intParam(url, "districtId");
  const knownDistrict = districtId !== undefined && districts.some((d) => d.id === districtId);
  const filters = { eligibleOnly: !url.searchParams.has("all"), q: searchParam(url), districtId: knownDistrict ? districtId : undefined, page: pageParam(url) };
  const result = await listEhrenamtskarte(actor, todayOf(), filters);
  const items = result.items.map((r) => ({ id: r.id, name: r.name, email: r.email, hours: r.eligibility.hoursLast12Months, perWeek: r.eligibility.averagePerWeek, eligible: r.eligibility.eligible }));
  return { filters, ignored: (url.searchParams.get("districtId") ?? "") !== "" && !knownDistrict, result: { ...result, items }, districts, config: eligibilityConfig() };
}

export default function Ehrenamtskarte() {
  const { t, i18n } = useTranslation("coverage");
  const { filters, ignored, result, districts, config } = useLoaderData<typeof loader>();
  const number = new Intl.NumberFormat(i18n.language);
  const n = (h: number) => number.format(h);
  const eligible = t("karte.eligibleShort");
  const notEligible = t("karte.notEligibleShort");
  return (
    <Stack>
      <PageTitle description={t("karte.officeIntro", { perYear: n(config.hoursPerYear), perWeek: n(config.hoursPerWeek) })}>{t("karte.officeTitle")}</PageTitle>
      <FilterBar label={t("karte.search")}>
        <FilterText name="q" label={t("fields.volunteer")} defaultValue={filters.q ?? ""} maxLength={100} />
        <FilterSelect name="districtId" label={t("volunteers:profile.district")} defaultValue={filters.districtId ? String(filters.districtId) : ""} options={[{ value: "", label: t("common:actions.all") }, ...districts.map((d) => ({ value: String(d.id), label: d.name }))]} />
        <div className="eh-check">
          <input type="checkbox" id="filter-all" name="all" value="1" defaultChecked={!filters.eligibleOnly} />
          <label htmlFor="filter-all">{t("karte.showAll")}</label>
        </div>
      </FilterBar>
      <FiltersIgnored show={ignored} />
      <DataTable
        label={t("karte.officeTitle")}
        minWidth={600}
        rows={result.items}
        rowKey={(r) => r.id}
        empty={t("karte.officeEmpty")}
        columns={[
          { header: t("fields.volunteer"), cell: (r) => t("fields.volunteerValue", { name: r.name, email: r.email }) },
          { header: t("karte.hours12"), cell: (r) => n(r.hours), numeric: true },
          { header: t("karte.perWeek"), cell: (r) => n(r.perWeek), numeric: true },
          { header: t("karte.title"), cell: (r) => <StatusBadge color={r.eligible ? "green" : "gray"}>{r.eligible ? eligible : notEligible}</StatusBadge> },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
