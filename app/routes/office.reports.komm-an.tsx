import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Paper, Stack, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, replyFor, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { DataTable, FilterBar, FilterSelect } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { Downloads, formatValue, PeriodFilter, PeriodText, PrintStyles, ReportSections } from "~/components/reports/report-parts";
import { listPlanBookings, parsePlanBookingsFilter, planBookingsPath, planBookingsReturnPath, setBookingIntegration } from "~/modules/reports/events.server";
import { parsePeriod, periodSearch } from "~/modules/reports/period";
import { buildReport, freezeReport, getNarrative, saveNarrative } from "~/modules/reports/report.server";
import { BookingFlagSchema, FreezeSchema, NarrativeSchema, PLAN_BOOKINGS_ANCHOR, PLAN_MARKED } from "~/modules/reports/schema";
import { getLookups } from "~/modules/volunteers/queries.server";
import { formatDate, formatSlot, todayOf } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "reports:kommAn.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:report:any");
  const today = todayOf();
  const url = new URL(request.url);
  const { period, districtId, query } = parsePeriod(url.searchParams, today);
  const filter = parsePlanBookingsFilter(url);
  const [report, narrative, bookings, lookups] = await Promise.all([
    buildReport(actor, { view: "komm-an", period, districtId, today }),
    getNarrative(actor, period, districtId),
    listPlanBookings(actor, period, filter),
    getLookups(),
  ]);
  return { report, narrative, bookings, marked: filter.marked ?? "", districts: lookups.districts, query, today, search: periodSearch(period, districtId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:report:any");
  const url = new URL(request.url);
  const today = todayOf();
  const { period, districtId } = parsePeriod(url.searchParams, today);
  const back = `/office/reports/komm-an?${periodSearch(period, districtId)}`;
  const form = await parseIntentForm(request, { narrative: NarrativeSchema, flag: BookingFlagSchema, freeze: FreezeSchema });
  if (form.submission.status !== "success") return invalid(form.submission);
  try {
    if (form.intent === "narrative" && form.submission.status === "success") {
      await saveNarrative(actor, period, districtId, form.submission.value.body);
    } else if (form.intent === "flag" && form.submission.status === "success") {
      requirePermission(actor, "manage:room:any");
      await setBookingIntegration(actor, form.submission.value.bookingId, form.submission.value.counts === "1");
      // Back to the list page the form was on (filter and page kept), at the list.
      const list = planBookingsReturnPath(form.submission.value.back, planBookingsPath(period, districtId, parsePlanBookingsFilter(url)));
      return redirectWithFlash(list, { key: "flash.saved", kind: "success" });
    } else if (form.intent === "freeze" && form.submission.status === "success") {
      const id = await freezeReport(actor, { view: "komm-an", period, districtId, today, label: form.submission.value.label, narrative: form.submission.value.narrative });
      return redirectWithFlash(`/office/reports/snapshots/${id}`, { key: "reports:flash.frozen", kind: "success" });
    }
  } catch (e) {
    return replyWithError(form.submission, e);
  }
  return redirectWithFlash(back, { key: "flash.saved", kind: "success" });
}

function NarrativeForm({ body }: { body: string }) {
  const { t } = useTranslation();
  const reply = replyFor(useActionData<typeof action>(), "intent", "narrative");
  const [form, f] = useForm({ id: "narrative", lastResult: reply, defaultValue: { body }, onValidate: ({ formData }) => parseWithZod(formData, { schema: NarrativeSchema }), shouldValidate: "onBlur" });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="narrative-h">
      <Title order={2} size="h4" id="narrative-h" mb="xs">
        {t("reports:kommAn.narrative")}
      </Title>
      <div className="eh-print-only-text">{body}</div>
      <Form method="post" {...getFormProps(form)} className="eh-no-print">
        <Stack>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="narrative" />
          <TextAreaField field={f.body} label={t("reports:kommAn.narrativeLabel")} description={t("reports:kommAn.narrativeHint")} autosize minRows={5} maxLength={20000} />
          <SubmitButton>{t("reports:kommAn.saveNarrative")}</SubmitButton>
        </Stack>
      </Form>
    </Paper>
  );
}

function FreezeKommAn() {
  const { t } = useTranslation();
  const reply = replyFor(useActionData<typeof action>(), "intent", "freeze");
  const [form, f] = useForm({ id: "freeze", lastResult: reply, onValidate: ({ formData }) => parseWithZod(formData, { schema: FreezeSchema }), shouldValidate: "onBlur" });
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
          <SubmitButton>{t("reports:freeze.submit")}</SubmitButton>
        </Stack>
      </Form>
    </Paper>
  );
}

