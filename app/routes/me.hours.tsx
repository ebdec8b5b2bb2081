import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { listAssignmentsOf } from "~/modules/coverage/assignments.server";
import { getOwnHours, logHours } from "~/modules/coverage/hours.server";
import { HoursSchema } from "~/modules/coverage/schema";
import { formatDate, todayOf } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:me.hoursTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "log:hours:own", { userId: actor.userId });
  const today = todayOf();
  const [own, assignments] = await Promise.all([getOwnHours(actor, today), listAssignmentsOf(actor.userId)]);
  return { today, ...own, assignments: assignments.map((a) => ({ id: a.id, activity: a.activity, organisationName: a.organisationName })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "log:hours:own", { userId: actor.userId });
  const { submission } = await parseForm(request, HoursSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await logHours(actor, submission.value, todayOf());
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash("/me/hours", { key: "flash.saved", kind: "success" });
}

const STATUS_COLOR = { submitted: "blue", confirmed: "green", rejected: "red" } as const;

export default function MyHours() {
  const { t, i18n } = useTranslation("coverage");
  const { today, rows, totals, eligibility, config, assignments } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, f] = useForm({
    id: "hours",
    lastResult,
    defaultValue: { day: today },
    constraint: getZodConstraint(HoursSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HoursSchema }),
    shouldValidate: "onBlur",
  });
  const n = (h: number) => h.toLocaleString(i18n.language);
  return (
    <Stack>
      <Anchor component={Link} to="/me">{t("me.back")}</Anchor>
      <PageTitle description={t("me.hoursIntro")}>{t("me.hoursTitle")}</PageTitle>
      <Alert variant="light" color={eligibility.eligible ? "green" : "blue"} role="status" title={t("karte.title")}>
        <Stack gap={4}>
          <Text>{eligibility.eligible ? t("karte.eligible") : t("karte.notYet", { perYear: n(config.hoursPerYear), perWeek: n(config.hoursPerWeek) })}</Text>
          <Text size="sm">{t("karte.facts", { hours: n(eligibility.hoursLast12Months), since: formatDate(eligibility.windowStart, i18n.language), average: n(eligibility.averagePerWeek), weeks: eligibility.weeks })}</Text>
        </Stack>
      </Alert>
      {totals.length ? (
        <Paper withBorder p="md" component="section" aria-labelledby="totals">
          <Title order={2} size="h4" id="totals">{t("me.totals")}</Title>
          <List>
            {totals.map((x) => (
              <List.Item key={x.year}>{t("me.totalLine", { year: x.year, hours: n(x.hours) })}</List.Item>
            ))}
          </List>
        </Paper>
      ) : null}
      {assignments.length ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="log">
          <Title order={2} size="h4" id="log" mb="sm">{t("me.logHours")}</Title>
          <Form method="post" {...getFormProps(form)}>
            <Stack>
              <FormErrors form={form} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <SelectField field={f.assignmentId} label={t("me.assignment")} options={[{ value: "", label: t("common:actions.choose") }, ...assignments.map((a) => ({ value: String(a.id), label: `${a.activity} (${a.organisationName})` }))]} />
                <TextField field={f.day} type="date" label={t("hours.day")} />
                <TextField field={f.hours} type="number" label={t("hours.hours")} step="0.25" min="0.25" max="24" inputMode="decimal" />
                <TextField field={f.note} label={t("hours.note")} />
              </SimpleGrid>
              <div>
                <SubmitButton>{t("me.submitHours")}</SubmitButton>
              </div>
            </Stack>
          </Form>
        </Paper>
      ) : (
        <Text>{t("me.noAssignments")}</Text>
      )}
      {rows.length ? (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("hours.day")}</Table.Th>
                <Table.Th scope="col">{t("fields.activity")}</Table.Th>
                <Table.Th scope="col">{t("hours.hours")}</Table.Th>
                <Table.Th scope="col">{t("hours.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDate(r.day, i18n.language)}</Table.Td>
                  <Table.Td>{r.activity}</Table.Td>
                  <Table.Td>{n(r.hours)}</Table.Td>
                  <Table.Td>
                    <Badge component="span" variant="light" color={STATUS_COLOR[r.status]}>{t(`hours.statuses.${r.status}`)}</Badge>
                    {r.decisionReason ? <Text size="xs">{r.decisionReason}</Text> : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
