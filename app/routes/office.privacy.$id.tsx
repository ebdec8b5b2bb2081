import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi, Ltr } from "~/components/bdi";
import { CheckboxField, FormSection, replyFor, SelectField, TextAreaField } from "~/components/form";
import { DataTable } from "~/components/list-page";
import { DeadlineBadge, PrivacyNav } from "~/components/privacy/privacy-nav";
import { checkIdentity, closeRequest, eraseForRequest, extendRequest, requestExists, viewRequest } from "~/modules/privacy/requests.server";
import { CloseSchema, EraseSchema, ExtendSchema, IDENTITY_METHODS, IdentitySchema, OUTCOMES, REQUEST_PAGE_FORMS } from "~/modules/privacy/schema";
import { formatDate, formatDateTime } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "privacy:detail.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:privacy");
  // The page shows the linked person's or household's name: the view is logged (access log).
  const r = await viewRequest(actor, id);
  if (!r) throw notFound();
  return {
    request: {
      id: r.id,
      kind: r.kind,
      subjectKind: r.subject_kind,
      requesterName: r.requester_name,
      channel: r.channel,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      extendedDueOn: r.extended_due_on,
      extensionReason: r.extension_reason,
      identityMethod: r.identity_method,
      identityCheckedAt: r.identity_checked_at,
      identityCheckedBy: r.identityCheckedByName,
      note: r.note,
      status: r.status,
      outcome: r.outcome,
      outcomeNote: r.outcome_note,
      closedAt: r.closed_at,
      volunteerId: r.volunteer_user_id,
      volunteerName: r.volunteerDisabledAt ? null : r.volunteerName,
      householdId: r.household_id,
      householdCode: r.householdCode,
      subjectErased: !!(r.householdErasedAt || r.volunteerDisabledAt),
      deadline: r.deadline,
      effectiveDue: r.effectiveDue,
    },
    events: r.events,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:privacy");
  if (!(await requestExists(actor, id))) throw notFound();
  const form = await parseIntentForm(request, REQUEST_PAGE_FORMS);
  const { submission } = form;
  if (submission.status !== "success") return invalid(submission);
  let flash = "flash.saved";
  try {
    if (form.intent === "identity" && form.submission.status === "success") await checkIdentity(actor, id, form.submission.value.method);
    else if (form.intent === "extend" && form.submission.status === "success") await extendRequest(actor, id, form.submission.value.reason);
    else if (form.intent === "erase") {
      await eraseForRequest(actor, id);
      flash = "privacy:flash.erased";
    } else if (form.intent === "close" && form.submission.status === "success") await closeRequest(actor, id, form.submission.value.outcome, form.submission.value.outcomeNote);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/privacy/${id}`, { key: flash, kind: "success" });
}

type Reply = SubmissionResult<string[]> | undefined;
const useReply = () => useActionData<typeof action>() as Reply;

function IdentityForm() {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "identity", lastResult: replyFor(useReply(), "intent", "identity"), onValidate: ({ formData }) => parseWithZod(formData, { schema: IdentitySchema }), shouldValidate: "onBlur" });
  return (
    <FormSection id="identity-title" title={t("privacy:detail.identity")} form={form} intent="identity" submit={t("privacy:detail.checkIdentity")}>
      <Text size="sm">{t("privacy:detail.identityNotChecked")}</Text>
      <SelectField field={f.method} label={t("privacy:detail.method")} options={[{ value: "", label: t("actions.choose") }, ...IDENTITY_METHODS.map((m) => ({ value: m, label: t(`privacy:identityMethods.${m}`) }))]} />
    </FormSection>
  );
}

function ExtendForm() {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "extend", lastResult: replyFor(useReply(), "intent", "extend"), onValidate: ({ formData }) => parseWithZod(formData, { schema: ExtendSchema }), shouldValidate: "onBlur" });
  return (
    <FormSection id="extend-title" title={t("privacy:detail.extend")} form={form} intent="extend" submit={t("privacy:detail.extendSubmit")}>
      <Text size="sm">{t("privacy:detail.extendHint")}</Text>
      <TextAreaField field={f.reason} label={t("privacy:detail.extendReason")} autosize minRows={2} maxLength={500} />
    </FormSection>
  );
}

function EraseForm() {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "erase", lastResult: replyFor(useReply(), "intent", "erase"), onValidate: ({ formData }) => parseWithZod(formData, { schema: EraseSchema }), shouldValidate: "onSubmit" });
  return (
    <FormSection id="erase-title" title={t("privacy:detail.eraseTitle")} form={form} intent="erase" submit={t("privacy:detail.eraseSubmit")}>
      <Text size="sm">{t("privacy:detail.eraseHint")}</Text>
      <CheckboxField field={f.confirm} label={t("privacy:detail.eraseConfirm")} />
    </FormSection>
  );
}

function CloseForm() {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "close", lastResult: replyFor(useReply(), "intent", "close"), onValidate: ({ formData }) => parseWithZod(formData, { schema: CloseSchema }), shouldValidate: "onBlur" });
  return (
    <FormSection id="close-title" title={t("privacy:detail.close")} form={form} intent="close" submit={t("privacy:detail.closeSubmit")}>
      <SelectField field={f.outcome} label={t("privacy:detail.outcome")} options={[{ value: "", label: t("actions.choose") }, ...OUTCOMES.map((o) => ({ value: o, label: t(`privacy:outcomes.${o}`) }))]} />
      <TextAreaField field={f.outcomeNote} label={t("privacy:detail.outcomeNote")} description={t("privacy:detail.outcomeNoteHint")} autosize minRows={2} maxLength={1000} />
    </FormSection>
  );
}

/** Messages of the last answer that belong to no field of a shown form (e.g. "already closed"). */
function ReplyAlert() {
  const { t } = useTranslation();
  const reply = useReply();
  const errors = reply?.error?.[""] ?? [];
  if (!errors.length) return null;
  const [key, json] = errors[0].split("|");
  return (
    <Alert color="red" role="alert">
      {t(key, json ? JSON.parse(json) : {}) as string}
    </Alert>
  );
}

export default function PrivacyRequestPage() {
  const { t, i18n } = useTranslation();
  const { request: r, events } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const open = r.status === "open";
  const linked = !!(r.volunteerId || r.householdId) && !r.subjectErased;
  type Event = (typeof events)[number];
  return (
    <Stack>
      <Anchor component={Link} to="/office/privacy">
        {t("privacy:detail.back")}
      </Anchor>
      <PageTitle>{t("privacy:detail.heading", { id: r.id, kind: t(`privacy:kinds.${r.kind}`) })}</PageTitle>
      <PrivacyNav />
      <ReplyAlert />
      <Paper withBorder p="lg" component="section" aria-labelledby="facts-title">
        <Title order={2} size="h4" id="facts-title" mb="sm">
          {t("privacy:detail.facts")}
        </Title>
        <dl style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(16rem, 1fr))", gap: "var(--mantine-spacing-sm)", margin: 0 }}>
          <div>
            <dt>{t("privacy:detail.requester")}</dt>
            <dd>
              <Bdi>{r.requesterName}</Bdi>
            </dd>
          </div>
          <div>
            <dt>{t("privacy:detail.subject")}</dt>
            <dd>
              {t(`privacy:subjects.${r.subjectKind}`)}{" "}
              {r.volunteerId && r.volunteerName ? (
                <Anchor component={Link} to={`/office/volunteers/${r.volunteerId}`}>
                  <Bdi>{r.volunteerName}</Bdi>
                </Anchor>
              ) : null}
              {r.householdId && r.householdCode ? (
                <Anchor component={Link} to={`/office/households/${r.householdId}`}>
                  <Ltr>{r.householdCode}</Ltr>
                </Anchor>
              ) : null}
              {r.subjectErased ? ` (${t("privacy:detail.erased")})` : null}
            </dd>
          </div>
          <div>
            <dt>{t("privacy:detail.received")}</dt>
            <dd>
              {formatDate(r.receivedOn, lang)} ({t(`privacy:channels.${r.channel}`)})
            </dd>
          </div>
          <div>
            <dt>{r.extendedDueOn ? t("privacy:detail.extendedDue") : t("privacy:detail.due")}</dt>
            <dd>
              {formatDate(r.effectiveDue, lang)} <DeadlineBadge state={r.deadline.state} />
            </dd>
          </div>
          {r.extensionReason ? (
            <div>
              <dt>{t("privacy:detail.extensionReason")}</dt>
              <dd>
                <Bdi>{r.extensionReason}</Bdi>
              </dd>
            </div>
          ) : null}
          {r.note ? (
            <div>
              <dt>{t("privacy:detail.note")}</dt>
              <dd>
                <Bdi>{r.note}</Bdi>
              </dd>
            </div>
          ) : null}
          {r.identityCheckedAt ? (
            <div>
              <dt>{t("privacy:detail.identity")}</dt>
              <dd>{t("privacy:detail.identityChecked", { date: formatDateTime(r.identityCheckedAt, lang), name: r.identityCheckedBy ?? "—", method: t(`privacy:identityMethods.${r.identityMethod}`) })}</dd>
            </div>
          ) : null}
        </dl>
        {!open && r.closedAt ? (
          <Alert mt="md" color="gray">
            {t("privacy:detail.closedAs", { date: formatDateTime(r.closedAt, lang), outcome: t(`privacy:outcomes.${r.outcome}`) })} <Bdi>{r.outcomeNote}</Bdi>
          </Alert>
        ) : null}
      </Paper>
      {open && !r.identityCheckedAt ? <IdentityForm /> : null}
      {open && r.identityCheckedAt && linked ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="export-title">
          <Title order={2} size="h4" id="export-title" mb="sm">
            {t("privacy:detail.exportTitle")}
          </Title>
          <Text size="sm" mb="sm">
            {t("privacy:detail.exportHint")}
          </Text>
          <Group>
            <Button component="a" href={`/office/privacy/${r.id}/export.json`} variant="light" download>
              {t("privacy:detail.exportLink")}
            </Button>
          </Group>
        </Paper>
      ) : null}
      {open && r.identityCheckedAt && linked && r.kind === "erasure" ? <EraseForm /> : null}
      {open && !r.extendedDueOn ? <ExtendForm /> : null}
      {open ? <CloseForm /> : null}
      <section aria-labelledby="history-title">
        <Title order={2} size="h4" id="history-title" mb="sm">
          {t("privacy:detail.history")}
        </Title>
        <DataTable<Event>
          label={t("privacy:detail.historyLabel")}
          rows={events}
          rowKey={(e) => e.id}
          columns={[
            { header: t("privacy:detail.when"), cell: (e) => formatDateTime(e.at, lang) },
            { header: t("privacy:detail.what"), cell: (e) => t(`privacy:events.${e.action}`) },
            { header: t("privacy:detail.who"), cell: (e) => <Bdi>{e.byName ?? "—"}</Bdi> },
            {
              header: t("privacy:detail.detailsColumn"),
              cell: (e) =>
                e.note ? (
                  <Bdi>{e.action === "identity" ? t(`privacy:identityMethods.${e.note}`) : e.action === "closed" ? t(`privacy:outcomes.${e.note}`) : e.note}</Bdi>
                ) : null,
            },
          ]}
        />
      </section>
    </Stack>
  );
}
