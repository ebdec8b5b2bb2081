import { Anchor, Button, Group, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DataTable, FilterBar, FilterSelect, FiltersIgnored, StatusBadge } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { listRequests, requestFormOptions, type RequestFilters } from "~/modules/sponsorships/requests.server";
import { HELP_KINDS, REQUEST_LIST_STATUSES, type RequestListStatus } from "~/modules/sponsorships/schema";
import { formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { pageParam } from "~/utils/params";
import { languageName } from "~/utils/language-names";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "sponsorships:office.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:sponsorship:any");
  const url = new URL(request.url);
  const options = await requestFormOptions();
  // A filter value that names nothing is left out (and the page says so), never a 500.
  let ignored = false;
  const pick = <T,>(name: string, ok: (v: string) => T | undefined): T | undefined => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === "") return undefined;
    const v = ok(raw);
    if (v === undefined) ignored = true;
    return v;
  };
  const filters: RequestFilters = {
    status: pick("status", (v) => ((REQUEST_LIST_STATUSES as readonly string[]).includes(v) ? (v as RequestListStatus) : undefined)) ?? "waiting",
    districtId: pick("districtId", (v) => options.districts.find((d) => String(d.id) === v)?.id),
    language: pick("language", (v) => options.languages.find((l) => l.code === v)?.code),
    help: pick("help", (v) => HELP_KINDS.find((h) => h === v)),
    page: pageParam(url),
  };
  return { filters, ignored, options, result: await listRequests(actor, filters) };
}

export default function OfficeSponsorships() {
  const { t, i18n } = useTranslation();
  const { filters, ignored, options, result } = useLoaderData<typeof loader>();
  const names = Object.fromEntries(options.languages.map((l) => [l.code, languageName(l.code, i18n.language, l.name_de)]));
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={t("sponsorships:office.intro")}>{t("sponsorships:office.title")}</PageTitle>
        <Group gap="xs">
          <Button component={Link} to="/office/sponsorships/tandems" variant="light">
            {t("tandems:list.title")}
          </Button>
          <Button component={Link} to="/office/sponsorships/programmes" variant="light">
            {t("programmes:list.title")}
          </Button>
          <Button component={Link} to="/office/sponsorships/requests/new">
            {t("sponsorships:request.new")}
          </Button>
        </Group>
      </Group>
      <FilterBar label={t("sponsorships:office.filters")}>
        <FilterSelect
          name="status"
          label={t("sponsorships:office.status")}
          defaultValue={filters.status}
          options={REQUEST_LIST_STATUSES.map((s) => ({ value: s, label: t(`sponsorships:listStatus.${s}`) }))}
        />
        <FilterSelect
          name="districtId"
          label={t("sponsorships:request.district")}
          defaultValue={filters.districtId ? String(filters.districtId) : ""}
          options={[{ value: "", label: t("actions.all") }, ...options.districts.map((d) => ({ value: String(d.id), label: d.name }))]}
        />
        <FilterSelect
          name="language"
          label={t("sponsorships:request.language")}
          defaultValue={filters.language ?? ""}
          options={[{ value: "", label: t("actions.all") }, ...options.languages.map((l) => ({ value: l.code, label: names[l.code] }))]}
        />
        <FilterSelect
          name="help"
          label={t("sponsorships:request.helpOne")}
          defaultValue={filters.help ?? ""}
          options={[{ value: "", label: t("actions.all") }, ...HELP_KINDS.map((h) => ({ value: h, label: t(`sponsorships:help.${h}`) }))]}
        />
      </FilterBar>
      <FiltersIgnored show={ignored} />
      <DataTable
        label={t("sponsorships:office.title")}
        rows={result.items}
        rowKey={(r) => r.id}
        empty={t("sponsorships:office.empty")}
        minWidth={800}
        columns={[
          { header: t("sponsorships:request.requestedAt"), cell: (r) => formatDate(r.requestedAt, i18n.language) },
          {
            header: t("sponsorships:request.who"),
            cell: (r) => (
              <Anchor component={Link} to={`/office/sponsorships/requests/${r.id}`}>
                {r.firstName} ({r.householdCode})
              </Anchor>
            ),
          },
          { header: t("sponsorships:request.district"), cell: (r) => r.district ?? "—" },
          { header: t("sponsorships:request.languages"), cell: (r) => r.languages.map((c) => names[c] ?? c).join(", ") || "—" },
          { header: t("sponsorships:request.help"), cell: (r) => r.help.map((h) => t(`sponsorships:help.${h}`)).join(", ") },
          {
            header: t("sponsorships:office.status"),
            cell: (r) => (
              <>
                <StatusBadge color={r.status === "new" ? "orange" : r.status === "open" ? "blue" : r.status === "matched" ? "green" : "gray"}>{t(`sponsorships:requestStatus.${r.status}`)}</StatusBadge>
                {r.priority > 0 ? <StatusBadge color="red">{t("sponsorships:request.rematch")}</StatusBadge> : null}
                {r.hasMinors ? <StatusBadge color="violet">{t("sponsorships:request.minors")}</StatusBadge> : null}
              </>
            ),
          },
          { header: t("sponsorships:office.openProposals"), cell: (r) => r.openProposals, numeric: true },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
