import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Paper, Stack, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { DataTable } from "~/components/list-page";
import { Downloads, PeriodFilter, PeriodText, PrintStyles, ReportSections } from "~/components/reports/report-parts";
import { getLookups } from "~/modules/volunteers/queries.server";
import { parsePeriod, periodSearch } from "~/modules/reports/period";
import { buildReport, freezeReport, listSnapshots } from "~/modules/reports/report.server";
import { drillDownLinks } from "~/modules/reports/drill.server";
import { FreezeSchema } from "~/modules/reports/schema";
import { formatDateTime, todayOf } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "reports:title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:report:any");
  const today = todayOf();
  const { period, districtId, query } = parsePeriod(new URL(request.url).searchParams, today);
  const [report, snapshots, lookups] = await Promise.all([buildReport(actor, { view: "overview", period, districtId, today }), listSnapshots(actor), getLookups()]);
  return { report, snapshots, districts: lookups.districts, query, today, search: periodSearch(period, districtId), links: drillDownLinks(period, districtId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:report:any");
  const today = todayOf();
  const { period, districtId } = parsePeriod(new URL(request.url).searchParams, today);
  const { submission } = await parseForm(request, FreezeSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    const id = await freezeReport(actor, { view: "overview", period, districtId, today, label: submission.value.label });
    return redirectWithFlash(`/office/reports/snapshots/${id}`, { key: "reports:flash.frozen", kind: "success" });
  } catch (e) {
    return replyWithError(submission, e);
  }
}

/** The freeze form: stores the report as it is now, under a label. */
function FreezeForm({ intentLabel }: { intentLabel: string }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, f] = useForm({ id: "freeze", lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: FreezeSchema }), shouldValidate: "onBlur" });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="freeze-h" className="eh-no-print">
      <Title order={2} size="h4" id="freeze-h" mb="xs">
        {t("reports:freeze.title")}
      </Title>
      <p>{t("reports:freeze.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="freeze" />
          <TextField field={f.label} label={t("reports:freeze.label")} maxLength={120} />
          <SubmitButton>{intentLabel}</SubmitButton>
        </Stack>
      </Form>
    </Paper>
  );
}

export default function Reports() {
  const { t, i18n } = useTranslation();
  const { report, snapshots, districts, query, today, search, links } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PrintStyles />
      <PageTitle description={t("reports:intro")}>{t("reports:title")}</PageTitle>
      <nav aria-label={t("reports:views")} className="eh-no-print">
        <Link to={`/office/reports?${search}`} aria-current="page">
          {t("reports:overview")}
        </Link>
        {" · "}
        <Link to={`/office/reports/komm-an?${search}`}>{t("reports:kommAn.title")}</Link>
        {" · "}
        <Link to={`/office/reports/events?${search}`}>{t("reports:events.title")}</Link>
      </nav>
      <PeriodFilter query={query} districts={districts} today={today} />
      <p>
        {t("reports:period")}: <PeriodText period={report.period} /> · {t("reports:comparedWith")}: <PeriodText period={report.previous} />
      </p>
      <Downloads href={(format) => `/office/reports/download/${format}?${search}`} />
      <ReportSections report={report} compareLabel={t("reports:chart.previous")} links={links} />
      <FreezeForm intentLabel={t("reports:freeze.submit")} />
      <section aria-labelledby="snapshots-h" className="eh-no-print">
        <h2 id="snapshots-h">{t("reports:snapshots.title")}</h2>
        <DataTable
          label={t("reports:snapshots.title")}
          rows={snapshots}
          rowKey={(s) => s.id}
          empty={t("reports:snapshots.empty")}
          columns={[
            { header: t("reports:freeze.label"), cell: (s) => <Link to={`/office/reports/snapshots/${s.id}`}>{s.label}</Link> },
            { header: t("reports:period"), cell: (s) => <PeriodText period={{ from: s.period_from, to: s.period_to }} /> },
            { header: t("reports:filters.district"), cell: (s) => s.district ?? t("actions.all") },
            { header: t("reports:snapshots.frozenAt"), cell: (s) => formatDateTime(s.frozen_at, i18n.language) },
            { header: t("reports:snapshots.frozenBy"), cell: (s) => s.frozenBy ?? "" },
          ]}
        />
      </section>
    </Stack>
  );
}
