import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { CheckboxField, FormErrors, replyFor, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { ProfileSummary, StatusBadge } from "~/components/volunteers/profile-summary";
import { allowedTransitions } from "~/modules/volunteers/policy";
import { can } from "~/auth/permissions";
import { AssignmentsTable } from "~/components/coverage/assignments-table";
import { listAssignmentsOf, toFacts } from "~/modules/coverage/assignments.server";
import { isCoveredOn } from "~/modules/coverage/policy";
import { certificateStates } from "~/modules/coverage/volunteer-facts.server";
import { getVolunteerForStaff, viewVolunteerAsStaff } from "~/modules/volunteers/queries.server";
import { parseVolunteerId } from "~/modules/volunteers/scope.server";
import { RecordIntakeSchema, ScheduleIntakeSchema, StatusChangeSchema } from "~/modules/volunteers/schema";
import { changeVolunteerStatus, recordIntake, scheduleIntake } from "~/modules/volunteers/status.server";
import { formatDate, formatDateTime, todayOf } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:office.detailTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const userId = parseVolunteerId(params.id);
  requirePermission(actor, "read:volunteer:any");
  const volunteer = await viewVolunteerAsStaff(actor, userId);
  if (!volunteer) throw notFound();
  const today = todayOf();
  const [assignments, certificates] = await Promise.all([listAssignmentsOf(userId), certificateStates(today, [userId])]);
  return {
    volunteer,
    transitions: allowedTransitions(volunteer.status).filter((s) => s !== "intake_scheduled"),
    today,
    assignments,
    coveredToday: isCoveredOn(assignments.map(toFacts), today).covered,
    certificate: certificates.get(userId) ?? "notNeeded",
    canManageAssignments: can(actor, "manage:assignment:any"),
  };
}

const SCHEMAS = { status: StatusChangeSchema, "schedule-intake": ScheduleIntakeSchema, "record-intake": RecordIntakeSchema } as const;
type Intent = keyof typeof SCHEMAS;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const userId = parseVolunteerId(params.id);
  requirePermission(actor, "manage:volunteer:any");
  const volunteer = await getVolunteerForStaff(actor, userId);
  if (!volunteer) throw notFound();
  const { submission } = await parseIntentForm(request, SCHEMAS);
  if (submission.status !== "success") return invalid(submission);
  try {
    const v = submission.value;
    if (v.intent === "status") await changeVolunteerStatus(actor, { userId, to: v.to, reason: v.reason });
    else if (v.intent === "schedule-intake") await scheduleIntake(actor, { userId, intakeOn: v.intakeOn });
    else await recordIntake(actor, { userId, intakeOn: v.intakeOn, notes: v.notes, activate: v.activate });
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirectWithFlash(`/office/volunteers/${userId}`, { key: "flash.saved", kind: "success" });
}

function useIntentForm(intent: Intent, defaultValue?: Record<string, string>) {
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const schema = SCHEMAS[intent];
  return useForm({
    id: intent,
    lastResult: replyFor(reply, "intent", intent),
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
  });
}

