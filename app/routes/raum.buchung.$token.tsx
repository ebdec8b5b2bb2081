import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AlertTitle } from "~/components/rooms/violations";
import { z } from "zod";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, SubmitButton } from "~/components/form";
import { SlotFields } from "~/components/rooms/slot-fields";
import { ViolationAlert, type ViolationView } from "~/components/rooms/violations";
import { createFeed, feedUrl, revokeRequesterFeeds } from "~/modules/rooms/feeds.server";
import { cancelOwnBooking, changeBooking, changeSeriesTimes } from "~/modules/rooms/manage-booking.server";
import { getBookingByManageToken, getPublicRoom, getSeriesDate, safeIds } from "~/modules/rooms/queries.server";
import { confirmGuestRequest } from "~/modules/rooms/request-booking.server";
import { ChangeSchema, SeriesTimesSchema } from "~/modules/rooms/schema";
import { berlinDay, berlinTime, formatSlot } from "~/utils/dates";
import { isAppError } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [...titleFrom(matches, "rooms:manage.title"), { name: "robots", content: "noindex" }];
// The token is the key: never cached, never sent to another site as a referrer. `same-origin`, not
// `no-referrer`: with `no-referrer` the browser posts the page's own forms with `Origin: null`,
// which the server's same-origin check refuses (issue #12, item 3).
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

async function load(token: string | undefined) {
  // Anonymous access intended: the unguessable token in the link is the authorisation.
  const found = await getBookingByManageToken(token ?? "");
  if (!found) throw new Response("Not Found", { status: 404 });
  return found;
}

