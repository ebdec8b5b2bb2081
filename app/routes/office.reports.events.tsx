import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Paper, SimpleGrid, Stack, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, replyFor, SelectField, SubmitButton, TextField } from "~/components/form";
import { DataTable } from "~/components/list-page";
import { PeriodFilter, PeriodText } from "~/components/reports/report-parts";
import { createEvent, deleteEvent, listEvents } from "~/modules/reports/events.server";
import { parsePeriod, periodSearch } from "~/modules/reports/period";
import { DeleteEventSchema, EVENT_KINDS, EventSchema, REPORT_BLOCKS } from "~/modules/reports/schema";
import { getLookups } from "~/modules/volunteers/queries.server";
import { formatDate, todayOf } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "reports:events.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:report:any");
  const today = todayOf();
  const { period, districtId, query } = parsePeriod(new URL(request.url).searchParams, today);
  const [events, lookups] = await Promise.all([listEvents(actor, period, districtId), getLookups()]);
  return { events, period, districts: lookups.districts, query, today, search: periodSearch(period, districtId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:report:any");
  const { period, districtId } = parsePeriod(new URL(request.url).searchParams, todayOf());
  const form = await parseIntentForm(request, { event: EventSchema, delete: DeleteEventSchema });
  if (form.submission.status !== "success") return invalid(form.submission);
  try {
    if (form.intent === "event" && form.submission.status === "success") {
      const { intent: _, ...input } = form.submission.value;
      await createEvent(actor, input);
    } else if (form.intent === "delete" && form.submission.status === "success") {
      await deleteEvent(actor, form.submission.value.eventId);
    }
  } catch (e) {
    return replyWithError(form.submission, e);
  }
  return redirectWithFlash(`/office/reports/events?${periodSearch(period, districtId)}`, { key: "flash.saved", kind: "success" });
}

export default function Events() {
  const { t, i18n } = useTranslation();
  const { events, period, districts, query, today, search } = useLoaderData<typeof loader>();
  const reply = replyFor(useActionData<typeof action>(), "intent", "event");
  const [form, f] = useForm({
    id: "event",
    lastResult: reply,
    defaultValue: { day: today, participants: "0", volunteers: "0" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Stack>
      <PageTitle description={t("reports:events.intro")}>{t("reports:events.title")}</PageTitle>
      <nav aria-label={t("reports:views")}>
        <Link to={`/office/reports?${search}`}>{t("reports:overview")}</Link>
        {" · "}
        <Link to={`/office/reports/komm-an?${search}`}>{t("reports:kommAn.title")}</Link>
        {" · "}
        <Link to={`/office/reports/events?${search}`} aria-current="page">
          {t("reports:events.title")}
        </Link>
      </nav>
      <PeriodFilter query={query} districts={districts} today={today} />
      <Paper withBorder p="md" component="section" aria-labelledby="event-h">
        <Title order={2} size="h4" id="event-h" mb="sm">
          {t("reports:events.new")}
        </Title>
        <Form method="post" {...getFormProps(form)}>
          <Stack>
            <FormErrors form={form} />
            <input type="hidden" name="intent" value="event" />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextField field={f.day} label={t("reports:events.day")} type="date" />
              <SelectField field={f.kind} label={t("reports:events.kind")} options={[{ value: "", label: "—" }, ...EVENT_KINDS.map((k) => ({ value: k, label: t(`reports:eventKinds.${k}`) }))]} />
              <SelectField field={f.block} label={t("reports:events.block")} options={[{ value: "", label: "—" }, ...REPORT_BLOCKS.map((b) => ({ value: b, label: t(`reports:blocks.${b}`) }))]} />
              <TextField field={f.title} label={t("reports:events.eventTitle")} maxLength={160} />
              <SelectField field={f.districtId} label={t("reports:filters.district")} options={[{ value: "", label: t("reports:events.noDistrict") }, ...districts.map((d) => ({ value: String(d.id), label: d.name }))]} />
              <TextField field={f.participants} label={t("reports:events.participants")} type="number" min={0} inputMode="numeric" />
              <TextField field={f.volunteers} label={t("reports:events.volunteers")} type="number" min={0} inputMode="numeric" />
            </SimpleGrid>
            <SubmitButton>{t("reports:events.save")}</SubmitButton>
          </Stack>
        </Form>
      </Paper>
      <section aria-labelledby="events-h">
        <h2 id="events-h">
          {t("reports:events.list")} (<PeriodText period={period} />)
        </h2>
        <DataTable
          label={t("reports:events.list")}
          rows={events}
          rowKey={(e) => e.id}
          empty={t("reports:events.empty")}
          columns={[
            { header: t("reports:events.day"), cell: (e) => formatDate(e.day, i18n.language) },
            { header: t("reports:events.kind"), cell: (e) => t(`reports:eventKinds.${e.kind}`) },
            { header: t("reports:events.block"), cell: (e) => t(`reports:blocks.${e.block}`) },
            { header: t("reports:events.eventTitle"), cell: (e) => e.title },
            { header: t("reports:filters.district"), cell: (e) => e.district ?? "" },
            { header: t("reports:events.participants"), numeric: true, cell: (e) => e.participants },
            { header: t("reports:events.volunteers"), numeric: true, cell: (e) => e.volunteers },
            {
              header: t("actions.actions"),
              cell: (e) => (
                <Form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="eventId" value={e.id} />
                  <button type="submit" className="eh-button" data-variant="light" aria-label={t("reports:events.deleteNamed", { title: e.title })}>
                    {t("reports:events.delete")}
                  </button>
                </Form>
              ),
            },
          ]}
        />
      </section>
    </Stack>
  );
}
