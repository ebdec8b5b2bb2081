import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AlertTitle } from "~/components/rooms/violations";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DecisionForms } from "~/components/rooms/decision-forms";
import { KeyBackForm, KeyOutForm } from "~/components/rooms/key-forms";
import { getBookingForOffice } from "~/modules/rooms/queries.server";
import { localised } from "~/modules/rooms/translations";
import { formatDateTime, formatSlot } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";
import { Ltr } from "~/components/bdi";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookingTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "approve:booking:any");
  const found = await getBookingForOffice(actor, parseId(params.id));
  if (!found) throw notFound();
  return found;
}

export default function OfficeBooking() {
  const { t, i18n } = useTranslation();
  const { booking: b, conflicts, blackouts, parts, key } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const here = `/office/rooms/bookings/${b.id}`;
  const active = ["unconfirmed", "requested", "confirmed"].includes(b.status);
  return (
    <Stack>
      <Anchor component={Link} to="/office/rooms/requests">
        {t("rooms:office.backToRequests")}
      </Anchor>
      <PageTitle description={b.room_name}>{formatSlot(b.starts_at, b.ends_at, lang)}</PageTitle>
      <Paper withBorder p="md" component="section" aria-labelledby="details">
        <Group gap="xs" mb="xs">
          <Title order={2} size="h4" id="details">
            {t("rooms:office.details")}
          </Title>
          <Badge component="span" variant="light" c="dark.9">{t(`rooms:status.${b.status}`)}</Badge>
        </Group>
        <List size="sm">
          <List.Item>{t("rooms:manage.requester", { name: b.contact_name, email: b.contact_email })}{b.contact_phone ? <> · <Ltr>{b.contact_phone}</Ltr></> : ""}</List.Item>
          {b.group_name ? <List.Item>{t("rooms:fields.groupName")}: {b.group_name}</List.Item> : null}
          <List.Item>{t("rooms:fields.purpose")}: {b.purpose}</List.Item>
          <List.Item>{t("rooms:fields.attendees")}: {b.attendees}</List.Item>
          <List.Item>{t("rooms:fields.responsibleAdult")}: {b.responsible_adult}</List.Item>
          {parts.length ? <List.Item>{t("rooms:fields.parts")}: {parts.map((p) => localised(p.name, p.name_translations, i18n.language)).join(t("common:listSeparator"))}</List.Item> : null}
          <List.Item>{t("rooms:office.rulesAccepted", { version: b.rules_version })}</List.Item>
          {b.decision_reason ? <List.Item>{t("rooms:manage.reason", { reason: b.decision_reason })}</List.Item> : null}
        </List>
      </Paper>
      {conflicts.length || blackouts.length ? (
        <Alert color="orange" title={<AlertTitle>{t("rooms:office.conflicts")}</AlertTitle>}>
          <List size="sm">
            {conflicts.map((c) => (
              <List.Item key={c.id}>
                <Anchor component={Link} to={`/office/rooms/bookings/${c.id}`}>
                  {formatSlot(c.startsAt, c.endsAt, lang)}
                </Anchor>
              </List.Item>
            ))}
            {blackouts.map((x, i) => (
              <List.Item key={`b${i}`}>{t("rooms:office.blackoutConflict", { reason: x.reason })}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {b.status === "requested" || b.status === "unconfirmed" ? <DecisionForms bookingId={b.id} approveAction={`${here}/approve`} /> : null}
      {b.series_id ? (
        <Form method="post" action={`${here}/approve-series`}>
          <Button type="submit" variant="default">
            {t("rooms:office.approveSeries")}
          </Button>
        </Form>
      ) : null}
      {active ? (
        <Group>
          <Button component={Link} to={`${here}/cancel`} color="red.9" variant="outline" c="red.9">
            {t("rooms:office.cancelEllipsis")}
          </Button>
          <Button component={Link} to={`${here}/new-link`} variant="default">
            {t("rooms:office.newLinkEllipsis")}
          </Button>
        </Group>
      ) : null}
      {b.status === "confirmed" || key ? (
        <Paper withBorder p="md" component="section" aria-labelledby="key">
          <Title order={2} size="h4" id="key" mb="xs">
            {t("rooms:office.keyTitle")}
          </Title>
          {key ? (
            <List size="sm" mb="sm">
              <List.Item>{t("rooms:office.keyOutAt", { date: formatDateTime(key.handed_out_at, lang), name: key.handed_to, amount: key.deposit_cents / 100 })}</List.Item>
              {key.condition_out ? <List.Item>{t("rooms:office.conditionOut")}: {key.condition_out}</List.Item> : null}
              {key.returned_at ? <List.Item>{t("rooms:office.keyBackAt", { date: formatDateTime(key.returned_at, lang) })} · {t(`rooms:office.deposit.${key.deposit_outcome}`)}</List.Item> : null}
              {key.condition_back ? <List.Item>{t("rooms:office.conditionBack")}: {key.condition_back}</List.Item> : null}
              {key.damages ? <List.Item>{t("rooms:office.damages")}: {key.damages}</List.Item> : null}
            </List>
          ) : null}
          {!key ? (
            <KeyOutForm action={`${here}/key-out`} handedTo={b.responsible_adult} depositCents={b.key_deposit_cents} />
          ) : !key.returned_at ? (
            <KeyBackForm action={`${here}/key-back`} />
          ) : null}
        </Paper>
      ) : null}
      <Text size="sm" c="gray.7">
        {t("rooms:office.requestedAt", { date: formatDateTime(b.created_at, lang) })}
      </Text>
    </Stack>
  );
}
