import { Anchor, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi, Ltr } from "~/components/bdi";
import { DataTable, FilterBar, FilterSelect, FiltersIgnored } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { DeadlineBadge, PrivacyNav } from "~/components/privacy/privacy-nav";
import { listRequests } from "~/modules/privacy/requests.server";
import { REQUEST_KINDS, STATUS_FILTERS } from "~/modules/privacy/schema";
import { formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { pageParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "privacy:title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:privacy");
  const url = new URL(request.url);
  const rawStatus = url.searchParams.get("status");
  const rawKind = url.searchParams.get("kind");
  const status = (STATUS_FILTERS as readonly string[]).includes(rawStatus ?? "") ? (rawStatus as (typeof STATUS_FILTERS)[number]) : "open";
  const kind = (REQUEST_KINDS as readonly string[]).includes(rawKind ?? "") ? (rawKind as (typeof REQUEST_KINDS)[number]) : undefined;
  const ignored = (!!rawStatus && status !== rawStatus) || (!!rawKind && !kind);
  const result = await listRequests(actor, { status, kind, page: pageParam(url) });
  return { filters: { status, kind: kind ?? "" }, ignored, result };
}

export default function PrivacyRequests() {
  const { t, i18n } = useTranslation();
  const { filters, ignored, result } = useLoaderData<typeof loader>();
  type Row = (typeof result.items)[number];
  return (
    <Stack>
      <PageTitle description={t("privacy:intro")}>{t("privacy:title")}</PageTitle>
      <PrivacyNav />
      <FilterBar label={t("privacy:list.filterLabel")}>
        <FilterSelect name="status" label={t("privacy:list.status")} defaultValue={filters.status} options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`privacy:statusFilter.${s}`) }))} />
        <FilterSelect name="kind" label={t("privacy:list.kind")} defaultValue={filters.kind} options={[{ value: "", label: t("privacy:list.allKinds") }, ...REQUEST_KINDS.map((k) => ({ value: k, label: t(`privacy:kinds.${k}`) }))]} />
      </FilterBar>
      <FiltersIgnored show={ignored} />
      <DataTable<Row>
        label={t("privacy:list.tableLabel")}
        rows={result.items}
        rowKey={(r) => r.id}
        empty={t("privacy:list.empty")}
        columns={[
          {
            header: t("privacy:list.number"),
            cell: (r) => (
              <Anchor component={Link} to={`/office/privacy/${r.id}`}>
                <Ltr>{`#${r.id}`}</Ltr>
              </Anchor>
            ),
          },
          { header: t("privacy:list.kind"), cell: (r) => t(`privacy:kinds.${r.kind}`) },
          { header: t("privacy:list.requester"), cell: (r) => <Bdi>{r.requester_name}</Bdi> },
          { header: t("privacy:list.subject"), cell: (r) => <>{t(`privacy:subjects.${r.subject_kind}`)}{r.householdCode ? <> <Ltr>{r.householdCode}</Ltr></> : null}</> },
          { header: t("privacy:list.received"), cell: (r) => formatDate(r.received_on, i18n.language) },
          { header: t("privacy:list.due"), cell: (r) => formatDate(r.effectiveDue, i18n.language) },
          {
            header: t("privacy:list.state"),
            cell: (r) => (
              <>
                <DeadlineBadge state={r.deadline.state} />{" "}
                {r.status === "open" ? (r.deadline.daysLeft >= 0 ? t("privacy:list.daysLeft", { count: r.deadline.daysLeft }) : t("privacy:list.daysOver", { count: -r.deadline.daysLeft })) : null}
              </>
            ),
          },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
