import { getFormProps, useForm, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi, Ltr, ValueList } from "~/components/bdi";
import { CheckboxField, FormErrors, replyFor, SelectField, SubmitButton, TextAreaField, TextField, useFieldError } from "~/components/form";
import { revokeLinksOfMeeting } from "~/modules/sponsorships/meetings-log.server";
import { tandemWithProgramme, viewTandemForOffice } from "~/modules/sponsorships/tandem-queries.server";
import { CHECK_IN_DECISIONS, END_REASONS, MODERATORS, TRIAL_DECISIONS, checkInDue, trialCheckInDue } from "~/modules/sponsorships/tandem-rules";
import { TANDEM_STEP_SCHEMAS, type TandemStepIntent } from "~/modules/sponsorships/tandem-schema";
import { planFirstMeeting, recordCheckIn, recordFirstMeetingHeld, recordTandemEnd, recordTrialCheckIn } from "~/modules/sponsorships/tandem-steps.server";
import { berlinDay, berlinTime, formatDate, formatDateTime, todayOf } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "tandems:detail.title");

/** One tandem for the office: both sides, the history (who, when, why), the meetings and the step forms of its state. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:tandem:any");
  const view = await viewTandemForOffice(actor, id, todayOf());
  if (!view) throw notFound();
  return { ...view, trialDue: trialCheckInDue(view.facts, view.rules, view.today), checkInDue: checkInDue(view.facts, view.today) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:tandem:any");
  if (!(await tandemWithProgramme(getDb()).where("t.id", "=", id).executeTakeFirst())) throw notFound();
  const form = await parseIntentForm(request, TANDEM_STEP_SCHEMAS);
  if (form.submission.status !== "success") return invalid(form.submission);
  try {
    const v = form.submission.value;
    if (v.intent === "plan") await planFirstMeeting(actor, id, v);
    else if (v.intent === "held") await recordFirstMeetingHeld(actor, id, v);
    else if (v.intent === "trial-check-in") await recordTrialCheckIn(actor, id, v);
    else if (v.intent === "check-in") await recordCheckIn(actor, id, v);
    else if (v.intent === "end") await recordTandemEnd(actor, id, v);
    else await revokeLinksOfMeeting(actor, id, v.meetingId);
  } catch (e) {
    return replyWithError(form.submission, e);
  }
  return redirectWithFlash(`/office/sponsorships/tandems/${id}`, { key: "flash.saved", kind: "success" });
}

function useStepForm(intent: TandemStepIntent, defaultValue?: Record<string, string>) {
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const schema = TANDEM_STEP_SCHEMAS[intent];
  return useForm({
    id: intent,
    lastResult: replyFor(reply, "intent", intent),
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
}

function StepSection({ id, title, form, intent, submit, children }: { id: string; title: string; form: FormMetadata<any, string[]>; intent: string; submit: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          <input type="hidden" name="intent" value={intent} />
          <FormErrors form={form} />
          {children}
          <SubmitButton>{submit}</SubmitButton>
        </Stack>
      </Form>
    </Paper>
  );
}

function RevokeForm({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation("tandems");
  const mine = replyFor(useActionData<typeof action>() as SubmissionResult<string[]> | undefined, "meetingId", meetingId);
  const error = useFieldError(mine?.error?.meetingId ?? mine?.error?.[""] ?? undefined);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="revoke-links" />
      <input type="hidden" name="meetingId" value={meetingId} />
      <Button type="submit" size="xs" variant="subtle">
        {t("detail.revokeLinks")}
      </Button>
      {error ? (
        <Text size="xs" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      ) : null}
    </Form>
  );
}

export default function TandemDetail() {
  const { t, i18n } = useTranslation("tandems");
  const d = useLoaderData<typeof loader>();
  const { tandem: td } = d;
  const lang = i18n.language;
  const reasons = [{ value: "", label: t("common:actions.choose") }, ...END_REASONS.map((r) => ({ value: r, label: t(`endReason.${r}`) }))];
  const [planForm, plan] = useStepForm("plan", {
    day: td.firstMeetingAt ? berlinDay(td.firstMeetingAt) : d.today,
    time: td.firstMeetingAt ? berlinTime(td.firstMeetingAt) : "17:00",
    place: td.firstMeetingPlace ?? "",
    moderator: td.moderator ?? "office",
  });
  const [heldForm, held] = useStepForm("held");
  const [trialForm, trial] = useStepForm("trial-check-in", { day: d.today });
  const [checkForm, check] = useStepForm("check-in", { day: d.today });
  const [endForm, end] = useStepForm("end", { day: d.today });
  return (
    <Stack>
      <Anchor component={Link} to="/office/sponsorships/tandems">
        {t("detail.back")}
      </Anchor>
      <Group gap="sm" align="center">
        <PageTitle description={t("detail.accessLogged")}>
          {t("detail.heading")} <Ltr>{td.code}</Ltr>
        </PageTitle>
        <Badge component="span" variant="light" tt="none">
          {t(`status.${td.status}`)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="h-sponsor">
          <Title order={2} size="h4" id="h-sponsor" mb="xs">
            {t("detail.sponsor")}
          </Title>
          <Text>
            <Anchor component={Link} to={`/office/volunteers/${d.sponsor.id}`}>
              <Bdi>{d.sponsor.name}</Bdi>
            </Anchor>{" "}
            · <Ltr>{d.sponsor.email}</Ltr>
          </Text>
          <Text size="sm">
            {t("detail.programme")}: <Bdi>{td.programme}</Bdi> · {t("detail.started", { date: formatDate(td.startedOn, lang) })}
          </Text>
          {td.assignmentId ? (
            <Anchor component={Link} to={`/office/assignments/${td.assignmentId}`} size="sm">
              {t("detail.assignment")}
            </Anchor>
          ) : (
            <Text size="sm">{t("detail.noAssignment")}</Text>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="h-household">
          <Title order={2} size="h4" id="h-household" mb="xs">
            {t("detail.household")}
          </Title>
          {d.household ? (
            <Stack gap={4}>
              <Text>
                <Bdi>{d.household.firstName}</Bdi>
                {td.householdId && td.householdCode ? (
                  <>
                    {" · "}
                    <Anchor component={Link} to={`/office/households/${td.householdId}`}>
                      <Ltr>{td.householdCode}</Ltr>
                    </Anchor>
                  </>
                ) : null}
              </Text>
              <Text size="sm">
                {t("me.district")}: {d.household.district ? <Bdi>{d.household.district}</Bdi> : "—"} · {t("me.languages")}: <ValueList items={d.household.languages} />
              </Text>
              <Text size="sm">
                {t("me.help")}: <ValueList items={d.household.help.map((h) => t(`topic.${h}`))} />
              </Text>
            </Stack>
          ) : (
            <Text size="sm">{t("detail.householdGone")}</Text>
          )}
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md" component="section" aria-labelledby="h-state">
        <Title order={2} size="h4" id="h-state" mb="xs">
          {t("detail.state")}
        </Title>
        <Stack gap={4}>
          {td.firstMeetingAt ? (
            <Text size="sm">
              {t("detail.firstMeeting", { date: formatDateTime(td.firstMeetingAt, lang) })} · <Bdi>{td.firstMeetingPlace ?? ""}</Bdi> · {td.moderator ? t(`moderator.${td.moderator}`) : ""}
            </Text>
          ) : null}
          {td.status === "trial" && td.trialEndsOn ? (
            <Text size="sm">
              {t("detail.trialEnds", { date: formatDate(td.trialEndsOn, lang), meetings: d.rules.trialMeetings, held: d.facts.meetingsInTrial })}
              {d.trialDue ? ` · ${t("detail.due")}` : ""}
            </Text>
          ) : null}
          {td.status === "active" && td.nextCheckInOn ? (
            <Text size="sm">
              {t("detail.nextCheckIn", { date: formatDate(td.nextCheckInOn, lang) })}
              {d.checkInDue ? ` · ${t("detail.due")}` : ""}
            </Text>
          ) : null}
          {td.status === "ended" ? (
            <Text size="sm">
              {t("detail.ended", { date: formatDate(td.endedOn, lang) })} · {td.endReason ? t(`endReason.${td.endReason}`) : ""}
            </Text>
          ) : null}
          <Text size="sm">{td.lastMeetingOn ? t("detail.lastMeeting", { date: formatDate(td.lastMeetingOn, lang) }) : t("detail.noMeeting")}</Text>
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {d.steps.includes("first_meeting") ? (
          <StepSection id="h-plan" title={t("steps.plan")} form={planForm} intent="plan" submit={t("steps.planSubmit")}>
            <SimpleGrid cols={2}>
              <TextField field={plan.day} type="date" label={t("fields.day")} />
              <TextField field={plan.time} label={t("fields.time")} placeholder="17:00" maxLength={5} />
            </SimpleGrid>
            <TextField field={plan.place} label={t("fields.place")} maxLength={160} />
            <SelectField field={plan.moderator} label={t("fields.moderator")} options={MODERATORS.map((m) => ({ value: m, label: t(`moderator.${m}`) }))} />
          </StepSection>
        ) : null}
        {d.steps.includes("first_meeting_held") && td.firstMeetingAt ? (
          <StepSection id="h-held" title={t("steps.held")} form={heldForm} intent="held" submit={t("steps.heldSubmit")}>
            <Text size="sm">{t("steps.heldHint", { weeks: d.rules.trialWeeks, meetings: d.rules.trialMeetings })}</Text>
            <TextAreaField field={held.note} label={t("fields.note")} maxLength={500} autosize minRows={2} />
          </StepSection>
        ) : null}
        {d.steps.includes("trial_check_in") ? (
          <StepSection id="h-trial" title={t("steps.trialCheckIn")} form={trialForm} intent="trial-check-in" submit={t("common:actions.save")}>
            <TextField field={trial.day} type="date" label={t("fields.day")} />
            <SelectField field={trial.decision} label={t("fields.decision")} options={[{ value: "", label: t("common:actions.choose") }, ...TRIAL_DECISIONS.map((x) => ({ value: x, label: t(`decision.${x}`) }))]} />
            <SelectField field={trial.reason} label={t("fields.reason")} description={t("fields.reasonHint")} options={reasons} />
            <CheckboxField field={trial.rematch} label={t("fields.rematch")} />
            <TextAreaField field={trial.note} label={t("fields.note")} description={t("fields.noteHint")} maxLength={500} autosize minRows={2} />
          </StepSection>
        ) : null}
        {d.steps.includes("check_in") ? (
          <StepSection id="h-check" title={t("steps.checkIn")} form={checkForm} intent="check-in" submit={t("common:actions.save")}>
            <TextField field={check.day} type="date" label={t("fields.day")} />
            <SelectField field={check.decision} label={t("fields.decision")} options={[{ value: "", label: t("common:actions.choose") }, ...CHECK_IN_DECISIONS.map((x) => ({ value: x, label: t(`decision.${x}`) }))]} />
            <SelectField field={check.reason} label={t("fields.reason")} description={t("fields.reasonHint")} options={reasons} />
            <CheckboxField field={check.rematch} label={t("fields.rematch")} />
            <TextAreaField field={check.note} label={t("fields.note")} description={t("fields.noteHint")} maxLength={500} autosize minRows={2} />
          </StepSection>
        ) : null}
        {d.steps.includes("end") ? (
          <StepSection id="h-end" title={t("steps.end")} form={endForm} intent="end" submit={t("steps.endSubmit")}>
            <TextField field={end.day} type="date" label={t("fields.endDay")} />
            <SelectField field={end.reason} label={t("fields.reason")} options={reasons} />
            <CheckboxField field={end.rematch} label={t("fields.rematch")} />
            <TextAreaField field={end.note} label={t("fields.note")} description={t("fields.noteHint")} maxLength={500} autosize minRows={2} />
          </StepSection>
        ) : null}
      </SimpleGrid>
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
                  <Table.Th scope="col">{t("me.confirmed")}</Table.Th>
                  <Table.Th scope="col">{t("common:actions.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.meetings.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{formatDate(m.day, lang)}</Table.Td>
                    <Table.Td>{m.minutes}</Table.Td>
                    <Table.Td>{t(`kind.${m.kind}`)}</Table.Td>
                    <Table.Td>{m.confirmedAt ? t("me.yes") : t("me.no")}</Table.Td>
                    <Table.Td>{m.confirmedAt ? null : <RevokeForm meetingId={m.id} />}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="h-history">
        <Title order={2} size="h4" id="h-history">
          {t("detail.history")}
        </Title>
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("detail.when")}</Table.Th>
                <Table.Th scope="col">{t("detail.what")}</Table.Th>
                <Table.Th scope="col">{t("detail.who")}</Table.Th>
                <Table.Th scope="col">{t("detail.why")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.at, lang)}</Table.Td>
                  <Table.Td>
                    {t(`event.${e.kind}`)}
                    {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? ` (${t(`status.${e.fromStatus}`)} → ${t(`status.${e.toStatus}`)})` : ""}
                  </Table.Td>
                  <Table.Td>{e.actorName ? <Bdi>{e.actorName}</Bdi> : t("detail.system")}</Table.Td>
                  <Table.Td>
                    {e.reason && (END_REASONS as readonly string[]).concat("consent_withdrawn").includes(e.reason) ? t(`endReason.${e.reason}`) : e.reason && (MODERATORS as readonly string[]).includes(e.reason) ? t(`moderator.${e.reason}`) : ""}
                    {e.note ? (
                      <>
                        {e.reason ? " · " : ""}
                        <Bdi>{e.note}</Bdi>
                      </>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Stack>
  );
}
