import { getFormProps, useForm, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Bdi } from "~/components/bdi";
import { CheckboxField, FormErrors, replyFor, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { CHECK_IN_DECISIONS, END_REASONS, MODERATORS, TRIAL_DECISIONS } from "~/modules/sponsorships/tandem-rules";
import { TANDEM_STEP_SCHEMAS, type TandemStepIntent } from "~/modules/sponsorships/tandem-schema";
import { berlinDay, berlinTime, formatDate, formatDateTime } from "~/utils/dates";

/**
 * The lifecycle steps of a tandem (plan and hold the first meeting, trial check-in, check-in, end)
 * as forms with an `intent`, its state, its meetings and its history: the office's tandem page
 * (`/office/sponsorships/tandems/:id`) and the association's (`/verein/sponsorships/:id`), both
 * fed by `viewTandem`. Texts of the `tandems` namespace.
 */

type Reply = SubmissionResult<string[]> | undefined;

function useStepForm(reply: Reply, intent: TandemStepIntent, defaultValue?: Record<string, string>) {
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

export function TandemStepForms({
  reply,
  steps,
  today,
  tandem,
  rules,
  defaultModerator = "office",
}: {
  defaultModerator?: (typeof MODERATORS)[number];
  reply: Reply;
  steps: readonly string[];
  today: string;
  tandem: { firstMeetingAt: string | null; firstMeetingPlace: string | null; moderator: string | null };
  rules: { trialWeeks: number; trialMeetings: number };
}) {
  const { t } = useTranslation("tandems");
  const reasons = [{ value: "", label: t("common:actions.choose") }, ...END_REASONS.map((r) => ({ value: r, label: t(`endReason.${r}`) }))];
  const [planForm, plan] = useStepForm(reply, "plan", {
    day: tandem.firstMeetingAt ? berlinDay(tandem.firstMeetingAt) : today,
    time: tandem.firstMeetingAt ? berlinTime(tandem.firstMeetingAt) : "17:00",
    place: tandem.firstMeetingPlace ?? "",
    moderator: tandem.moderator ?? defaultModerator,
  });
  const [heldForm, held] = useStepForm(reply, "held");
  const [trialForm, trial] = useStepForm(reply, "trial-check-in", { day: today });
  const [checkForm, check] = useStepForm(reply, "check-in", { day: today });
  const [endForm, end] = useStepForm(reply, "end", { day: today });
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {steps.includes("first_meeting") ? (
        <StepSection id="h-plan" title={t("steps.plan")} form={planForm} intent="plan" submit={t("steps.planSubmit")}>
          <SimpleGrid cols={2}>
            <TextField field={plan.day} type="date" label={t("fields.day")} />
            <TextField field={plan.time} type="time" label={t("fields.time")} placeholder="17:00" maxLength={5} />
          </SimpleGrid>
          <TextField field={plan.place} label={t("fields.place")} maxLength={160} />
          <SelectField field={plan.moderator} label={t("fields.moderator")} options={MODERATORS.map((m) => ({ value: m, label: t(`moderator.${m}`) }))} />
        </StepSection>
      ) : null}
      {steps.includes("first_meeting_held") && tandem.firstMeetingAt ? (
        <StepSection id="h-held" title={t("steps.held")} form={heldForm} intent="held" submit={t("steps.heldSubmit")}>
          <Text size="sm">{t("steps.heldHint", { weeks: rules.trialWeeks, meetings: rules.trialMeetings })}</Text>
          <TextAreaField field={held.note} label={t("fields.note")} maxLength={500} autosize minRows={2} />
        </StepSection>
      ) : null}
      {steps.includes("trial_check_in") ? (
        <StepSection id="h-trial" title={t("steps.trialCheckIn")} form={trialForm} intent="trial-check-in" submit={t("common:actions.save")}>
          <TextField field={trial.day} type="date" label={t("fields.day")} />
          <SelectField field={trial.decision} label={t("fields.decision")} options={[{ value: "", label: t("common:actions.choose") }, ...TRIAL_DECISIONS.map((x) => ({ value: x, label: t(`decision.${x}`) }))]} />
          <SelectField field={trial.reason} label={t("fields.reason")} description={t("fields.reasonHint")} options={reasons} />
          <CheckboxField field={trial.rematch} label={t("fields.rematch")} />
          <TextAreaField field={trial.note} label={t("fields.note")} description={t("fields.noteHint")} maxLength={500} autosize minRows={2} />
        </StepSection>
      ) : null}
      {steps.includes("check_in") ? (
        <StepSection id="h-check" title={t("steps.checkIn")} form={checkForm} intent="check-in" submit={t("common:actions.save")}>
          <TextField field={check.day} type="date" label={t("fields.day")} />
          <SelectField field={check.decision} label={t("fields.decision")} options={[{ value: "", label: t("common:actions.choose") }, ...CHECK_IN_DECISIONS.map((x) => ({ value: x, label: t(`decision.${x}`) }))]} />
          <SelectField field={check.reason} label={t("fields.reason")} description={t("fields.reasonHint")} options={reasons} />
          <CheckboxField field={check.rematch} label={t("fields.rematch")} />
          <TextAreaField field={check.note} label={t("fields.note")} description={t("fields.noteHint")} maxLength={500} autosize minRows={2} />
        </StepSection>
      ) : null}
      {steps.includes("end") ? (
        <StepSection id="h-end" title={t("steps.end")} form={endForm} intent="end" submit={t("steps.endSubmit")}>
          <TextField field={end.day} type="date" label={t("fields.endDay")} />
          <SelectField field={end.reason} label={t("fields.reason")} options={reasons} />
          <CheckboxField field={end.rematch} label={t("fields.rematch")} />
          <TextAreaField field={end.note} label={t("fields.note")} description={t("fields.noteHint")} maxLength={500} autosize minRows={2} />
        </StepSection>
      ) : null}
    </SimpleGrid>
  );
}

type Meeting = { id: number; day: string; minutes: number; kind: string; confirmedAt: string | null };

/** The meetings; `action` adds a column with a control per meeting (the office revokes a household's links there). */
export function TandemMeetings({ meetings, action }: { meetings: ReadonlyArray<Meeting>; action?: (m: Meeting) => ReactNode }) {
  const { t, i18n } = useTranslation("tandems");
  return (
    <Stack gap="xs" component="section" aria-labelledby="h-meetings">
      <Title order={2} size="h4" id="h-meetings">
        {t("me.meetings")}
      </Title>
      {meetings.length === 0 ? (
        <Text size="sm">{t("me.noMeetings")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={action ? 600 : 480}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.day")}</Table.Th>
                <Table.Th scope="col">{t("fields.minutes")}</Table.Th>
                <Table.Th scope="col">{t("fields.kind")}</Table.Th>
                <Table.Th scope="col">{t("me.confirmed")}</Table.Th>
                {action ? <Table.Th scope="col">{t("common:actions.actions")}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {meetings.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{formatDate(m.day, i18n.language)}</Table.Td>
                  <Table.Td>{m.minutes}</Table.Td>
                  <Table.Td>{t(`kind.${m.kind}`)}</Table.Td>
                  <Table.Td>{m.confirmedAt ? t("me.yes") : t("me.no")}</Table.Td>
                  {action ? <Table.Td>{action(m)}</Table.Td> : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Where the tandem stands: first meeting, trial or check-in (and whether it is due), end, last meeting. */
export function TandemState({
  tandem: td,
  rules,
  facts,
  trialDue,
  checkInDue,
}: {
  tandem: { status: string; firstMeetingAt: string | null; firstMeetingPlace: string | null; moderator: string | null; trialEndsOn: string | null; nextCheckInOn: string | null; endedOn: string | null; endReason: string | null; lastMeetingOn: string | null };
  rules: { trialMeetings: number };
  facts: { meetingsInTrial: number };
  trialDue: boolean;
  checkInDue: boolean;
}) {
  const { t, i18n } = useTranslation("tandems");
  const lang = i18n.language;
  return (
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
            {t("detail.trialEnds", { date: formatDate(td.trialEndsOn, lang), meetings: rules.trialMeetings, held: facts.meetingsInTrial })}
            {trialDue ? ` · ${t("detail.due")}` : ""}
          </Text>
        ) : null}
        {td.status === "active" && td.nextCheckInOn ? (
          <Text size="sm">
            {t("detail.nextCheckIn", { date: formatDate(td.nextCheckInOn, lang) })}
            {checkInDue ? ` · ${t("detail.due")}` : ""}
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
  );
}

export function TandemHistory({
  events,
}: {
  events: ReadonlyArray<{ id: number; kind: string; fromStatus: string | null; toStatus: string | null; reason: string | null; note: string | null; at: string; actorName: string | null }>;
}) {
  const { t, i18n } = useTranslation("tandems");
  return (
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
            {events.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
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
  );
}
