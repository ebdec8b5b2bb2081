import { Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DataTable, StatusBadge } from "~/components/list-page";
import { PrivacyNav } from "~/components/privacy/privacy-nav";
import { retentionOverview } from "~/modules/privacy/retention.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "privacy:retention.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:privacy");
  return retentionOverview(actor);
}

export default function Retention() {
  const { t, i18n } = useTranslation();
  const { lastRun, lastRunAt, rows } = useLoaderData<typeof loader>();
  type Row = (typeof rows)[number];
  return (
    <Stack>
      <PageTitle description={t("privacy:retention.intro")}>{t("privacy:retention.title")}</PageTitle>
      <PrivacyNav />
      <Text>{lastRun ? t("privacy:retention.lastRun", { date: lastRunAt ? formatDateTime(lastRunAt, i18n.language) : formatDate(lastRun, i18n.language) }) : t("privacy:retention.never")}</Text>
      <DataTable<Row>
        label={t("privacy:retention.tableLabel")}
        rows={rows}
        rowKey={(r) => r.type}
        columns={[
          { header: t("privacy:retention.type"), cell: (r) => t(`privacy:retention.types.${r.type}`) },
          { header: t("privacy:retention.rule"), cell: (r) => t(`privacy:retention.rules.${r.type}`, r.values) },
          { header: t("privacy:retention.due"), numeric: true, cell: (r) => r.due },
          {
            header: t("privacy:retention.lastDeleted"),
            numeric: true,
            cell: (r) => (r.failed ? <StatusBadge color="red">{t("privacy:retention.failed")}</StatusBadge> : r.lastDeleted === null ? t("privacy:retention.none") : r.lastDeleted),
          },
        ]}
      />
    </Stack>
  );
}
