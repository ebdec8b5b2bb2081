import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, Checkbox, Fieldset, Group, List, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { CheckboxField, SelectField, SubmitButton, TextField } from "~/components/form";
import { SlotFields } from "~/components/rooms/slot-fields";
import { useViolationText, ViolationAlert, violationErrors, violationsOf, type ViolationView } from "~/components/rooms/violations";
import { getLanguage } from "~/i18n/i18next.server";
import { getPublicRoom } from "~/modules/rooms/queries.server";
import { previewRequest, requestBooking } from "~/modules/rooms/request-booking.server";
import { GuestRequestSchema, MemberRequestSchema, PreviewRequestSchema } from "~/modules/rooms/schema";
import { formatSlot } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { takeFormSlot } from "~/utils/form-limits.server";
import { clientIp, invalid, readForm } from "~/utils/forms.server";
import { parseId } from "~/utils/params";
import { langAttr, localised, localisedText } from "~/modules/rooms/translations";
import { badRequest, notFound } from "~/utils/errors";
import { Lines, PlainSummary } from "~/components/plain-language";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.room.name} · Ehrenamt-Hub` : "Ehrenamt-Hub" }];

type Preview = Array<{ day: string; startsAt: string; endsAt: string; violations: ViolationView[] }>;
/**
 * The conform reply, as everywhere: a refusal's rule messages are its form-level errors
 * (`violationErrors`); "check the dates" answers the reply (the input kept) with the dates checked.
 */
type ActionData = SubmissionResult<string[]> & { preview?: Preview };

/** Which button sent the form: "check the dates" (`preview`) or the request itself (no name). */
const RequestIntentSchema = z.object({ intent: z.preprocess((v) => v || "request", z.enum(["preview", "request"])) });

async function load(request: Request, idParam: string | undefined, context?: object) {
  // Anonymous access intended: guests may ask for the room.
  const actor = await getActor(request, context);
  const found = await getPublicRoom(parseId(idParam));
  if (!found) throw notFound();
  return { actor, ...found };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, room, parts, rules } = await load(request, params.id, context);
  const sent = new URL(request.url).searchParams.get("gesendet") === "1";
  return { room: { id: room.id, name: room.name, capacity: room.capacity }, parts, rules, guest: !actor, user: actor ? { name: actor.name, email: actor.email } : null, sent };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, room } = await load(request, params.id, context);
  const formData = await readForm(request);
  const picked = parseWithZod(formData, { schema: RequestIntentSchema });
  if (picked.status !== "success") throw badRequest();
  const previewing = picked.value.intent === "preview";
  const schema = previewing ? PreviewRequestSchema : actor ? MemberRequestSchema : GuestRequestSchema;
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return invalid(submission);
  const input = { ...submission.value, acceptRules: "on" as const, locale: await getLanguage(request) };
  if (previewing) {
    const preview = await previewRequest(room.id, input);
    if (!preview.ok) return invalid(submission, { formErrors: violationErrors([preview.error]) });
    return data<ActionData>({ ...submission.reply(), preview: preview.dates });
  }
  if (!actor) {
    // Guests' requests send mail: limited per IP and per address (nothing stored when refused).
    const limited = await takeFormSlot("room-request", { ip: clientIp(context), address: "email" in submission.value ? String(submission.value.email) : null });
    if (limited) return data(submission.reply({ formErrors: [limited] }), { status: 429 });
  }
  const r = await requestBooking(actor, room.id, input);
  if (!r.ok) return invalid(submission, r.field ? { fieldErrors: { [r.field]: [r.violations[0].key] } } : { formErrors: violationErrors(r.violations) });
  if (r.needsConfirmation) return redirectWithFlash(`/raum/${room.id}/anfragen?gesendet=1`, { key: "flash.roomRequestMailed", kind: "info" });
  return redirectWithFlash(`/raum/buchung/${r.manageToken}`, { key: "flash.roomRequested", kind: "success" });
}

function PreviewList({ preview }: { preview: Preview }) {
  const { t, i18n } = useTranslation();
  const text = useViolationText();
  return (
    <Fieldset legend={t("rooms:request.previewTitle", { count: preview.length })}>
      <Text size="sm" mb="xs">
        <Lines text={t("rooms:request.previewHint")} />
      </Text>
      <Stack gap={6}>
        {preview.map((d) => (
          <div key={d.day}>
            <Checkbox
              name="dates"
              value={d.day}
              defaultChecked={d.violations.length === 0}
              label={`${formatSlot(d.startsAt, d.endsAt, i18n.language)} – ${d.violations.length ? t("rooms:request.conflict") : t("rooms:calendar.free")}`}
              description={d.violations.length ? d.violations.map(text).join(" · ") : undefined}
            />
          </div>
        ))}
      </Stack>
    </Fieldset>
  );
}

export default function RequestPage() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const rules = localisedText(d.rules.text, d.rules.text_translations, i18n.language);
  const schema = (d.guest ? GuestRequestSchema : MemberRequestSchema) as typeof GuestRequestSchema;
  const [form, f] = useForm({
    id: "room-request",
    lastResult: actionData,
    defaultValue: { rulesVersion: String(d.rules.version), repeat: "none" },
    onValidate: ({ formData }) => {
      const picked = parseWithZod(formData, { schema: RequestIntentSchema });
      return parseWithZod(formData, { schema: picked.status === "success" && picked.value.intent === "preview" ? PreviewRequestSchema : schema });
    },
    shouldValidate: "onBlur",
  });
  const back = (
    <Anchor component={Link} to={`/raum/${d.room.id}`}>
      {t("rooms:request.backToRoom", { name: d.room.name })}
    </Anchor>
  );
  if (d.sent) {
    return (
      <Stack>
        {back}
        <PageTitle>{t("rooms:request.sentTitle")}</PageTitle>
        <Alert color="blue" role="status">
          <Lines text={t("rooms:request.sentText")} />
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack>
      {back}
      <PageTitle description={<Lines text={t("rooms:request.intro")} />}>{t("rooms:request.title", { name: d.room.name })}</PageTitle>
      <PlainSummary lines={[t("rooms:request.summary.what"), t("rooms:request.summary.fill"), t("rooms:request.summary.check"), t("rooms:request.summary.mail"), t("rooms:request.summary.answer")]} />
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          {/* Every form-level message (a house rule, a date taken, too many requests) with its values. */}
          <ViolationAlert violations={violationsOf(actionData)} title={t("rooms:request.notPossible")} />
          <input type="hidden" name={f.rulesVersion.name} value={d.rules.version} />
          <Paper withBorder p="md" component="section" aria-labelledby="who">
            <Title order={2} size="h4" id="who" mb="xs">
              {t("rooms:request.who")}
            </Title>
            {d.user ? (
              <Text>{t("rooms:request.loggedInAs", { name: d.user.name, email: d.user.email })}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField field={f.name} label={t("rooms:fields.name")} autoComplete="name" />
                <TextField field={f.email} type="email" label={t("rooms:fields.email")} autoComplete="email" />
              </SimpleGrid>
            )}
            <TextField field={f.groupName} label={t("rooms:fields.groupName")} mt="sm" />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="when">
            <Title order={2} size="h4" id="when" mb="xs">
              {t("rooms:request.when")}
            </Title>
            <SlotFields f={f} parts={d.parts.map((p) => ({ id: p.id, name: localised(p.name, p.name_translations, i18n.language) }))} capacity={d.room.capacity} />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="repeat">
            <Title order={2} size="h4" id="repeat" mb="xs">
              {t("rooms:request.repeatTitle")}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <SelectField
                field={f.repeat}
                label={t("rooms:fields.repeat")}
                options={(["none", "weekly", "biweekly"] as const).map((v) => ({ value: v, label: t(`rooms:repeat.${v}`) }))}
              />
              <TextField field={f.until} type="date" label={t("rooms:fields.until")} />
              <TextField field={f.count} type="number" label={t("rooms:fields.count")} min={1} max={52} />
            </SimpleGrid>
            <Text size="sm" mt="xs">
              <Lines text={t("rooms:request.repeatHint")} />
            </Text>
            {actionData?.preview ? <PreviewList preview={actionData.preview} /> : null}
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="rules">
            <Title order={2} size="h4" id="rules" mb="xs">
              {t("rooms:request.rulesTitle", { version: d.rules.version })}
            </Title>
            {/* The version's rules in the reader's language; German (marked so) where none was entered. */}
            <List size="sm" mb="sm" lang={langAttr(rules, i18n.language)}>
              {rules.text.split("\n").filter(Boolean).map((line, i) => (
                <List.Item key={i} dir="auto">
                  {line}
                </List.Item>
              ))}
            </List>
            <CheckboxField field={f.acceptRules} label={t("rooms:fields.acceptRules", { version: d.rules.version })} />
          </Paper>
          <Group>
            <SubmitButton>{t("rooms:request.submit")}</SubmitButton>
            <Button type="submit" name="intent" value="preview" variant="default">
              {t("rooms:request.preview")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Stack>
  );
}
