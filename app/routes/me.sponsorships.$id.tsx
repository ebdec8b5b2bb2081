import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi, Ltr, ValueList } from "~/components/bdi";
import { FormErrors, replyFor, SelectField, SubmitButton, TextAreaField, TextField, useFieldError } from "~/components/form";
import { addMeetingToHours, logMeeting } from "~/modules/sponsorships/meetings-log.server";
import { MEETING_SCHEMAS } from "~/modules/sponsorships/meetings-schema";
import { getOwnTandemRow, viewOwnTandem } from "~/modules/sponsorships/tandem-queries.server";
import { MEETING_KINDS, TOPIC_TAGS } from "~/modules/sponsorships/tandem-rules";
import { isUiLanguage } from "~/i18n/config";
import { formatDate, formatDateTime, todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "tandems:me.title");

/** The sponsor's own tandem (another volunteer's is a 404): the household's part they may see (access-logged), the meeting log. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "read:sponsorship:own", { userId: actor.userId });
  const view = await viewOwnTandem(actor, id, todayOf());
  if (!view) throw notFound();
  return view;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "read:sponsorship:own", { userId: actor.userId });
  if (!(await getOwnTandemRow(actor, id))) throw notFound();
  const form = await parseIntentForm(request, MEETING_SCHEMAS);
  if (form.submission.status !== "success") return invalid(form.submission);
  try {
    const v = form.submission.value;
    if (v.intent === "log") await logMeeting(actor, id, v);
    else await addMeetingToHours(actor, id, v.meetingId);
  } catch (e) {
    return replyWithError(form.submission, e);
  }
  return redirectWithFlash(`/me/sponsorships/${id}`, { key: "flash.saved", kind: "success" });
}

function HoursForm({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation("tandems");
  const mine = replyFor(useActionData<typeof action>() as SubmissionResult<string[]> | undefined, "meetingId", meetingId);
  const error = useFieldError(mine?.error?.meetingId ?? mine?.error?.[""] ?? undefined);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="hours" />
      <input type="hidden" name="meetingId" value={meetingId} />
      <Button type="submit" size="xs" variant="light">
        {t("me.addHours")}
      </Button>
      {error ? (
        <Text size="xs" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      ) : null}
    </Form>
  );
}

export default function MyTandem() {
  const { t, i18n } = useTranslation("tandems");
  const d = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const [form, f] = useForm({
    id: "log",
    lastResult: replyFor(reply, "intent", "log"),
    defaultValue: { day: d.today, minutes: "60", kind: "meeting" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MEETING_SCHEMAS.log }),
    shouldValidate: "onSubmit",
  });
  const topicsError = useFieldError(f.topics.errors);
  const kept = f.topics.initialValue;
  const checked = new Set(Array.isArray(kept) ? kept : kept ? [kept] : []);
  const ownLang = isUiLanguage(d.sponsorLocale) && d.sponsorLocale !== "de" ? d.sponsorLocale : null;
  return (
    <Stack>
      <Anchor component={Link} to="/me">
        {t("me.back")}
      </Anchor>
      <Group gap="sm" align="center">
        <PageTitle description={t("me.intro")}>
          {t("me.heading")} <Ltr>{d.tandem.code}</Ltr>
        </PageTitle>
        <Badge component="span" variant="light" tt="none">
          {t(`status.${d.tandem.status}`)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="h-household">
          <Title order={2} size="h4" id="h-household" mb="xs">
            {t("me.household")}
          </Title>
          {d.household ? (
            <Stack gap={4}>
              <Text>
                <Bdi>{d.household.firstName}</Bdi>
              </Text>
              <Text size="sm">
                {t("me.district")}: {d.household.district ? <Bdi>{d.household.district}</Bdi> : "—"}
              </Text>
              <Text size="sm">
                {t("me.languages")}: <ValueList items={d.household.languages} />
              </Text>
              <Text size="sm">
                {t("me.help")}: <ValueList items={d.household.help.map((h) => t(`topic.${h}`))} />
              </Text>
              <Text size="sm">
                {t("me.contact")}:{" "}
                {d.contact ? (
                  <>
                    {d.contact.phone ? <Ltr>{d.contact.phone}</Ltr> : null}
                    {d.contact.phone && d.contact.email ? " · " : null}
                    {d.contact.email ? <Ltr>{d.contact.email}</Ltr> : null}
                  </>
                ) : (
                  t("me.contactViaOffice")
                )}
              </Text>
            </Stack>
          ) : (
            <Text size="sm">{t("me.householdGone")}</Text>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="h-tandem">
          <Title order={2} size="h4" id="h-tandem" mb="xs">
            {t("me.tandem")}
          </Title>
          <Stack gap={4}>
            <Text size="sm">
              {t("detail.programme")}: <Bdi>{d.tandem.programme}</Bdi>
            </Text>
            {d.tandem.firstMeetingAt ? (
              <Text size="sm">
                {t("detail.firstMeeting", { date: formatDateTime(d.tandem.firstMeetingAt, lang) })}
                {d.tandem.firstMeetingPlace ? (
                  <>
                    {" · "}
                    <Bdi>{d.tandem.firstMeetingPlace}</Bdi>
                  </>
                ) : null}
              </Text>
            ) : null}
            <Text size="sm">{t("me.confirmedCount", { n: d.confirmed })}</Text>
            {d.certificate ? (
              <Group gap="xs">
                <Anchor href={`/me/sponsorships/${d.tandem.id}/certificate.pdf?lang=de`}>
                  {t("me.certificateDe")}
                </Anchor>
                {ownLang ? (
                  <Anchor href={`/me/sponsorships/${d.tandem.id}/certificate.pdf?lang=${ownLang}`}>
                    {t("me.certificateOwn")}
                  </Anchor>
                ) : null}
              </Group>
            ) : (
              <Text size="sm">{t("me.certificateAfter", { n: d.certificateAfter })}</Text>
            )}
          </Stack>
        </Paper>
      </SimpleGrid>
      {d.canLog ? (
        <Paper withBorder p="md" component="section" aria-labelledby="h-log">
          <Title order={2} size="h4" id="h-log" mb="xs">
            {t("me.logTitle")}
          </Title>
          <Form method="post" {...getFormProps(form)}>
            <Stack>
              <input type="hidden" name="intent" value="log" />
              <FormErrors form={form} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextField field={f.day} type="date" label={t("fields.day")} />
                <TextField field={f.minutes} type="number" label={t("fields.minutes")} min={5} max={720} step={5} />
                <SelectField field={f.kind} label={t("fields.kind")} options={MEETING_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
              </SimpleGrid>
              <fieldset aria-describedby={topicsError ? f.topics.errorId : undefined} style={{ border: 0, padding: 0, margin: 0 }}>
                <legend>{t("fields.topics")}</legend>
                <Group gap="md" mt={4}>
                  {TOPIC_TAGS.map((tag) => (
                    <Checkbox key={tag} name="topics" value={tag} defaultChecked={checked.has(tag)} label={t(`topic.${tag}`)} />
                  ))}
                </Group>
                {topicsError ? (
                  <Text size="xs" c="var(--mantine-color-error)" id={f.topics.errorId} role="alert">
                    {topicsError}
                  </Text>
                ) : null}
              </fieldset>
              <TextAreaField field={f.note} label={t("fields.meetingNote")} description={t("me.noteWarning")} maxLength={200} autosize minRows={2} />
              <SubmitButton>{t("me.logSubmit")}</SubmitButton>
            </Stack>
          </Form>
        </Paper>
      ) : (
        <Alert variant="light" color="blue">
          {d.tandem.status === "ended" ? t("me.ended", { date: formatDate(d.tandem.endedOn, lang) }) : t("me.notYet")}
        </Alert>
      )}
      <Stack gap="xs" component="section" aria-labelledby="h-meetings">
        <Title order={2} size="h4" id="h-meetings">
          {t("me.meetings")}
        </Title>
        {d.meetings.length === 0 ? (
          <Text size="sm">{t("me.noMeetings")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("fields.day")}</Table.Th>
                  <Table.Th scope="col">{t("fields.minutes")}</Table.Th>
                  <Table.Th scope="col">{t("fields.kind")}</Table.Th>
                  <Table.Th scope="col">{t("fields.topics")}</Table.Th>
                  <Table.Th scope="col">{t("me.confirmed")}</Table.Th>
                  <Table.Th scope="col">{t("me.hours")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.meetings.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{formatDate(m.day, lang)}</Table.Td>
                    <Table.Td>{m.minutes}</Table.Td>
                    <Table.Td>{t(`kind.${m.kind}`)}</Table.Td>
                    <Table.Td>
                      <ValueList items={m.topics ? m.topics.split(",").map((x) => t(`topic.${x}`)) : []} />
                    </Table.Td>
                    <Table.Td>{m.confirmedAt ? t("me.yes") : t("me.no")}</Table.Td>
                    <Table.Td>{m.hoursEntryId ? t("me.hoursAdded") : d.assignment ? <HoursForm meetingId={m.id} /> : "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {!d.assignment ? <Text size="xs">{t("me.hoursAfterTrial")}</Text> : null}
      </Stack>
    </Stack>
  );
}
