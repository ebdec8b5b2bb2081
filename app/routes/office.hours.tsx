import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DataTable, FilterBar, FilterSelect, FilterText, FiltersIgnored } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { ExportLinks } from "~/components/reports/export-links";
import { can } from "~/auth/permissions";
import { listHoursToDecide, parseHoursFilters, requireHoursScope } from "~/modules/coverage/hours-list.server";
import { HOURS_STATUSES } from "~/modules/coverage/lists";
import { formatDate, formatDateTime } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:hours.officeTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireHoursScope(actor);
  const { filters, ignored } = parseHoursFilters(new URL(request.url));
  return { filters, ignored, result: await listHoursToDecide(actor, filters), mayExport: can(actor, "export:list:any") };
}

type Labels = { confirm: string; reject: string; reason: string };

/**
 * Confirm, or reject with a reason: two small plain forms per row (they post without JavaScript)
 * to the entry's decision route, which answers a missing reason on its own page and otherwise
 * comes back here (`returnTo`: status, filters and page kept).
 */
function DecideForm({ id, returnTo, labels }: { id: number; returnTo: string; labels: Labels }) {
  const inputId = `reason-${id}`;
  const action = `/office/hours/${id}/decide?returnTo=${encodeURIComponent(returnTo)}`;
  return (
    <div className="eh-decide">
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="confirm" />
        <button type="submit" className="eh-button">
          {labels.confirm}
        </button>
      </Form>
      <Form method="post" action={action} className="eh-inline-form">
        <input type="hidden" name="intent" value="reject" />
        <div className="eh-field">
          <label htmlFor={inputId}>{labels.reason}</label>
          <input id={inputId} name="reason" maxLength={300} />
        </div>
        <button type="submit" className="eh-button" data-variant="light" data-color="red">
          {labels.reject}
        </button>
      </Form>
    </div>
  );
}

export default function OfficeHours() {
  const { t, i18n } = useTranslation("coverage");
  const { filters, ignored, result, mayExport } = useLoaderData<typeof loader>();
  const location = useLocation();
  const returnTo = `${location.pathname}${location.search}`;
  const submitted = filters.status === "submitted";
  // Translated and formatted once per page, not once per row.
  const labels: Labels = { confirm: t("hours.confirm"), reject: t("hours.reject"), reason: t("hours.reason") };
  const hours = new Intl.NumberFormat(i18n.language);
  return (
    <Stack>
      <PageTitle description={t("hours.officeIntro")}>{t("hours.officeTitle")}</PageTitle>
      <FilterBar label={t("hours.search")}>
        <FilterSelect name="status" label={t("hours.status")} defaultValue={filters.status} options={HOURS_STATUSES.map((s) => ({ value: s, label: t(`hours.statuses.${s}`) }))} />
        <FilterText name="q" label={t("fields.volunteer")} defaultValue={filters.q ?? ""} maxLength={100} />
        <FilterText name="org" label={t("fields.organisation")} defaultValue={filters.org ?? ""} maxLength={100} />
        <FilterText name="from" type="date" label={t("hours.from")} defaultValue={filters.from ?? ""} />
        <FilterText name="to" type="date" label={t("hours.to")} defaultValue={filters.to ?? ""} />
      </FilterBar>
      <FiltersIgnored show={ignored.length > 0} />
      <DataTable
        label={t("hours.officeTitle")}
        minWidth={submitted ? 960 : 760}
        rows={result.items}
        rowKey={(r) => r.id}
        empty={t("hours.emptyOffice")}
        columns={[
          { header: t("fields.volunteer"), cell: (r) => r.volunteerName },
          { header: t("fields.activity"), cell: (r) => `${r.activity} (${r.organisationName})` },
          { header: t("hours.day"), cell: (r) => formatDate(r.day, i18n.language) },
          { header: t("hours.hours"), cell: (r) => hours.format(r.hours), numeric: true },
          { header: t("hours.note"), cell: (r) => r.note ?? "" },
          submitted
            ? { header: t("hours.submittedAt"), cell: (r) => formatDateTime(r.createdAt, i18n.language) }
            : { header: t("hours.reason"), cell: (r) => r.decisionReason ?? "" },
          ...(submitted
            ? [
                {
                  header: t("common:actions.actions"),
                  cell: (r: (typeof result.items)[number]) => (
                    <DecideForm id={r.id} returnTo={returnTo} labels={labels} />
                  ),
                },
              ]
            : []),
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
      {mayExport ? <ExportLinks base="/office/hours/export" /> : null}
    </Stack>
  );
}