export default function VolunteerDetail() {
  const { t, i18n } = useTranslation();
  const { volunteer: v, transitions, today, assignments, coveredToday, certificate, canManageAssignments } = useLoaderData<typeof loader>();
  const [statusForm, statusFields] = useIntentForm("status");
  const [scheduleForm, scheduleFields] = useIntentForm("schedule-intake", { intakeOn: v.intake_on ?? "" });
  const [intakeForm, intakeFields] = useIntentForm("record-intake", { intakeOn: v.intake_on ?? "", notes: v.intake_notes ?? "" });
  return (
    <Stack>
      <Anchor component={Link} to="/office/volunteers">
        {t("volunteers:office.back")}
      </Anchor>
      <Group gap="sm" align="center">
        <PageTitle description={t("volunteers:office.accessLogged")}>{v.name}</PageTitle>
        <StatusBadge status={v.status} />
      </Group>
      <ProfileSummary p={v} />
      <Text size="sm">
        {v.consentsComplete ? t("volunteers:office.consentsComplete") : t("volunteers:office.consentsMissing")}
        {v.intake_on ? ` · ${t("volunteers:office.intakeOn", { date: formatDate(v.intake_on, i18n.language) })}` : ""}
      </Text>
      <Stack gap="xs" component="section" aria-labelledby="h-assignments">
        <Title order={2} size="h4" id="h-assignments">
          {t("volunteers:office.assignments")}
        </Title>
        <Text size="sm">
          {coveredToday ? t("volunteers:office.coveredToday") : t("volunteers:office.notCoveredToday")} ·{" "}
          {t("volunteers:office.certificateLine", { state: t(`volunteers:certificateStates.${certificate}`) })}
        </Text>
        <AssignmentsTable rows={assignments} today={today} />
        <Group gap="md">
          <Anchor component={Link} to={`/office/coverage?volunteerId=${v.id}`}>
            {t("volunteers:office.checkCover")}
          </Anchor>
          {canManageAssignments ? (
            <Anchor component={Link} to={`/office/assignments/new?volunteerId=${v.id}`}>
              {t("volunteers:office.newAssignment")}
            </Anchor>
          ) : null}
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="h-status">
          <Title order={2} size="h4" id="h-status" mb="xs">
            {t("volunteers:office.changeStatus")}
          </Title>
          {transitions.length ? (
            <Form method="post" {...getFormProps(statusForm)}>
              <Stack>
                <input type="hidden" name="intent" value="status" />
                <FormErrors form={statusForm} />
                <SelectField field={statusFields.to} label={t("volunteers:office.newStatus")} options={[{ value: "", label: t("actions.choose") }, ...transitions.map((s) => ({ value: s, label: t(`volunteers:status.${s}`) }))]} />
                <TextAreaField field={statusFields.reason} label={t("volunteers:office.reason")} maxLength={500} autosize minRows={2} />
                <SubmitButton>{t("actions.save")}</SubmitButton>
              </Stack>
            </Form>
          ) : (
            <Text size="sm">{t("volunteers:office.noTransitions")}</Text>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="h-schedule">
          <Title order={2} size="h4" id="h-schedule" mb="xs">
            {t("volunteers:office.scheduleIntake")}
          </Title>
          <Form method="post" {...getFormProps(scheduleForm)}>
            <Stack>
              <input type="hidden" name="intent" value="schedule-intake" />
              <FormErrors form={scheduleForm} />
              <TextField field={scheduleFields.intakeOn} type="date" label={t("volunteers:office.intakeDate")} />
              <SubmitButton>{t("volunteers:office.scheduleAction")}</SubmitButton>
            </Stack>
          </Form>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="h-intake">
          <Title order={2} size="h4" id="h-intake" mb="xs">
            {t("volunteers:office.recordIntake")}
          </Title>
          <Form method="post" {...getFormProps(intakeForm)}>
            <Stack>
              <input type="hidden" name="intent" value="record-intake" />
              <FormErrors form={intakeForm} />
              <TextField field={intakeFields.intakeOn} type="date" label={t("volunteers:office.intakeDate")} />
              <TextAreaField field={intakeFields.notes} label={t("volunteers:office.notes")} description={t("volunteers:office.notesHint")} maxLength={2000} autosize minRows={3} />
              {v.status === "registered" || v.status === "intake_scheduled" ? <CheckboxField field={intakeFields.activate} label={t("volunteers:office.intakeActivate")} /> : null}
              <SubmitButton>{t("actions.save")}</SubmitButton>
            </Stack>
          </Form>
        </Paper>
      </SimpleGrid>
      <Stack gap="xs" component="section" aria-labelledby="h-history">
        <Title order={2} size="h4" id="h-history">
          {t("volunteers:office.history")}
        </Title>
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("volunteers:office.when")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:office.change")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:office.who")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:office.reason")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {v.history.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{formatDateTime(h.changed_at, i18n.language)}</Table.Td>
                  <Table.Td>
                    {h.from_status ? `${t(`volunteers:status.${h.from_status}`)} → ` : ""}
                    {t(`volunteers:status.${h.to_status}`)}
                  </Table.Td>
                  <Table.Td>{h.changed_by_name ?? ""}</Table.Td>
                  <Table.Td>{h.reason ?? ""}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="h-consents">
        <Title order={2} size="h4" id="h-consents">
          {t("volunteers:consents.title")}
        </Title>
        {v.consents.length ? (
          // Scrolls in its own box at 360 px instead of widening the page.
          <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("volunteers:consents.purpose")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:consents.versionLanguage")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:consents.given")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:consents.withdrawn")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {v.consents.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{t(`volunteers:purposes.${c.purpose}`)}</Table.Td>
                  <Table.Td>
                    {c.version} · {c.locale}
                  </Table.Td>
                  <Table.Td>{formatDateTime(c.given_at, i18n.language)}</Table.Td>
                  <Table.Td>{c.withdrawn_at ? formatDateTime(c.withdrawn_at, i18n.language) : ""}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          </Table.ScrollContainer>
        ) : (
          <Text size="sm">{t("volunteers:consents.none")}</Text>
        )}
      </Stack>
    </Stack>
  );
}