export default function KommAn() {
  const { t, i18n } = useTranslation();
  const { report, narrative, bookings, marked, districts, query, today, search } = useLoaderData<typeof loader>();
  const location = useLocation();
  const returnTo = `${location.pathname}${location.search}`;
  const lang = i18n.language;
  const o = report.occupancy!;
  const counts = t("reports:kommAn.counts");
  const notCounting = t("reports:kommAn.notCounting");
  return (
    <Stack>
      <PrintStyles />
      <PageTitle description={t("reports:kommAn.intro")}>{t("reports:kommAn.title")}</PageTitle>
      <nav aria-label={t("reports:views")} className="eh-no-print">
        <Link to={`/office/reports?${search}`}>{t("reports:overview")}</Link>
        {" · "}
        <Link to={`/office/reports/komm-an?${search}`} aria-current="page">
          {t("reports:kommAn.title")}
        </Link>
        {" · "}
        <Link to={`/office/reports/events?${search}`}>{t("reports:events.title")}</Link>
      </nav>
      <PeriodFilter query={query} districts={districts} today={today} />
      <p>
        {t("reports:period")}: <PeriodText period={report.period} /> · {t("reports:comparedWith")}: <PeriodText period={report.previous} />
      </p>
      <Downloads href={(format) => `/office/reports/download/${format}?view=komm-an&${search}`} />
      <ReportSections report={report} compareLabel={t("reports:chart.previous")} />
      <section aria-labelledby="plan-h">
        <h2 id="plan-h">{t("reports:kommAn.plan")}</h2>
        <p>
          {t("reports:kommAn.planTotal", { share: formatValue(o.total.shareOfBookable, "percent", lang), hours: formatValue(o.total.integration, "hours", lang), bookable: formatValue(o.total.bookable, "hours", lang) })}{" "}
          <strong>{o.total.shareOfBookable >= 100 / 3 ? t("reports:kommAn.thirdMet") : t("reports:kommAn.thirdNotMet")}</strong>
        </p>
        <DataTable
          label={t("reports:kommAn.plan")}
          rows={o.weeks}
          rowKey={(w) => w.monday}
          empty={t("reports:empty")}
          columns={[
            { header: t("reports:kommAn.week"), cell: (w) => formatDate(w.monday, lang) },
            { header: t("reports:rows.bookableHours"), numeric: true, cell: (w) => formatValue(w.bookable, "hours", lang) },
            { header: t("reports:rows.bookedHours"), numeric: true, cell: (w) => formatValue(w.booked, "hours", lang) },
            { header: t("reports:rows.integrationHours"), numeric: true, cell: (w) => formatValue(w.integration, "hours", lang) },
            { header: t("reports:rows.shareIntegration"), numeric: true, cell: (w) => formatValue(w.shareOfBookable, "percent", lang) },
            { header: t("reports:rows.shareOfBooked"), numeric: true, cell: (w) => formatValue(w.shareOfBooked, "percent", lang) },
          ]}
        />
        <h3 id={PLAN_BOOKINGS_ANCHOR}>{t("reports:kommAn.bookings")}</h3>
        <p className="eh-no-print">{t("reports:kommAn.bookingsIntro")}</p>
        <div className="eh-no-print">
          <FilterBar label={t("reports:kommAn.bookingsFilter")}>
            {/* The period and district stay; a new filter starts at page 1. */}
            {[...new URLSearchParams(search)].map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <FilterSelect
              name="marked"
              label={t("reports:kommAn.counting")}
              defaultValue={marked}
              options={[{ value: "", label: t("actions.all") }, ...PLAN_MARKED.map((m) => ({ value: m, label: m === "yes" ? t("reports:kommAn.markedYes") : t("reports:kommAn.markedNo") }))]}
            />
          </FilterBar>
        </div>
        <DataTable
          label={t("reports:kommAn.bookings")}
          rows={bookings.items}
          rowKey={(b) => b.id}
          empty={marked ? t("reports:kommAn.noBookingsMarked") : t("reports:kommAn.noBookings")}
          columns={[
            { header: t("reports:kommAn.room"), cell: (b) => b.room },
            { header: t("reports:kommAn.time"), cell: (b) => formatSlot(b.starts_at, b.ends_at, lang) },
            { header: t("reports:kommAn.group"), cell: (b) => b.group_name ?? "" },
            { header: t("reports:kommAn.purpose"), cell: (b) => b.purpose },
            {
              header: t("reports:kommAn.counting"),
              cell: (b) => (
                <Form method="post" className="eh-inline-form">
                  <input type="hidden" name="intent" value="flag" />
                  <input type="hidden" name="bookingId" value={b.id} />
                  <input type="hidden" name="back" value={returnTo} />
                  <input type="hidden" name="counts" value={b.integration_purpose ? "0" : "1"} />
                  <span>{b.integration_purpose ? counts : notCounting}</span>{" "}
                  <button type="submit" className="eh-button" data-variant="light" aria-label={`${b.integration_purpose ? t("reports:kommAn.unmark") : t("reports:kommAn.mark")}: ${b.room}, ${formatSlot(b.starts_at, b.ends_at, lang)}`}>
                    {b.integration_purpose ? t("reports:kommAn.unmark") : t("reports:kommAn.mark")}
                  </button>
                </Form>
              ),
            },
          ]}
        />
        <Pager page={bookings.page} pageSize={bookings.pageSize} total={bookings.total} hash={`#${PLAN_BOOKINGS_ANCHOR}`} />
      </section>
      <NarrativeForm body={narrative} />
      <FreezeKommAn />
    </Stack>
  );
}
