import { parseWithZod } from "@conform-to/zod";
import { Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { useFieldError } from "~/components/form";
import { DataTable, FilterBar, FilterSelect, FilterText, FiltersIgnored } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { decideHours } from "~/modules/coverage/hours.server";
import { hoursReturnPath, listHoursToDecide, parseHoursFilters, requireHoursScope } from "~/modules/coverage/hours-list.server";
import { HOURS_STATUSES } from "~/modules/coverage/lists";
import { DecideHoursSchema } from "~/modules/coverage/schema";
import { formatDate, formatDateTime } from "~/utils/dates";
import { isAppError } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:hours.officeTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireHoursScope(actor);
  const { filters, ignored } = parseHoursFilters(new URL(request.url));
  return { filters, ignored, result: await listHoursToDecide(actor, filters) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireHoursScope(actor);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: DecideHoursSchema });
  const entryId = String(formData.get("entryId") ?? "");
  const reason = typeof formData.get("reason") === "string" ? String(formData.get("reason")).slice(0, 300) : "";
  if (submission.status !== "success") return data({ entryId, reason, errors: submission.reply().error ?? {} }, { status: 400 });
  try {
    await decideHours(actor, submission.value);
  } catch (e) {
    if (isAppError(e) && e.status === 404) throw new Response("Not Found", { status: 404 });
    if (isAppError(e)) return data({ entryId, reason, errors: { "": [e.key] } as Record<string, string[] | null> }, { status: 400 });
    throw e;
  }
  // Back to the list the decision was made on (status, filters, page).
  return redirectWithFlash(hoursReturnPath(formData.get("returnTo")), { key: "flash.saved", kind: "success" });
}

type Labels = { confirm: string; reject: string; reason: string };
type Failed = { reason: string; errors: Record<string, string[] | null> };

/** Confirm, or reject with a reason: two small plain forms per row (they post without JavaScript). */
function DecideForm({ id, returnTo, labels, failed }: { id: number; returnTo: string; labels: Labels; failed?: Failed }) {
  const reasonError = useFieldError(failed?.errors.reason ?? undefined);
  const formError = useFieldError(failed?.errors[""] ?? undefined);
  const error = reasonError ?? formError;
  const inputId = `reason-${id}`;
  return (
    <div className="eh-decide">
      <Form method="post">
        <input type="hidden" name="entryId" value={id} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="intent" value="confirm" />
        <button type="submit" className="eh-button">
          {labels.confirm}
        </button>
      </Form>
      <Form method="post" className="eh-inline-form">
        <input type="hidden" name="entryId" value={id} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="intent" value="reject" />
        <div className="eh-field">
          <label htmlFor={inputId}>{labels.reason}</label>
          <input id={inputId} name="reason" maxLength={300} defaultValue={failed?.reason ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${inputId}-error` : undefined} />
          {error ? (
            <span className="eh-field-error" id={`${inputId}-error`}>
              {error}
            </span>
          ) : null}
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
  const { filters, ignored, result } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
                    <DecideForm id={r.id} returnTo={returnTo} labels={labels} failed={actionData && actionData.entryId === String(r.id) ? actionData : undefined} />
                  ),
                },
              ]
            : []),
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
