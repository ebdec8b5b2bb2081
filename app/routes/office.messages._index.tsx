import { Anchor, Group, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi } from "~/components/bdi";
import { DataTable, StatusBadge } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { listMessages } from "~/modules/messages/queries.server";
import { formatDateTime } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { pageParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "messages:list.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "send:message:any");
  return { result: await listMessages(actor, pageParam(new URL(request.url))) };
}

const STATE_COLOR = { draft: "gray", sending: "blue", done: "green", failed: "red" } as const;

export default function Messages() {
  const { t, i18n } = useTranslation();
  const { result } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("messages:list.intro")}>{t("messages:list.title")}</PageTitle>
      <Group>
        <Anchor component={Link} to="/office/messages/new" fw={700}>
          {t("messages:list.new")}
        </Anchor>
      </Group>
      <DataTable
        label={t("messages:list.title")}
        rows={result.items}
        rowKey={(m) => m.id}
        empty={t("messages:list.empty")}
        columns={[
          { header: t("messages:list.subject"), cell: (m) => <Link to={`/office/messages/${m.id}`}>{m.subject ? <Bdi>{m.subject}</Bdi> : t("messages:list.noSubject")}</Link> },
          { header: t("messages:list.state"), cell: (m) => <StatusBadge color={STATE_COLOR[m.status]}>{t(`messages:state.${m.status}`)}</StatusBadge> },
          { header: t("messages:list.date"), cell: (m) => formatDateTime(m.sent_at ?? m.created_at, i18n.language) },
          { header: t("messages:list.recipients"), cell: (m) => (m.status === "draft" ? "—" : m.status === "done" ? m.queued_count : t("messages:list.queuedOf", { queued: m.queued_count, total: m.recipient_count })), numeric: true },
          { header: t("messages:list.author"), cell: (m) => (m.author ? <Bdi>{m.author}</Bdi> : "—") },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
