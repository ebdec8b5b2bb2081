import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { ChangeBookingForm, SeriesTimesForm } from "~/components/rooms/manage-forms";
import { dateOfLink, findByManageLink, manageView } from "~/modules/rooms/manage-link.server";
import { isOpenDate } from "~/modules/rooms/policy";
import { formatSlot } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => [...titleFrom(matches, "rooms:manage.title"), { name: "robots", content: "noindex" }];
// The token is the key: never cached, never sent to another site as a referrer. `same-origin`, not
// `no-referrer`: with `no-referrer` the browser posts the page's own forms with `Origin: null`,
// which the server's same-origin check refuses (issue #12, item 3).
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Anonymous access intended: the unguessable token in the link is the authorisation.
  const found = await findByManageLink(params.token);
  if (!found) throw notFound();
  const targetId = dateOfLink(found, new URL(request.url).searchParams.get("termin"));
  const view = targetId === null ? null : await manageView(found, targetId);
  if (!view) throw notFound();
  return view;
}

const STATUS_COLOR: Record<string, string> = { confirmed: "green", requested: "yellow", unconfirmed: "orange", declined: "red", cancelled: "gray", expired: "gray" };

export default function ManageBooking() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const base = `/raum/buchung/${useParams().token}`;
  const b = d.booking;
  const active = isOpenDate(b.status, b.startsAt, d.now);
  return (
    <Stack>
      <PageTitle description={`${d.room.name} · ${d.room.address}`}>{t("rooms:manage.title")}</PageTitle>
      <Paper withBorder p="md" component="section" aria-labelledby="status">
        <Title order={2} size="h4" id="status" mb="xs">
          {t("rooms:manage.status")}
        </Title>
        <Group gap="xs" mb="xs">
          <Badge component="span" color={STATUS_COLOR[b.status]} variant="light" c="dark.9">{t(`rooms:status.${b.status}`)}</Badge>
          <Text>{formatSlot(b.startsAt, b.endsAt, i18n.language)}</Text>
        </Group>
        <Text size="sm">{t(`rooms:manage.statusText.${b.status}`)}</Text>
        {b.reason ? <Text size="sm">{t("rooms:manage.reason", { reason: b.reason })}</Text> : null}
        {b.status === "unconfirmed" ? (
          <Form method="post" action={`${base}/bestaetigen`}>
            <Button type="submit" mt="sm">
              {t("rooms:manage.confirm")}
            </Button>
          </Form>
        ) : null}
        <List size="sm" mt="sm">
          <List.Item>{t("rooms:manage.requester", { name: b.name, email: b.email })}</List.Item>
          {b.groupName ? <List.Item>{t("rooms:fields.groupName")}: {b.groupName}</List.Item> : null}
          <List.Item>{t("rooms:fields.purpose")}: {b.purpose}</List.Item>
          <List.Item>{t("rooms:fields.attendees")}: {b.attendees}</List.Item>
        </List>
      </Paper>
      {d.series.length > 1 ? (
        <Paper withBorder p="md" component="section" aria-labelledby="series">
          <Title order={2} size="h4" id="series" mb="xs">
            {t("rooms:manage.seriesTitle", { count: d.series.length })}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("rooms:fields.day")}</Table.Th>
                <Table.Th scope="col">{t("rooms:manage.status")}</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">{t("actions.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.series.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatSlot(s.starts_at, s.ends_at, i18n.language)}</Table.Td>
                  <Table.Td>{t(`rooms:status.${s.status}`)}</Table.Td>
                  <Table.Td>
                    {isOpenDate(s.status, s.starts_at, d.now) ? (
                      <Group gap="xs">
                        <Anchor component={Link} to={`?termin=${s.id}#change`} size="sm">
                          {t("rooms:manage.changeDate", { date: formatSlot(s.starts_at, s.ends_at, i18n.language) })}
                        </Anchor>
                        <Anchor component={Link} to={`${base}/stornieren?termin=${s.id}`} size="sm" c="red.9">
                          {t("rooms:manage.cancelDate", { date: formatSlot(s.starts_at, s.ends_at, i18n.language) })}
                        </Anchor>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <SeriesTimesForm action={`${base}/serie`} startsAt={b.startsAt} endsAt={b.endsAt} />
          <Button component={Link} to={`${base}/stornieren?serie=1`} color="red.9" variant="outline" c="red.9" mt="sm">
            {t("rooms:manage.cancelSeries")}
          </Button>
        </Paper>
      ) : null}
      {active ? (
        <Paper withBorder p="md" component="section" aria-labelledby="change">
          <Title order={2} size="h4" id="change" mb="xs">
            {t("rooms:manage.changeTitle")}: {formatSlot(b.startsAt, b.endsAt, i18n.language)}
          </Title>
          <Text size="sm" mb="sm">
            {t("rooms:manage.changeHint")}
          </Text>
          <ChangeBookingForm action={`${base}/aendern`} booking={b} parts={d.parts} capacity={d.room.capacity} />
        </Paper>
      ) : null}
      <Paper withBorder p="md" component="section" aria-labelledby="feed">
        <Title order={2} size="h4" id="feed" mb="xs">
          {t("rooms:feeds.title")}
        </Title>
        <Text size="sm" mb="sm">
          {t("rooms:feeds.hint")}
        </Text>
        <Group>
          <Form method="post" action={`${base}/kalender`}>
            <Button type="submit" variant="default">
              {t("rooms:feeds.create")}
            </Button>
          </Form>
          <Button component={Link} to={`${base}/kalender-widerrufen`} variant="subtle" color="red.9" c="red.9">
            {t("rooms:feeds.revoke")}
          </Button>
        </Group>
      </Paper>
      {active ? (
        <div>
          <Button component={Link} to={`${base}/stornieren?termin=${b.id}`} color="red.9" variant="outline" c="red.9">
            {t("rooms:manage.cancel")}
          </Button>
        </div>
      ) : (
        <Alert color="gray">{t("rooms:manage.noChanges")}</Alert>
      )}
    </Stack>
  );
}
