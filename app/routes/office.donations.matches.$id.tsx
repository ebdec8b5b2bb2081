import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Badge, Button, List, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { FormErrors, replyFor, SelectField, SubmitButton, TextField } from "~/components/form";
import { getMatchForOffice, planHandover, recordOutcome, transportCandidates } from "~/modules/donations/handover.server";
import { HANDOVER_MODES, isTime, type HandoverModeName } from "~/modules/donations/handover-policy";
import { OutcomeSchema, PlanSchema } from "~/modules/donations/handover-schema";
import { reasonText } from "~/modules/donations/system-reasons";
import { formatDate, formatDateTime, isValidDay } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";
import { Bdi, Ltr } from "~/components/bdi";
import { formatRange } from "~/utils/bidi";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:handover.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:donation:any");
  const match = await getMatchForOffice(actor, id);
  if (!match) throw notFound();
  const url = new URL(request.url);
  // The volunteer list follows the planned (or asked-for) day and window.
  const q = (name: string, ok: (v: string) => boolean) => {
    const v = url.searchParams.get(name);
    return v && ok(v) ? v : null;
  };
  const day = q("day", isValidDay) ?? match.handover_on;
  const from = q("from", isTime) ?? match.time_from;
  const to = q("to", isTime) ?? match.time_to;
  const volunteers = await transportCandidates(getDb(), { districtId: match.pickup_district_id, day, from, to });
  return { match, volunteers, plan: { day: day ?? "", from: from ?? "10:00", to: to ?? "12:00" } };
}

const SCHEMAS = { plan: PlanSchema, outcome: OutcomeSchema } as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:donation:any");
  if (!(await getMatchForOffice(actor, id))) throw notFound();
  const { submission } = await parseIntentForm(request, SCHEMAS);
  if (submission.status !== "success") return invalid(submission);
  try {
    const v = submission.value;
    if (v.intent === "plan") await planHandover(actor, id, { mode: v.mode as HandoverModeName, day: v.day, from: v.from, to: v.to, volunteerId: v.volunteerId });
    else await recordOutcome(actor, id, v.outcome as "handed_over" | "failed", v.reason);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/donations/matches/${id}`, { key: "flash.saved", kind: "success" });
}

export default function MatchHandover() {
  const { t, i18n } = useTranslation();
  const { match: m, volunteers, plan } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const last = (intent: string) => replyFor(reply, "intent", intent);
  const [planForm, pf] = useForm({
    id: "plan",
    lastResult: last("plan"),
    defaultValue: { mode: m.handover_mode ?? (m.delivery === "donor_brings" ? "donor" : "transport"), day: plan.day, from: plan.from, to: plan.to },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanSchema }),
    shouldValidate: "onBlur",
  });
  const [outcomeForm, of] = useForm({ id: "outcome", lastResult: last("outcome"), onValidate: ({ formData }) => parseWithZod(formData, { schema: OutcomeSchema }), shouldValidate: "onBlur" });
  const open = m.state === "reserved";
  return (
    <Stack>
      <Anchor component={Link} to={`/office/donations/needs/${m.need_id}`}>
        {t("donations:handover.backToNeed")}
      </Anchor>
      <PageTitle description={t("donations:handover.intro")}>{t("donations:handover.heading", { category: categoryLabel({ ...m, depth: 0 }, i18n.language), quantity: m.quantity })}</PageTitle>
      <Paper withBorder p="md">
        <Text>
          {t("donations:household.code")}: <Ltr>{m.code}</Ltr> · <Bdi>{m.householdDistrict ?? "—"}</Bdi> · {/* A span: a Badge is a <div>, which may not stand inside the <p> (the parser would split it, hydration fails). */}
          <Badge component="span">{t(`donations:matchState.${m.state}`)}</Badge>
        </Text>
        <Text>
          {t("donations:review.donor")}: <Bdi>{m.donor_name ?? "—"}</Bdi> · <Ltr>{m.donor_email ?? "—"}</Ltr> · <Ltr>{m.donor_phone ?? "—"}</Ltr> · <Bdi>{[m.pickupDistrict ?? "—", m.pickup_street].filter(Boolean).join(" ")}</Bdi>
        </Text>
        {m.handover_on ? (
          <Text>
            {t(`donations:handover.modes.${m.handover_mode}`)} · {formatDate(m.handover_on, i18n.language)} {m.time_from && m.time_to ? formatRange(m.time_from, m.time_to) : null}
          </Text>
        ) : null}
        {m.outcome_reason ? <Text>{t("donations:manage.declinedReason", { reason: reasonText(t, m.outcome_reason) })}</Text> : null}
        {m.transports.length ? (
          <List size="sm" mt="xs">
            {m.transports.map((tr) => (
              <List.Item key={tr.id}>
                <Bdi>{tr.name}</Bdi>: {t(`donations:transportState.${tr.state}`)} ({formatDateTime(tr.answered_at ?? tr.asked_at, i18n.language)}){tr.decline_reason ? ` – ${tr.decline_reason}` : ""}
              </List.Item>
            ))}
          </List>
        ) : null}
      </Paper>
      {open ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="plan-h">
            <Title order={2} size="h4" id="plan-h" mb="sm">
              {t("donations:handover.plan")}
            </Title>
            <Form method="post" {...getFormProps(planForm)}>
              <Stack gap="xs">
                <input type="hidden" name="intent" value="plan" />
                <FormErrors form={planForm} />
                <SelectField field={pf.mode} label={t("donations:handover.mode")} options={HANDOVER_MODES.map((x) => ({ value: x, label: t(`donations:handover.modes.${x}`) }))} />
                <TextField field={pf.day} type="date" label={t("donations:handover.day")} />
                <SimpleGrid cols={2}>
                  <TextField field={pf.from} type="time" label={t("donations:handover.from")} placeholder="10:00" />
                  <TextField field={pf.to} type="time" label={t("donations:handover.to")} placeholder="12:00" />
                </SimpleGrid>
                {/* One set of date fields: this button reloads the driver list for the day and window above (a GET of the same form, works without JavaScript). */}
                <div>
                  <Button type="submit" variant="light" formMethod="get" formNoValidate>
                    {t("donations:handover.findDrivers")}
                  </Button>
                </div>
                <SelectField
                  field={pf.volunteerId}
                  label={t("donations:handover.volunteer")}
                  description={t("donations:handover.volunteerHint", { count: volunteers.length })}
                  options={[{ value: "", label: "—" }, ...volunteers.map((v) => ({ value: v.id, label: `${v.name} (${[v.district ?? "—", ...(v.sameDistrict ? [t("donations:reasons.sameDistrict")] : [])].join(t("donations:listSeparator"))})` }))]}
                />
                <div>
                  <SubmitButton>{t("donations:handover.save")}</SubmitButton>
                </div>
              </Stack>
            </Form>
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="outcome-h">
            <Title order={2} size="h4" id="outcome-h" mb="sm">
              {t("donations:handover.outcome")}
            </Title>
            <Form method="post" {...getFormProps(outcomeForm)}>
              <Stack gap="xs">
                <input type="hidden" name="intent" value="outcome" />
                <FormErrors form={outcomeForm} />
                <SelectField field={of.outcome} label={t("donations:handover.outcome")} options={[{ value: "", label: t("actions.choose") }, { value: "handed_over", label: t("donations:matchState.handed_over") }, { value: "failed", label: t("donations:matchState.failed") }]} />
                <TextField field={of.reason} label={t("donations:handover.reason")} maxLength={300} />
                <div>
                  <SubmitButton>{t("actions.save")}</SubmitButton>
                </div>
              </Stack>
            </Form>
          </Paper>
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}
