import type { SubmissionResult } from "@conform-to/react";
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi, Ltr, ValueList } from "~/components/bdi";
import { TandemHistory, TandemMeetings, TandemState, TandemStepForms } from "~/components/sponsorships/tandem-steps";
import { associationTandemScope } from "~/modules/sponsorships/association-tandems.server";
import { tandemInScope, viewTandem } from "~/modules/sponsorships/tandem-queries.server";
import { checkInDue, trialCheckInDue } from "~/modules/sponsorships/tandem-rules";
import { TANDEM_STEP_SCHEMAS } from "~/modules/sponsorships/tandem-schema";
import { planFirstMeeting, recordCheckIn, recordFirstMeetingHeld, recordTandemEnd, recordTrialCheckIn } from "~/modules/sponsorships/tandem-steps.server";
import { formatDate, todayOf } from "~/utils/dates";
import { forbidden, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "tandems:detail.title");

/** The steps an association runs (the office's own, revoking a household's links, stays at the office). */
const { "revoke-links": _revoke, ...STEP_SCHEMAS } = TANDEM_STEP_SCHEMAS;

/** Only for members of an organisation that runs programmes (the office has its own page): else 403. */
function scopeOf(actor: Parameters<typeof associationTandemScope>[0]) {
  if (!associationTandemScope(actor).length) throw forbidden();
}

/**
 * One tandem of the association's own programme: both sides, history, meetings and the step forms
 * (ADR 0040). Another programme's tandem is a 404, as if it did not exist; the view is access-logged.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  scopeOf(actor);
  const id = parseId(params.id);
  const view = await viewTandem(actor, id, todayOf());
  if (!view) throw notFound();
  // What the association sees: the household's first name, district, languages, help; no household record or code.
  const { householdId: _h, householdCode: _c, assignmentId: _a, ...tandem } = view.tandem;
  return { ...view, tandem, trialDue: trialCheckInDue(view.facts, view.rules, view.today), checkInDue: checkInDue(view.facts, view.today) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  scopeOf(actor);
  const id = parseId(params.id);
  // Scoped before the form is read: another programme's tandem is a 404 whatever is posted.
  if (!(await tandemInScope(actor, id))) throw notFound();
  const form = await parseIntentForm(request, STEP_SCHEMAS);
  if (form.submission.status !== "success") return invalid(form.submission);
  try {
    const v = form.submission.value;
    if (v.intent === "plan") await planFirstMeeting(actor, id, v);
    else if (v.intent === "held") await recordFirstMeetingHeld(actor, id, v);
    else if (v.intent === "trial-check-in") await recordTrialCheckIn(actor, id, v);
    else if (v.intent === "check-in") await recordCheckIn(actor, id, v);
    else await recordTandemEnd(actor, id, v);
  } catch (e) {
    return replyWithError(form.submission, e);
  }
  return redirectWithFlash(`/verein/sponsorships/${id}`, { key: "flash.saved", kind: "success" });
}

export default function AssociationTandem() {
  const { t, i18n } = useTranslation("tandems");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const { tandem: td } = d;
  const lang = i18n.language;
  return (
    <Stack>
      <Anchor component={Link} to="/verein/sponsorships">
        {t("programmes:verein.back")}
      </Anchor>
      <Group gap="sm" align="center">
        <PageTitle description={t("detail.accessLogged")}>
          {t("detail.heading")} <Ltr>{td.code}</Ltr>
        </PageTitle>
        <Badge component="span" variant="light" tt="none">
          {t(`status.${td.status}`)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="h-sponsor">
          <Title order={2} size="h4" id="h-sponsor" mb="xs">
            {t("detail.sponsor")}
          </Title>
          <Text>
            <Bdi>{d.sponsor.name}</Bdi> · <Ltr>{d.sponsor.email}</Ltr>
          </Text>
          <Text size="sm">
            {t("detail.programme")}: <Bdi>{td.programme}</Bdi> · {t("detail.started", { date: formatDate(td.startedOn, lang) })}
          </Text>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="h-household">
          <Title order={2} size="h4" id="h-household" mb="xs">
            {t("detail.household")}
          </Title>
          {d.household ? (
            <Stack gap={4}>
              <Text>
                <Bdi>{d.household.firstName}</Bdi>
              </Text>
              <Text size="sm">
                {t("me.district")}: {d.household.district ? <Bdi>{d.household.district}</Bdi> : "—"} · {t("me.languages")}: <ValueList items={d.household.languages} />
              </Text>
              <Text size="sm">
                {t("me.help")}: <ValueList items={d.household.help.map((h) => t(`topic.${h}`))} />
              </Text>
            </Stack>
          ) : (
            <Text size="sm">{t("detail.householdGone")}</Text>
          )}
        </Paper>
      </SimpleGrid>
      <TandemState tandem={td} rules={d.rules} facts={d.facts} trialDue={d.trialDue} checkInDue={d.checkInDue} />
      <TandemStepForms reply={reply} steps={d.steps} today={d.today} tandem={td} rules={d.rules} defaultModerator="association" />
      <TandemMeetings meetings={d.meetings} />
      <TandemHistory events={d.events} />
    </Stack>
  );
}
