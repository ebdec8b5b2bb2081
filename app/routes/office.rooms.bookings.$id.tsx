import { Alert, Anchor, Badge, Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AlertTitle } from "~/components/rooms/violations";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DecisionError, DecisionForms, type DecisionData } from "~/components/rooms/decision-forms";
import { decide } from "~/modules/rooms/decide-action.server";
import { approveSeries } from "~/modules/rooms/approve-series.server";
import { cancelBookingByOffice } from "~/modules/rooms/decide-booking.server";
import { handOutKey, takeBackKey } from "~/modules/rooms/key-handover.server";
import { getBookingForOffice } from "~/modules/rooms/queries.server";
import { KeyBackSchema, KeyOutSchema } from "~/modules/rooms/schema";
import { formatDateTime, formatSlot } from "~/utils/dates";
import { isAppError } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";
import { plainText } from "~/utils/validation";
import { Ltr } from "~/components/bdi";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookingTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requirePermission(actor, "approve:booking:any");
  const found = await getBookingForOffice(actor, parseId(params.id));
  if (!found) throw new Response("Not Found", { status: 404 });
  return found;
}

type ActionData = DecisionData;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requirePermission(actor, "approve:booking:any");
  const id = parseId(params.id);
  if (!(await getBookingForOffice(actor, id))) throw new Response("Not Found", { status: 404 });
  const here = `/office/rooms/bookings/${id}`;
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "approve" || intent === "decline") return decide(request, String(id), here, formData);
  if (intent === "approve-series") {
    const found = await getBookingForOffice(actor, id);
    if (!found?.booking.series_id) throw new Response("Bad Request", { status: 400 });
    try {
      const r = await approveSeries(actor, found.booking.series_id);
      if (r.skipped.length) return data<ActionData>({ bookingId: id, error: { key: "rooms:errors.seriesPartly", values: { confirmed: r.confirmed.length, skipped: r.skipped.length } } }, { status: 200 });
    } catch (e) {
      if (isAppError(e)) return data<ActionData>({ bookingId: id, error: { key: e.key, values: e.values } }, { status: e.status });
      throw e;
    }
    return redirectWithFlash(here, { key: "flash.roomApproved", kind: "success" });
  }
  const fail = (key: string, status = 400, values?: Record<string, string | number>) => data<ActionData>({ bookingId: id, error: { key, values } }, { status });
  try {
    if (intent === "cancel") {
      const reason = plainText(500).safeParse(formData.get("reason"));
      if (!reason.success) return fail("rooms:errors.reasonRequired");
      await cancelBookingByOffice(actor, id, reason.data);
      return redirectWithFlash(here, { key: "flash.roomCancelled", kind: "success" });
    }
    if (intent === "key-out" || intent === "key-back") {
      const schema: z.ZodTypeAny = intent === "key-out" ? KeyOutSchema : KeyBackSchema;
      const parsed = schema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return fail(parsed.error.issues[0].message.split("|")[0]);
      if (intent === "key-out") await handOutKey(actor, id, parsed.data);
      else await takeBackKey(actor, id, parsed.data);
      return redirectWithFlash(here, { key: "flash.saved", kind: "success" });
    }
  } catch (e) {
    if (isAppError(e) && e.status !== 404) return fail(e.key, e.status, e.values);
    if (isAppError(e)) throw new Response("Not Found", { status: 404 });
    throw e;
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function OfficeBooking() {
  const { t, i18n } = useTranslation();
  const { booking: b, conflicts, blackouts, parts, key } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const lang = i18n.language;
  const active = ["unconfirmed", "requested", "confirmed"].includes(b.status);
  return (
    <Stack>
      <Anchor component={Link} to="/office/rooms/requests">
        {t("rooms:office.backToRequests")}
      </Anchor>
      <PageTitle description={b.room_name}>{formatSlot(b.starts_at, b.ends_at, lang)}</PageTitle>
      {actionData?.error ? <DecisionError error={actionData.error} /> : null}
      <Paper withBorder p="md" component="section" aria-labelledby="details">
        <Group gap="xs" mb="xs">
          <Title order={2} size="h4" id="details">
            {t("rooms:office.details")}
          </Title>
          <Badge variant="light" c="dark.9">{t(`rooms:status.${b.status}`)}</Badge>
        </Group>
        <List size="sm">
          <List.Item>{t("rooms:manage.requester", { name: b.contact_name, email: b.contact_email })}{b.contact_phone ? <> · <Ltr>{b.contact_phone}</Ltr></> : ""}</List.Item>
          {b.group_name ? <List.Item>{t("rooms:fields.groupName")}: {b.group_name}</List.Item> : null}
          <List.Item>{t("rooms:fields.purpose")}: {b.purpose}</List.Item>
          <List.Item>{t("rooms:fields.attendees")}: {b.attendees}</List.Item>
          <List.Item>{t("rooms:fields.responsibleAdult")}: {b.responsible_adult}</List.Item>
          {parts.length ? <List.Item>{t("rooms:fields.parts")}: {parts.map((p) => p.name).join(", ")}</List.Item> : null}
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
      {b.status === "requested" || b.status === "unconfirmed" ? <DecisionForms bookingId={b.id} /> : null}
      {b.series_id ? (
        <Form method="post">
          <input type="hidden" name="intent" value="approve-series" />
          <Button type="submit" variant="default">
            {t("rooms:office.approveSeries")}
          </Button>
        </Form>
      ) : null}
      {active ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <Group align="flex-end">
            <TextInput name="reason" label={t("rooms:office.cancelReason")} required maxLength={500} />
            <Button type="submit" color="red.9" variant="outline" c="red.9">
              {t("rooms:office.cancel")}
            </Button>
          </Group>
        </Form>
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
            <Form method="post">
              <input type="hidden" name="intent" value="key-out" />
              <Stack gap="xs">
                <TextInput name="handedTo" label={t("rooms:office.handedTo")} required defaultValue={b.responsible_adult} />
                <TextInput name="deposit" type="number" min={0} label={t("rooms:office.depositReceived")} required defaultValue={String(b.key_deposit_cents / 100)} />
                <Textarea name="conditionOut" label={t("rooms:office.conditionOut")} maxLength={1000} />
                <div>
                  <Button type="submit">{t("rooms:office.keyOut")}</Button>
                </div>
              </Stack>
            </Form>
          ) : !key.returned_at ? (
            <Form method="post">
              <input type="hidden" name="intent" value="key-back" />
              <Stack gap="xs">
                <NativeSelect
                  name="depositOutcome"
                  label={t("rooms:office.depositOutcome")}
                  data={(["returned", "partly_kept", "kept"] as const).map((v) => ({ value: v, label: t(`rooms:office.deposit.${v}`) }))}
                />
                <Textarea name="conditionBack" label={t("rooms:office.conditionBack")} maxLength={1000} />
                <Textarea name="damages" label={t("rooms:office.damages")} maxLength={1000} />
                <div>
                  <Button type="submit">{t("rooms:office.keyBack")}</Button>
                </div>
              </Stack>
            </Form>
          ) : null}
        </Paper>
      ) : null}
      <Text size="sm" c="gray.7">
        {t("rooms:office.requestedAt", { date: formatDateTime(b.created_at, lang) })}
      </Text>
    </Stack>
  );
}
