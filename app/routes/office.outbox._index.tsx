import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Pager } from "~/components/pagination";
import { listOutbox } from "~/modules/mail/queries.server";
import { formatDateTime } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { titleFrom } from "~/utils/meta";
import { pageParam, searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:outbox.title");

const STATUSES = ["pending", "sent", "failed"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
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
      <Form method="get" role="search" aria-label={t("office:outbox.search")}>
        <Group align="flex-end">
          <TextInput name="q" type="search" label={t("office:outbox.recipient")} defaultValue={filters.q ?? ""} maxLength={100} />
          <NativeSelect
            name="status"
            label={t("office:outbox.status")}
            defaultValue={filters.status ?? ""}
            data={[{ value: "", label: t("actions.all") }, ...STATUSES.map((s) => ({ value: s, label: t(`office:outbox.statuses.${s}`) }))]}
          />
          <Button type="submit" variant="light">
            {t("actions.filter")}
          </Button>
        </Group>
      </Form>
      {result.items.length === 0 ? (
        <Text>{t("office:outbox.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("office:outbox.created")}</Table.Th>
                <Table.Th scope="col">{t("office:outbox.recipient")}</Table.Th>
                <Table.Th scope="col">{t("office:outbox.subject")}</Table.Th>
                <Table.Th scope="col">{t("office:outbox.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{formatDateTime(m.created_at, i18n.language)}</Table.Td>
                  <Table.Td>{m.to_address}</Table.Td>
                  <Table.Td>
                    <Link to={`/office/outbox/${m.id}`}>{m.subject}</Link>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[m.status]} variant="light">
                      {t(`office:outbox.statuses.${m.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
