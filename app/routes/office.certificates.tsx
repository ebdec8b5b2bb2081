import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Badge, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { certificateConfig, listCertificates, listVolunteersWithMinors, recordInspection } from "~/modules/coverage/certificates.server";
import { todayOf } from "~/modules/coverage/route-helpers.server";
import { InspectionSchema } from "~/modules/coverage/schema";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:certificates.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requirePermission(actor, "manage:certificate:any");
  const today = todayOf();
  const [rows, volunteers] = await Promise.all([listCertificates(actor, today), listVolunteersWithMinors(actor)]);
  await recordVolunteerViews(actor, rows.map((r) => r.volunteerId), "certificates");
  return { rows, volunteers, today, config: certificateConfig() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requirePermission(actor, "manage:certificate:any");
  const { submission } = await parseForm(request, InspectionSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await recordInspection(actor, submission.value, todayOf());
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash("/office/certificates", { key: "flash.saved", kind: "success" });
}

const STATE_COLOR = { none: "gray", conviction: "red", valid: "green", dueSoon: "yellow", overdue: "red" } as const;

export default function Certificates() {
  const { t, i18n } = useTranslation("coverage");
  const { rows, volunteers, today, config } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, f] = useForm({
    id: "inspection",
    lastResult,
    defaultValue: { inspectedOn: today, inspected: "yes", relevantConviction: "no" },
    constraint: getZodConstraint(InspectionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InspectionSchema }),
    shouldValidate: "onBlur",
  });
  const yesNo = [
    { value: "yes", label: t("yes") },
    { value: "no", label: t("no") },
  ];
  const d = (v: string | null) => (v ? formatDate(v, i18n.language) : "");
  return (
    <Stack>
      <PageTitle description={t("certificates.intro", { months: config.maxAgeMonths, years: config.reinspectYears })}>{t("certificates.title")}</PageTitle>
      <Paper withBorder p="lg" component="section" aria-labelledby="record">
        <Title order={2} size="h4" id="record" mb="xs">{t("certificates.record")}</Title>
        <Text size="sm" mb="sm">{t("certificates.onlyFacts")}</Text>
        <Form method="post" {...getFormProps(form)}>
          <Stack>
            <FormErrors form={form} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <SelectField field={f.volunteerId} label={t("fields.volunteer")} description={t("certificates.volunteerHint")} options={[{ value: "", label: t("common:actions.choose") }, ...volunteers.map((v) => ({ value: v.id, label: `${v.name} (${v.email})` }))]} />
              <SelectField field={f.inspected} label={t("certificates.fields.inspected")} options={yesNo} />
              <TextField field={f.certificateDate} type="date" label={t("certificates.fields.certificateDate")} />
              <SelectField field={f.relevantConviction} label={t("certificates.fields.relevantConviction")} options={yesNo} />
              <TextField field={f.inspectedOn} type="date" label={t("certificates.fields.inspectedOn")} />
            </SimpleGrid>
            <div>
              <SubmitButton>{t("certificates.submit")}</SubmitButton>
            </div>
          </Stack>
        </Form>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="list">
        <Title order={2} size="h4" id="list" mb="sm">{t("certificates.list")}</Title>
        {rows.length === 0 ? (
          <Text>{t("certificates.empty")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("fields.volunteer")}</Table.Th>
                  <Table.Th scope="col">{t("certificates.fields.certificateDate")}</Table.Th>
                  <Table.Th scope="col">{t("certificates.fields.inspectedOn")}</Table.Th>
                  <Table.Th scope="col">{t("certificates.fields.inspectedBy")}</Table.Th>
                  <Table.Th scope="col">{t("certificates.status")}</Table.Th>
                  <Table.Th scope="col">{t("certificates.deletionDay")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.volunteerName}</Table.Td>
                    <Table.Td>{d(r.certificateDate)}</Table.Td>
                    <Table.Td>{d(r.inspectedOn)}</Table.Td>
                    <Table.Td>{r.inspectorName ?? ""}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATE_COLOR[r.status.state]}>
                        {t(`certificates.states.${r.status.state}`, { date: "dueOn" in r.status ? d(r.status.dueOn) : "" })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{r.deletionDay ? d(r.deletionDay) : t("certificates.deletionOpen")}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
