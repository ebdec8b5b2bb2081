import type { SubmissionResult } from "@conform-to/react";
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi, Ltr, ValueList } from "~/components/bdi";
import { replyFor, useFieldError } from "~/components/form";
import { TandemHistory, TandemMeetings, TandemState, TandemStepForms } from "~/components/sponsorships/tandem-steps";
import { revokeLinksOfMeeting } from "~/modules/sponsorships/meetings-log.server";
import { tandemInScope, viewTandem } from "~/modules/sponsorships/tandem-queries.server";
import { checkInDue, trialCheckInDue } from "~/modules/sponsorships/tandem-rules";
import { TANDEM_STEP_SCHEMAS } from "~/modules/sponsorships/tandem-schema";
import { planFirstMeeting, recordCheckIn, recordFirstMeetingHeld, recordTandemEnd, recordTrialCheckIn } from "~/modules/sponsorships/tandem-steps.server";
import { formatDate, todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "tandems:detail.title");

/**
 * One tandem for the office: both sides, the history (who, when, why), the meetings and the step
 * forms of its state. The same query (`viewTandem`, scoped by the actor) and the same step forms
 * (`tandem-steps.tsx`) as the association's page; the office also revokes a household's links.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:tandem:any");
  const view = await viewTandem(actor, id, todayOf());
  if (!view) throw notFound();
  return { ...view, trialDue: trialCheckInDue(view.facts, view.rules, view.today), checkInDue: checkInDue(view.facts, view.today) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:tandem:any");
  if (!(await tandemInScope(actor, id))) throw notFound();
  const form = await parseIntentForm(request, TANDEM_STEP_SCHEMAS);
  if (form.submission.status !== "success") return invalid(form.submission);
  try {
    const v = form.submission.value;
    if (v.intent === "plan") await planFirstMeeting(actor, id, v);
    else if (v.intent === "held") await recordFirstMeetingHeld(actor, id, v);
    else if (v.intent === "trial-check-in") await recordTrialCheckIn(actor, id, v);
    else if (v.intent === "check-in") await recordCheckIn(actor, id, v);
    else if (v.intent === "end") await recordTandemEnd(actor, id, v);
    else await revokeLinksOfMeeting(actor, id, v.meetingId);
  } catch (e) {
    return replyWithError(form.submission, e);
  }
  return redirectWithFlash(`/office/sponsorships/tandems/${id}`, { key: "flash.saved", kind: "success" });
}

function RevokeForm({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation("tandems");
  const mine = replyFor(useActionData<typeof action>() as SubmissionResult<string[]> | undefined, "meetingId", meetingId);
  const error = useFieldError(mine?.error?.meetingId ?? mine?.error?.[""] ?? undefined);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="revoke-links" />
      <input type="hidden" name="meetingId" value={meetingId} />
      <Button type="submit" size="xs" variant="subtle">
        {t("detail.revokeLinks")}
      </Button>
      {error ? (
        <Text size="xs" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      ) : null}
    </Form>
  );
}

export default function TandemDetail() {
  const { t, i18n } = useTranslation("tandems");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const { tandem: td } = d;
  const lang = i18n.language;
  return (
    <Stack>
      <Anchor component={Link} to="/office/sponsorships/tandems">
        {t("detail.back")}
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
            <Anchor component={Link} to={`/office/volunteers/${d.sponsor.id}`}>
              <Bdi>{d.sponsor.name}</Bdi>
            </Anchor>{" "}
            · <Ltr>{d.sponsor.email}</Ltr>
          </Text>
          <Text size="sm">
            {t("detail.programme")}: <Bdi>{td.programme}</Bdi> · {t("detail.started", { date: formatDate(td.startedOn, lang) })}
          </Text>
          {td.assignmentId ? (
            <Anchor component={Link} to={`/office/assignments/${td.assignmentId}`} size="sm">
              {t("detail.assignment")}
            </Anchor>
          ) : (
            <Text size="sm">{t("detail.noAssignment")}</Text>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="h-household">
          <Title order={2} size="h4" id="h-household" mb="xs">
            {t("detail.household")}
          </Title>
          {d.household ? (
            <Stack gap={4}>
              <Text>
                <Bdi>{d.household.firstName}</Bdi>
                {td.householdId && td.householdCode ? (
                  <>
                    {" · "}
                    <Anchor component={Link} to={`/office/households/${td.householdId}`}>
                      <Ltr>{td.householdCode}</Ltr>
                    </Anchor>
                  </>
                ) : null}
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
      <TandemStepForms reply={reply} steps={d.steps} today={d.today} tandem={td} rules={d.rules} />
      <TandemMeetings meetings={d.meetings} action={(m) => (m.confirmedAt ? null : <RevokeForm meetingId={m.id} />)} />
      <TandemHistory events={d.events} />
    </Stack>
  );
}
