import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { requireActor, requirePermission } from "~/auth/session.server";
import { ExportLinks } from "~/components/reports/export-links";
import { parseCertificateFilters } from "~/modules/reports/list-exports.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { DataTable, FilterBar, FilterSelect, FilterText, StatusBadge, FiltersIgnored } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { listCertificates, listVolunteersToInspect, PICKER_SIZE } from "~/modules/coverage/certificate-list.server";
import { CERTIFICATE_LIST_STATES } from "~/modules/coverage/lists";
import { certificateConfig, recordInspection } from "~/modules/coverage/certificates.server";
import { InspectionSchema } from "~/modules/coverage/schema";
import { formatDate, todayOf } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:certificates.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:certificate:any");
  const today = todayOf();
  const url = new URL(request.url);
  const { filters, ignored } = parseCertificateFilters(url);
  const who = searchParam(url, "who");
  const result = await listCertificates(actor, filters, today);
  const volunteers = await listVolunteersToInspect(actor, today, who);
  return { filters, who: who ?? "", ignored, mayExport: can(actor, "export:list:any"), result, volunteers, pickerSize: PICKER_SIZE, today, config: certificateConfig() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
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
  const { filters, who, ignored, mayExport, result, volunteers, pickerSize, today, config } = useLoaderData<typeof loader>();
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
  const notNeeded = t("certificates.notNeeded");
  const deletionOpen = t("certificates.deletionOpen");
  return (
    <Stack>
      <PageTitle description={t("certificates.intro", { months: config.maxAgeMonths, years: config.reinspectYears })}>{t("certificates.title")}</PageTitle>
      <Paper withBorder p="lg" component="section" aria-labelledby="record">
        <Title order={2} size="h4" id="record" mb="xs">{t("certificates.record")}</Title>
        <Text size="sm" mb="sm">{t("certificates.onlyFacts")}</Text>
        {/* Finding the person first keeps the choice short (thousands work with minors at county scale). */}
        <Form method="get" role="search" aria-label={t("certificates.findVolunteer")} className="eh-filters">
          <FilterText name="who" label={t("certificates.findVolunteer")} defaultValue={who} hint={t("certificates.pickerHint", { max: pickerSize })} />
          {filters.q ? <input type="hidden" name="q" value={filters.q} /> : null}
          {filters.state ? <input type="hidden" name="state" value={filters.state} /> : null}
          <button type="submit" className="eh-button" data-variant="light">
            {t("common:actions.search")}
          </button>
        </Form>
        <Form method="post" {...getFormProps(form)}>
          <Stack mt="md">
            <FormErrors form={form} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <SelectField
                field={f.volunteerId}
                label={t("fields.volunteer")}
                description={t("certificates.volunteerHint")}
                options={[{ value: "", label: volunteers.length ? t("common:actions.choose") : t("certificates.pickerEmpty") }, ...volunteers.map((v) => ({ value: v.id, label: t("fields.volunteerValue", { name: v.name, email: v.email }) }))]}
              />
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
        <Stack>
          <FilterBar label={t("certificates.search")}>
            <FilterText name="q" label={t("fields.volunteer")} defaultValue={filters.q ?? ""} maxLength={100} />
            <FilterSelect name="state" label={t("certificates.status")} defaultValue={filters.state ?? ""} options={[{ value: "", label: t("common:actions.all") }, ...CERTIFICATE_LIST_STATES.map((s) => ({ value: s, label: t(`certificates.filterStates.${s}`) }))]} />
            {who ? <input type="hidden" name="who" value={who} /> : null}
          </FilterBar>
          <FiltersIgnored show={ignored} />
          {mayExport ? <ExportLinks base="/office/certificates/export" /> : null}
          <p className="eh-small">
            <Link to="/office/volunteers?certificate=missing">{t("certificates.missingLink")}</Link>
          </p>
          <DataTable
            label={t("certificates.list")}
            minWidth={700}
            rows={result.items}
            rowKey={(r) => r.id}
            empty={t("certificates.empty")}
            columns={[
              { header: t("fields.volunteer"), cell: (r) => r.volunteerName },
              { header: t("certificates.fields.certificateDate"), cell: (r) => d(r.certificateDate) },
              { header: t("certificates.fields.inspectedOn"), cell: (r) => d(r.inspectedOn) },
              { header: t("certificates.fields.inspectedBy"), cell: (r) => r.inspectorName ?? "" },
              {
                header: t("certificates.status"),
                cell: (r) => (
                  <>
                    <StatusBadge color={STATE_COLOR[r.status.state]}>{t(`certificates.states.${r.status.state}`, { date: "dueOn" in r.status ? d(r.status.dueOn) : "" })}</StatusBadge>
                    {r.needed ? null : <StatusBadge>{notNeeded}</StatusBadge>}
                  </>
                ),
              },
              {
                header: t("certificates.deletionDay"),
                cell: (r) =>
                  r.deletionDay === null ? deletionOpen : r.deletionDay <= today ? <StatusBadge color="red">{t("certificates.deletionDue", { date: d(r.deletionDay) })}</StatusBadge> : d(r.deletionDay),
              },
            ]}
          />
          <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
        </Stack>
      </Paper>
    </Stack>
  );
}
