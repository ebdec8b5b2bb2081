import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { BasisTexts } from "~/components/coverage/cover-texts";
import { FormErrors, replyFor, SubmitButton, TextField } from "~/components/form";
import { closeReasonText } from "~/modules/coverage/close-reason";
import { canManageAssignments, getAssignment, getAssignmentChanges, updateAssignment } from "~/modules/coverage/assignments.server";
import { basisOfCover } from "~/modules/coverage/policy";
import { UpdateAssignmentSchema } from "~/modules/coverage/schema";
import { requireStaffScope } from "~/modules/coverage/scope.server";
import { toFacts } from "~/modules/coverage/assignments.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { notFound } from "~/utils/errors";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:assignments.detail");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireStaffScope(actor);
  const id = parseId(params.id);
  const assignment = await getAssignment(actor, id, { staffOnly: true });
  if (!assignment) throw notFound();
  requirePermission(actor, "read:assignment:own", { organisationId: assignment.organisationId });
  return {
    assignment,
    basis: basisOfCover(toFacts(assignment).organiser),
    history: await getAssignmentChanges(actor, id),
    canManage: canManageAssignments(actor),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requireStaffScope(actor);
  if (!(await getAssignment(actor, id, { logView: false, staffOnly: true }))) throw notFound();
  requirePermission(actor, "manage:assignment:any");
  const { submission } = await parseIntentForm(request, { update: UpdateAssignmentSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    await updateAssignment(actor, id, submission.value);
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirectWithFlash(`/office/assignments/${id}`, { key: "flash.saved", kind: "success" });
}

export default function AssignmentPage() {
  const { t, i18n } = useTranslation("coverage");
  const { assignment: a, basis, history, canManage } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const resultFor = (intent: string) => replyFor(reply, "intent", intent);
  const [editForm, e] = useForm({
    id: "update",
    lastResult: resultFor("update"),
    defaultValue: { endDay: a.endDay ?? "", documentRef: a.documentRef },
    constraint: getZodConstraint(UpdateAssignmentSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateAssignmentSchema }),
    shouldValidate: "onSubmit",
  });
  const d = (v: string | null) => (v ? formatDate(v, i18n.language) : t("fields.openEnd"));
  return (
    <Stack>
      <Anchor component={Link} to="/office/assignments">
        {t("assignments.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={a.activity}>{t("assignments.detailOf", { name: a.volunteerName })}</PageTitle>
        {a.closedOn ? <Badge component="span" color="gray">{t("assignments.closedOn", { date: formatDate(a.closedOn, i18n.language) })}</Badge> : null}
      </Group>
      <Paper withBorder p="lg">
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl">
          <Text component="dt" fw={600}>{t("fields.volunteer")}</Text>
          <Text component="dd" m={0}>{t("fields.volunteerValue", { name: a.volunteerName, email: a.volunteerEmail })}</Text>
          <Text component="dt" fw={600}>{t("fields.organisation")}</Text>
          <Text component="dd" m={0}>{a.organisationName} ({t(`common:legalForms.${a.legalForm}`)})</Text>
          <Text component="dt" fw={600}>{t("fields.fieldOfAction")}</Text>
          <Text component="dd" m={0}>{a.fieldName}</Text>
          <Text component="dt" fw={600}>{t("fields.period")}</Text>
          <Text component="dd" m={0}>{t("fields.periodValue", { start: d(a.startDay), end: d(a.endDay) })}</Text>
          <Text component="dt" fw={600}>{t("fields.documentRef")}</Text>
          <Text component="dd" m={0}>{a.documentRef}</Text>
          <Text component="dt" fw={600}>{t("fields.worksWithMinors")}</Text>
          <Text component="dd" m={0}>{a.worksWithMinors ? t("yes") : t("no")}</Text>
          {a.closedOn ? (
            <>
              <Text component="dt" fw={600}>{t("fields.closeReason")}</Text>
              <Text component="dd" m={0}>{closeReasonText(t, a.closeReason)}</Text>
            </>
          ) : null}
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="basis">
        <Title order={2} size="h4" id="basis" mb="sm">{t("basis.title")}</Title>
        <BasisTexts basis={basis} />
        <Group mt="md">
          {/* In the volunteer's language, and in German for the office's files and the insurer. */}
          <Anchor href={`/office/assignments/${a.id}/confirmation.pdf`}>{t("pdf.confirmation")}</Anchor>
          <Anchor href={`/office/assignments/${a.id}/confirmation.pdf?lang=de`} hrefLang="de">{`${t("pdf.confirmation")} – ${t("pdf.germanVersion")}`}</Anchor>
          <Anchor href={`/office/assignments/${a.id}/engagement.pdf`}>{t("pdf.engagement")}</Anchor>
          <Anchor href={`/office/assignments/${a.id}/engagement.pdf?lang=de`} hrefLang="de">{`${t("pdf.engagement")} – ${t("pdf.germanVersion")}`}</Anchor>
          {a.worksWithMinors ? (
            <>
              <Anchor href={`/office/assignments/${a.id}/certificate-request.pdf`}>{t("pdf.certificateRequest")}</Anchor>
              <Anchor href={`/office/assignments/${a.id}/fee-waiver.pdf`}>{t("pdf.feeWaiver")}</Anchor>
            </>
          ) : null}
        </Group>
      </Paper>
      {canManage && !a.closedOn ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="update-title">
          <Title order={2} size="h4" id="update-title" mb="xs">{t("update.title")}</Title>
          <Text size="sm" mb="sm">{t("update.hint")}</Text>
          <Form method="post" {...getFormProps(editForm)}>
            <input type="hidden" name="intent" value="update" />
            <Stack>
              <FormErrors form={editForm} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField field={e.endDay} type="date" label={t("fields.endDay")} description={t("fields.endDayHint")} />
                <TextField field={e.documentRef} label={t("fields.documentRef")} />
              </SimpleGrid>
              <div>
                <SubmitButton variant="light">{t("update.submit")}</SubmitButton>
              </div>
            </Stack>
          </Form>
        </Paper>
      ) : null}
      {canManage && !a.closedOn ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="close-title">
          <Title order={2} size="h4" id="close-title" mb="xs">{t("close.title")}</Title>
          <Text size="sm" mb="sm">{t("close.hint")}</Text>
          {/* Closing is destructive: a confirmation step that works without JavaScript (ADR 0024). */}
          <Button component={Link} to={`/office/assignments/${a.id}/close`} variant="outline" color="red.9" c="red.9">
            {t("close.open")}
          </Button>
        </Paper>
      ) : null}
      <Paper withBorder p="lg" component="section" aria-labelledby="history">
        <Title order={2} size="h4" id="history" mb="sm">{t("history.title")}</Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("history.when")}</Table.Th>
              <Table.Th scope="col">{t("history.who")}</Table.Th>
              <Table.Th scope="col">{t("history.what")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{formatDateTime(h.changedAt, i18n.language)}</Table.Td>
                <Table.Td>{h.changedByName ?? ""}</Table.Td>
                <Table.Td>
                  {t(`history.actions.${h.action}`)}
                  {h.changes.map((c) => (
                    <Text key={c.field} size="sm">
                      {t(`history.fields.${c.field}`)}: {c.isDay ? (c.value ? formatDate(c.value, i18n.language) : t("fields.openEnd")) : c.field === "close_reason" ? closeReasonText(t, c.value) : c.value}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
