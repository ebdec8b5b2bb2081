import { Alert, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DataTable, FilterBar, FilterSelect, FilterText, StatusBadge } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { listOutbox } from "~/modules/mail/queries.server";
import { formatDateTime } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { titleFrom } from "~/utils/meta";
import { pageParam, searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:outbox.title");

const STATUSES = ["pending", "sent", "failed"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:outbox:any");
  const url = new URL(request.url);
  const s = url.searchParams.get("status");
  const status = (STATUSES as readonly string[]).includes(s ?? "") ? (s as (typeof STATUSES)[number]) : undefined;
  const filters = { status, q: searchParam(url), page: pageParam(url) };
  return { filters, result: await listOutbox(actor, filters), smtpConfigured: !!env().SMTP_URL };
}

const statusColor = { pending: "yellow", sent: "green", failed: "red" } as const;

export default function Outbox() {
  const { t, i18n } = useTranslation();
  const { filters, result, smtpConfigured } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("office:outbox.intro")}>{t("office:outbox.title")}</PageTitle>
      {!smtpConfigured ? (
        <Alert color="yellow" variant="light">
          {t("office:outbox.noSmtp")}
        </Alert>
      ) : null}
      <FilterBar label={t("office:outbox.search")}>
        <FilterText name="q" type="search" label={t("office:outbox.recipient")} defaultValue={filters.q ?? ""} maxLength={100} />
        <FilterSelect
          name="status"
          label={t("office:outbox.status")}
          defaultValue={filters.status ?? ""}
          options={[{ value: "", label: t("actions.all") }, ...STATUSES.map((s) => ({ value: s, label: t(`office:outbox.statuses.${s}`) }))]}
        />
      </FilterBar>
      <DataTable
        label={t("office:outbox.title")}
        minWidth={700}
        rows={result.items}
        rowKey={(m) => m.id}
        empty={t("office:outbox.empty")}
        columns={[
          { header: t("office:outbox.created"), cell: (m) => formatDateTime(m.created_at, i18n.language) },
          { header: t("office:outbox.recipient"), cell: (m) => m.to_address },
          { header: t("office:outbox.subject"), cell: (m) => <Link to={`/office/outbox/${m.id}`}>{m.subject}</Link> },
          { header: t("office:outbox.status"), cell: (m) => <StatusBadge color={statusColor[m.status]}>{t(`office:outbox.statuses.${m.status}`)}</StatusBadge> },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