/** The date a form acts on: the link's own booking, or another date of its series (never anything else). */
function targetOf(found: Awaited<ReturnType<typeof load>>, raw: FormDataEntryValue | string | null) {
  const id = Number(raw);
  if (!raw || !Number.isInteger(id) || id === found.booking.id) return found.booking.id;
  if (!found.series.some((s) => s.id === id)) throw new Response("Not Found", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await load(params.token);
  const { series } = found;
  const targetId = targetOf(found, new URL(request.url).searchParams.get("termin"));
  const b = targetId === found.booking.id ? found.booking : (await getSeriesDate(found.booking.series_id!, targetId))!;
  const room = await getPublicRoom(b.room_id, { includeInactive: true });
  if (!room) throw new Response("Not Found", { status: 404 });
  return {
    booking: {
      id: b.id,
      status: b.status,
      startsAt: b.starts_at,
      endsAt: b.ends_at,
      name: b.contact_name,
      email: b.contact_email,
      groupName: b.group_name,
      purpose: b.purpose,
      attendees: b.attendees,
      responsibleAdult: b.responsible_adult,
      phone: b.contact_phone,
      parts: safeIds(b.parts),
      reason: b.decision_reason,
      seriesId: b.series_id,
    },
    series,
    room: { id: room.room.id, name: room.room.name, address: room.room.address, capacity: room.room.capacity },
    parts: room.parts,
    now: new Date().toISOString(),
  };
}

type ActionData = { result?: SubmissionResult<string[]>; violations?: ViolationView[]; feedUrl?: string };

const CancelSchema = z.object({ scope: z.enum(["one", "series"]), bookingId: z.coerce.number().int().positive().optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const found = await load(params.token);
  const { booking } = found;
  const here = `/raum/buchung/${params.token}`;
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "confirm") {
    const r = await confirmGuestRequest(booking.id);
    return redirectWithFlash(here, { key: r === "expired" ? "flash.roomConfirmExpired" : "flash.roomConfirmed", kind: r === "expired" ? "error" : "success" });
  }
  if (intent === "cancel") {
    const parsed = CancelSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw new Response("Bad Request", { status: 400 });
    try {
      await cancelOwnBooking(booking.id, parsed.data);
    } catch (e) {
      if (isAppError(e) && e.status === 409) return data<ActionData>({ violations: [{ key: e.key }] }, { status: 409 });
      if (isAppError(e) && e.status === 404) throw new Response("Not Found", { status: 404 });
      throw e;
    }
    return redirectWithFlash(here, { key: "flash.roomCancelled", kind: "success" });
  }
  if (intent === "create-feed") {
    // Shown once: only the hash is stored.
    return data<ActionData>({ feedUrl: feedUrl(await createFeed({ kind: "requester", email: booking.contact_email })) });
  }
  if (intent === "revoke-feeds") {
    await revokeRequesterFeeds(booking.contact_email);
    return redirectWithFlash(here, { key: "flash.roomFeedsRevoked", kind: "success" });
  }
  if (intent === "change") {
    const submission = parseWithZod(formData, { schema: ChangeSchema });
    if (submission.status !== "success") return data<ActionData>({ result: submission.reply() }, { status: 400 });
    const r = await changeBooking(targetOf(found, formData.get("bookingId")), submission.value);
    if (!r.ok) return data<ActionData>({ result: submission.reply(), violations: r.violations }, { status: 400 });
    return redirectWithFlash(here, { key: "flash.roomChanged", kind: "success" });
  }
  if (intent === "change-series") {
    const parsed = SeriesTimesSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return data<ActionData>({ violations: [{ key: parsed.error.issues[0].message }] }, { status: 400 });
    const r = await changeSeriesTimes(booking.id, parsed.data);
    if (!r.ok) return data<ActionData>({ violations: r.violations }, { status: 400 });
    return redirectWithFlash(here, { key: "flash.roomChanged", kind: "success" });
  }
  throw new Response("Bad Request", { status: 400 });
}

const STATUS_COLOR: Record<string, string> = { confirmed: "green", requested: "yellow", unconfirmed: "orange", declined: "red", cancelled: "gray", expired: "gray" };

export default function ManageBooking() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const b = d.booking;
  const active = ["unconfirmed", "requested", "confirmed"].includes(b.status) && b.startsAt > d.now;
  const [form, f] = useForm({
    id: `change-${b.id}`,
    lastResult: actionData?.result,
    defaultValue: {
      day: berlinDay(b.startsAt),
      startTime: berlinTime(b.startsAt),
      endTime: berlinTime(b.endsAt) === "00:00" ? "00:00" : berlinTime(b.endsAt),
      // A multi-value field: conform accepts a list of strings for checkboxes of one name.
      parts: b.parts.map(String) as unknown as string,
      purpose: b.purpose,
      attendees: String(b.attendees),
      responsibleAdult: b.responsibleAdult,
      phone: b.phone ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Stack>
      <PageTitle description={`${d.room.name} · ${d.room.address}`}>{t("rooms:manage.title")}</PageTitle>
      <ViolationAlert violations={actionData?.violations ?? []} title={t("rooms:request.notPossible")} />
      <Paper withBorder p="md" component="section" aria-labelledby="status">
        <Title order={2} size="h4" id="status" mb="xs">
          {t("rooms:manage.status")}
        </Title>
        <Group gap="xs" mb="xs">
          <Badge color={STATUS_COLOR[b.status]} variant="light" c="dark.9">{t(`rooms:status.${b.status}`)}</Badge>
          <Text>{formatSlot(b.startsAt, b.endsAt, i18n.language)}</Text>
        </Group>
        <Text size="sm">{t(`rooms:manage.statusText.${b.status}`)}</Text>
        {b.reason ? <Text size="sm">{t("rooms:manage.reason", { reason: b.reason })}</Text> : null}
        {b.status === "unconfirmed" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
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
                    {["unconfirmed", "requested", "confirmed"].includes(s.status) && s.starts_at > d.now ? (
                      <Group gap="xs">
                        <Anchor component={Link} to={`?termin=${s.id}#change`} size="sm">
                          {t("rooms:manage.changeDate", { date: formatSlot(s.starts_at, s.ends_at, i18n.language) })}
                        </Anchor>
                        <Form method="post">
                          <input type="hidden" name="intent" value="cancel" />
                          <input type="hidden" name="scope" value="one" />
                          <input type="hidden" name="bookingId" value={s.id} />
                          <Button type="submit" size="compact-sm" variant="subtle" color="red.9" c="red.9">
                            {t("rooms:manage.cancelDate", { date: formatSlot(s.starts_at, s.ends_at, i18n.language) })}
                          </Button>
                        </Form>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Form method="post">
            <input type="hidden" name="intent" value="change-series" />
            <Group align="flex-end" mt="sm">
              <TextInput name="startTime" id="series-start" label={t("rooms:fields.startTime")} placeholder="18:00" required defaultValue={berlinTime(b.startsAt)} />
              <TextInput name="endTime" id="series-end" label={t("rooms:fields.endTime")} placeholder="20:00" required defaultValue={berlinTime(b.endsAt)} />
              <Button type="submit" variant="default">
                {t("rooms:manage.changeSeries")}
              </Button>
            </Group>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="scope" value="series" />
            <Button type="submit" color="red.9" variant="outline" c="red.9" mt="sm">
              {t("rooms:manage.cancelSeries")}
            </Button>
          </Form>
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
          <Form method="post" {...getFormProps(form)}>
            <Stack>
              <FormErrors form={form} />
              <input type="hidden" name="intent" value="change" />
              <input type="hidden" name="bookingId" value={b.id} />
              <SlotFields f={f} parts={d.parts} capacity={d.room.capacity} />
              <div>
                <SubmitButton>{t("rooms:manage.change")}</SubmitButton>
              </div>
            </Stack>
          </Form>
        </Paper>
      ) : null}
      <Paper withBorder p="md" component="section" aria-labelledby="feed">
        <Title order={2} size="h4" id="feed" mb="xs">
          {t("rooms:feeds.title")}
        </Title>
        <Text size="sm" mb="sm">
          {t("rooms:feeds.hint")}
        </Text>
        {actionData?.feedUrl ? (
          <Alert color="green.9" role="status" mb="sm" title={<AlertTitle>{t("rooms:feeds.created")}</AlertTitle>}>
            <Text component="code" style={{ wordBreak: "break-all" }}>
              {actionData.feedUrl}
            </Text>
          </Alert>
        ) : null}
        <Group>
          <Form method="post">
            <input type="hidden" name="intent" value="create-feed" />
            <Button type="submit" variant="default">
              {t("rooms:feeds.create")}
            </Button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="revoke-feeds" />
            <Button type="submit" variant="subtle" color="red.9" c="red.9">
              {t("rooms:feeds.revoke")}
            </Button>
          </Form>
        </Group>
      </Paper>
      {active ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="scope" value="one" />
          <input type="hidden" name="bookingId" value={b.id} />
          <Button type="submit" color="red.9" variant="outline" c="red.9">
            {t("rooms:manage.cancel")}
          </Button>
        </Form>
      ) : (
        <Alert color="gray">{t("rooms:manage.noChanges")}</Alert>
      )}
    </Stack>
  );
}
