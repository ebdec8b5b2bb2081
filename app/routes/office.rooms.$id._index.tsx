import { type SubmissionResult } from "@conform-to/react";
import { Alert, Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { AlertTitle } from "~/components/rooms/violations";
import { z } from "zod";
import { PageTitle } from "~/components/app-layout";
import { DateTextInput } from "~/components/date-field";
import { requireOfficeRoom } from "~/modules/rooms/office-room.server";
import { replyFor, useFieldError } from "~/components/form";
import { partDefaults, RoomForm, roomDefaults } from "~/components/rooms/room-form";
import { addBlackout, listBlackouts, removeBlackout, setRoomActive, updateRoom } from "~/modules/rooms/configure-room.server";
import { countRoomPhotos } from "~/modules/rooms/photos.server";
import { parseOpeningHours } from "~/modules/rooms/policy";
import { BlackoutSchema, readPartsForm, RoomSchema } from "~/modules/rooms/schema";
import { addDaysToDay, berlinDay, formatDate, formatSlot } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm } from "~/utils/forms.server";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.room.name} · Ehrenamt-Hub` : "Ehrenamt-Hub" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, room, parts, rules } = await requireOfficeRoom(await requireActor(request, context), params.id);
  const [blackouts, photoCount] = await Promise.all([listBlackouts(actor, room.id), countRoomPhotos(room.id)]);
  return { room, parts, rules, hours: parseOpeningHours(room.opening_hours), blackouts, photoCount };
}

/** The forms of the page, by their hidden intent (the closure to remove is a hidden field too). */
const SCHEMAS = {
  save: RoomSchema,
  "add-blackout": BlackoutSchema,
  "remove-blackout": z.object({ intent: z.literal("remove-blackout"), blackoutId: z.coerce.number().int().positive() }),
  activate: z.object({ intent: z.literal("activate") }),
  deactivate: z.object({ intent: z.literal("deactivate") }),
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, room } = await requireOfficeRoom(await requireActor(request, context), params.id);
  const here = `/office/rooms/${room.id}`;
  const form = await parseIntentForm(request, SCHEMAS);
  if (form.intent === "save") {
    const { submission } = form;
    if (submission.status !== "success") return invalid(submission);
    // Without the field (an older form) the parts stay as they are.
    await updateRoom(actor, room.id, submission.value, readPartsForm(form.formData));
    return redirectWithFlash(here, { key: "flash.saved", kind: "success" });
  }
  if (form.intent === "add-blackout") {
    const { submission } = form;
    if (submission.status !== "success") return invalid(submission);
    await addBlackout(actor, room.id, submission.value);
    return redirectWithFlash(here, { key: "flash.roomBlackoutAdded", kind: "success" });
  }
  if (form.intent === "remove-blackout") {
    const { submission } = form;
    if (submission.status !== "success") throw notFound();
    await removeBlackout(actor, room.id, submission.value.blackoutId);
    return redirectWithFlash(here, { key: "flash.saved", kind: "success" });
  }
  await setRoomActive(actor, room.id, form.intent === "activate");
  return redirectWithFlash(here, { key: "flash.saved", kind: "success" });
}

function BlackoutForm({ result }: { result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const errors = (result?.error ?? {}) as Record<string, string[] | undefined>;
  const value = (result?.initialValue ?? {}) as Record<string, string>;
  const from = useFieldError(errors.from);
  const to = useFieldError(errors.to);
  const reason = useFieldError(errors.reason);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="add-blackout" />
      <SimpleGrid cols={{ base: 1, sm: 4 }} style={{ alignItems: "end" }}>
        <DateTextInput name="from" id="blackout-from" label={t("rooms:config.blackoutFrom")} required defaultValue={value.from} error={from} />
        <DateTextInput name="to" id="blackout-to" label={t("rooms:config.blackoutTo")} required defaultValue={value.to} error={to} />
        <TextInput name="reason" id="blackout-reason" label={t("rooms:config.blackoutReason")} required maxLength={200} defaultValue={value.reason} error={reason} />
        <Button type="submit">{t("rooms:config.addBlackout")}</Button>
      </SimpleGrid>
    </Form>
  );
}

export default function OfficeRoom() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const lang = i18n.language;
  return (
    <Stack>
      <Anchor component={Link} to="/office/rooms">
        {t("rooms:office.backToRooms")}
      </Anchor>
      <PageTitle description={d.room.address}>{d.room.name}</PageTitle>
      <Group>
        <Button component={Link} to={`/office/rooms/${d.room.id}/book`} variant="default">
          {t("rooms:office.bookDirect")}
        </Button>
        <Button component={Link} to={`/office/rooms/${d.room.id}/utilisation`} variant="default">
          {t("rooms:office.utilisation")}
        </Button>
        <Button component={Link} to={`/office/rooms/${d.room.id}/photos`} variant="default">
          {t("rooms:photos.manage", { n: d.photoCount })}
        </Button>
        <Button component={Link} to={`/raum/${d.room.id}`} variant="subtle">
          {t("rooms:office.publicPage")}
        </Button>
      </Group>
      <Paper withBorder p="md" component="section" aria-labelledby="blackouts">
        <Title order={2} size="h4" id="blackouts" mb="xs">
          {t("rooms:config.blackouts")}
        </Title>
        {d.blackouts.length === 0 ? <Text size="sm">{t("rooms:config.noBlackouts")}</Text> : null}
        <Stack gap="sm" mb="md">
          {d.blackouts.map((b) => (
            <Paper key={b.id} withBorder p="xs">
              <Group justify="space-between">
                <Text>
                  {formatDate(berlinDay(b.starts_at), lang)} – {formatDate(addDaysToDay(berlinDay(b.ends_at), -1), lang)}: {b.reason}
                </Text>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-blackout" />
                  <input type="hidden" name="blackoutId" value={b.id} />
                  <Button type="submit" size="compact-sm" variant="subtle" color="red.9" c="red.9">
                    {t("rooms:config.removeBlackout", { reason: b.reason })}
                  </Button>
                </Form>
              </Group>
              {b.collisions.length ? (
                <Alert color="orange" mt="xs" title={<AlertTitle>{t("rooms:config.collisions", { count: b.collisions.length })}</AlertTitle>}>
                  <List size="sm">
                    {b.collisions.map((c) => (
                      <List.Item key={c.id}>
                        <Anchor component={Link} to={`/office/rooms/bookings/${c.id}`}>
                          {formatSlot(c.starts_at, c.ends_at, lang)}
                        </Anchor>{" "}
                        · {c.contact_name} · {t(`rooms:status.${c.status}`)}
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              ) : null}
            </Paper>
          ))}
        </Stack>
        <BlackoutForm result={replyFor(reply, "intent", "add-blackout")} />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="config">
        <Title order={2} size="h4" id="config" mb="xs">
          {t("rooms:config.title", { version: d.rules.version })}
        </Title>
        <RoomForm
          key={d.room.updated_at}
          lastResult={replyFor(reply, "intent", "save")}
          defaultValue={{ ...roomDefaults(d.room, d.hours, d.rules), ...partDefaults(d.parts) }}
          submitLabel={t("actions.save")}
          withParts
        />
      </Paper>
      <Form method="post">
        <input type="hidden" name="intent" value={d.room.active ? "deactivate" : "activate"} />
        <Button type="submit" variant="outline" color={d.room.active ? "red.9" : undefined} c={d.room.active ? "red.9" : undefined}>
          {d.room.active ? t("rooms:config.deactivate") : t("rooms:config.activate")}
        </Button>
      </Form>
    </Stack>
  );
}
