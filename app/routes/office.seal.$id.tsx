import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Badge, Button, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormSection, replyFor, SelectField, TextAreaField, TextField } from "~/components/form";
import { EvidenceList } from "~/components/seal/evidence-list";
import { SealHistory } from "~/components/seal/history";
import { assignJuror, decideApplication, fulfilCondition, recordInterimCheck, revokeAward, screenApplication } from "~/modules/seal/commands.server";
import { getApplicationForOffice } from "~/modules/seal/queries.server";
import { awardState } from "~/modules/seal/rules";
import { AssignSchema, CONDITION_SLOTS, conditionsOf, DecideSchema, FulfilSchema, InterimSchema, RevokeSchema, ScreenSchema } from "~/modules/seal/schema";
import { criterionText } from "~/modules/seal/texts";
import { berlinDay, formatDate, formatDateTime } from "~/utils/dates";
import { badRequest, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "seal:office.detailTitle");

async function load(request: Request, params: { id?: string }, context: unknown) {
  const actor = await requireActor(request, context as object);
  requirePermission(actor, "manage:seal:any");
  const found = await getApplicationForOffice(actor, parseId(params.id));
  if (!found) throw notFound();
  return { actor, found };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { found } = await load(request, params, context);
  return { ...found, awardState: found.award ? awardState(found.award, berlinDay(new Date())) : null };
}

const SCHEMAS = { screen: ScreenSchema, assign: AssignSchema, decide: DecideSchema, revoke: RevokeSchema, "fulfil-condition": FulfilSchema, "interim-check": InterimSchema };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, found } = await load(request, params, context);
  const id = found.application.id;
  const form = await parseIntentForm(request, SCHEMAS);
  const { submission } = form;
  if (form.intent === "fulfil-condition") {
    // A hidden id the page filled in: a bad one is a bad request.
    if (form.submission.status !== "success") throw badRequest();
    await fulfilCondition(actor, id, form.submission.value.conditionId);
    return redirectWithFlash(`/office/seal/${id}`, { key: "seal:flash.conditionFulfilled", kind: "success" });
  }
  if (submission.status !== "success") return invalid(submission);
  let flash = "flash.saved";
  try {
    if (form.intent === "screen" && form.submission.status === "success") {
      await screenApplication(actor, id, form.submission.value.outcome, form.submission.value.message);
      flash = form.submission.value.outcome === "accept" ? "seal:flash.accepted" : "seal:flash.returned";
    } else if (form.intent === "assign" && form.submission.status === "success") {
      await assignJuror(actor, id, form.submission.value.jurorId);
      flash = "seal:flash.assigned";
    } else if (form.intent === "decide" && form.submission.status === "success") {
      await decideApplication(actor, id, { ...form.submission.value, conditions: conditionsOf(form.submission.value) });
      flash = "seal:flash.decided";
    } else if (form.intent === "interim-check" && form.submission.status === "success") {
      await recordInterimCheck(actor, id, form.submission.value.note);
      flash = "seal:flash.interimRecorded";
    } else if (form.intent === "revoke" && form.submission.status === "success") {
      await revokeAward(actor, id, form.submission.value.reason);
      flash = "seal:flash.revoked";
    }
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/seal/${id}`, { key: flash, kind: "success" });
}

type Reply = ReturnType<typeof useActionData<typeof action>>;

function ScreenForm({ lastResult }: { lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "screen", lastResult: replyFor(lastResult as never, "intent", "screen"), defaultValue: { outcome: "accept" }, onValidate: ({ formData }) => parseWithZod(formData, { schema: ScreenSchema }), shouldValidate: "onBlur" });
  return (
    <FormSection id="screen-title" title={t("seal:office.screen")} form={form} intent="screen" submit={t("seal:office.screenSubmit")}>
      <SelectField field={f.outcome} label={t("seal:office.outcome")} options={["accept", "return"].map((o) => ({ value: o, label: t(`seal:office.outcomes.${o}`) }))} />
      <TextAreaField field={f.message} label={t("seal:office.message")} description={t("seal:office.messageHint")} autosize minRows={3} maxLength={2000} />
    </FormSection>
  );
}

function AssignForm({ lastResult, jurors }: { lastResult: Reply; jurors: Array<{ user_id: string; name: string }> }) {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "assign", lastResult: replyFor(lastResult as never, "intent", "assign"), onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignSchema }), shouldValidate: "onBlur" });
  return (
    <FormSection id="assign-title" title={t("seal:office.assign")} form={form} intent="assign" submit={t("seal:office.assignSubmit")}>
      <SelectField field={f.jurorId} label={t("seal:office.juror")} options={[{ value: "", label: t("seal:apply.choose") }, ...jurors.map((j) => ({ value: j.user_id, label: j.name }))]} />
    </FormSection>
  );
}

function DecideForm({ lastResult }: { lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "decide", lastResult: replyFor(lastResult as never, "intent", "decide"), defaultValue: { decision: "award", validityYears: "3" }, onValidate: ({ formData }) => parseWithZod(formData, { schema: DecideSchema }), shouldValidate: "onBlur" });
  return (
    <FormSection id="decide-title" title={t("seal:office.decide")} form={form} intent="decide" submit={t("seal:office.decideSubmit")}>
      <SelectField field={f.decision} label={t("seal:office.decision")} options={["award", "decline", "send-back"].map((d) => ({ value: d, label: t(`seal:decisions.${d}`) }))} />
      <TextAreaField field={f.reason} label={t("seal:office.reason")} autosize minRows={3} maxLength={4000} />
      <TextField field={f.validityYears} type="number" label={t("seal:office.validityYears")} min={1} max={3} />
      <Text size="sm">{t("seal:office.conditionsHint")}</Text>
      {CONDITION_SLOTS.map((n) => (
        <SimpleGrid key={n} cols={{ base: 1, sm: 2 }}>
          <TextField field={f[`conditionText${n}`]} label={t("seal:office.conditionText", { n })} maxLength={500} />
          <TextField field={f[`conditionDue${n}`]} type="date" label={t("seal:office.conditionDue", { n })} />
        </SimpleGrid>
      ))}
    </FormSection>
  );
}

function InterimForm({ lastResult }: { lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "interim", lastResult: replyFor(lastResult as never, "intent", "interim-check"), onValidate: ({ formData }) => parseWithZod(formData, { schema: InterimSchema }), shouldValidate: "onBlur" });
  return (
    <FormSection id="interim-title" title={t("seal:office.interim")} form={form} intent="interim-check" submit={t("seal:office.interimSubmit")}>
      <TextAreaField field={f.note} label={t("seal:office.interimNote")} autosize minRows={2} maxLength={2000} />
    </FormSection>
  );
}

function RevokeForm({ lastResult }: { lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "revoke", lastResult: replyFor(lastResult as never, "intent", "revoke"), onValidate: ({ formData }) => parseWithZod(formData, { schema: RevokeSchema }), shouldValidate: "onBlur" });
  return (
    <FormSection id="revoke-title" title={t("seal:office.revoke")} form={form} intent="revoke" submit={t("seal:office.revokeSubmit")}>
      <TextAreaField field={f.reason} label={t("seal:office.revokeReason")} autosize minRows={2} maxLength={2000} />
    </FormSection>
  );
}

export default function SealOfficeApplication() {
  const { t, i18n } = useTranslation();
  const { application, criteria, answers, assignments, scores, events, award, availableJurors, result, evidence, conditions, awardState: state } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const reviewers = assignments.filter((a) => a.submitted_at && a.conflict === "none");
  return (
    <Stack>
      <Anchor component={Link} to="/office/seal">
        {t("seal:office.back")}
      </Anchor>
      <PageTitle description={t("seal:office.detailIntro", { version: application.catalogue_version })}>{t("seal:apply.detailHeading", { name: application.organisation_name })}</PageTitle>
      <Text>
        {t("seal:apply.status")}: <Badge component="span" variant="light">{t(`seal:status.${application.status}`)}</Badge>
      </Text>

      <Paper withBorder p="lg" component="section" aria-labelledby="answers">
        <Title order={2} size="h4" id="answers" mb="sm">
          {t("seal:office.answers")}
        </Title>
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("seal:office.criterion")}</Table.Th>
                <Table.Th scope="col">{t("seal:office.selfAssessment")}</Table.Th>
                {reviewers.map((r, i) => (
                  <Table.Th scope="col" key={r.juror_user_id}>
                    {t("seal:office.jurorColumn", { n: i + 1 })}
                  </Table.Th>
                ))}
                <Table.Th scope="col">{t("seal:office.median")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {criteria.map((c, ci) => {
                const answer = answers.find((a) => a.criterion_id === c.id);
                const title = criterionText(c, i18n.language, "title");
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Text fw={600} lang={title.lang}>
                        {title.text}
                      </Text>
                      <Text size="sm">{t("seal:office.kindWeight", { kind: t(`seal:kinds.${c.kind}`), weight: c.weight })}</Text>
                    </Table.Td>
                    <Table.Td>
                      {answer ? (
                        <>
                          <Text size="sm">{t(`seal:levels.${answer.self_score}`)}</Text>
                          <Text size="sm" dir="auto" style={{ whiteSpace: "pre-line" }}>
                            {answer.statement}
                          </Text>
                          {answer.evidence ? (
                            <Text size="sm" c="dimmed" dir="auto" style={{ whiteSpace: "pre-line" }}>
                              {answer.evidence}
                            </Text>
                          ) : null}
                        </>
                      ) : (
                        <Text c="dimmed">{t("seal:apply.unanswered")}</Text>
                      )}
                      <EvidenceList files={evidence.filter((e) => e.criterion_id === c.id)} />
                    </Table.Td>
                    {reviewers.map((r) => {
                      const s = scores.find((x) => x.juror_user_id === r.juror_user_id && x.criterion_id === c.id);
                      return (
                        <Table.Td key={r.juror_user_id}>
                          {s ? (
                            <>
                              <Text size="sm" fw={600}>
                                {s.score}
                              </Text>
                              <Text size="sm" dir="auto">
                                {s.justification}
                              </Text>
                            </>
                          ) : null}
                        </Table.Td>
                      );
                    })}
                    <Table.Td>{result.perCriterion[ci]?.median ?? "–"}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      {application.status === "submitted" ? <ScreenForm lastResult={lastResult} /> : null}

      <Paper withBorder p="lg" component="section" aria-labelledby="jury">
        <Title order={2} size="h4" id="jury" mb="sm">
          {t("seal:office.jury")}
        </Title>
        {assignments.length === 0 ? (
          <Text>{t("seal:office.noJurors")}</Text>
        ) : (
          <List spacing="xs">
            {assignments.map((a) => (
              <List.Item key={a.juror_user_id}>
                <bdi>{a.name}</bdi>
                {": "}
                {a.conflict === "declared"
                  ? t("seal:office.conflictDeclared", { note: a.conflict_note ?? "" })
                  : a.conflict === "none"
                    ? a.submitted_at
                      ? t("seal:office.reviewSubmitted", { recommendation: t(`seal:recommendations.${a.recommendation ?? "decline"}`), date: formatDateTime(a.submitted_at, i18n.language) })
                      : t("seal:office.reviewing")
                    : t("seal:office.awaitingDeclaration")}
                {a.removed_at ? ` (${t("seal:office.offJury")})` : null}
              </List.Item>
            ))}
          </List>
        )}
        <Text mt="sm" fw={600}>
          {t("seal:office.result", { total: result.weightedTotal ?? "–", reviews: result.reviews })}
        </Text>
        <List size="sm">
          <List.Item>{result.mandatoryMet ? t("seal:office.mandatoryMet") : t("seal:office.mandatoryMissing")}</List.Item>
          <List.Item>{t("seal:office.electives", { met: result.electivesMet, min: result.electiveMin })}</List.Item>
          <List.Item>{result.quorum ? t("seal:office.quorumMet") : t("seal:office.quorumMissing")}</List.Item>
          <List.Item>{t("seal:office.votes", { award: result.awardVotes, reviews: result.reviews })}</List.Item>
        </List>
      </Paper>

      {application.status === "in_review" ? (
        <>
          <AssignForm lastResult={lastResult} jurors={availableJurors} />
          <DecideForm lastResult={lastResult} />
        </>
      ) : null}

      {award ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="award">
          <Title order={2} size="h4" id="award" mb="sm">
            {t("seal:office.award")}
          </Title>
          <Text>
            <Badge component="span" color={state === "valid" ? "green" : "red"} variant="light">
              {t(`seal:verify.state.${state ?? "valid"}`)}
            </Badge>{" "}
            {t("seal:office.awardLine", { code: award.code, awardedOn: formatDate(award.awarded_on, i18n.language), validUntil: formatDate(award.valid_until, i18n.language) })}{" "}
            <Anchor component={Link} to={`/siegel/${award.code}`}>
              {t("seal:apply.verification")}
            </Anchor>
          </Text>
          {award.revoke_reason ? <Text dir="auto">{t("seal:office.revokedBecause", { reason: award.revoke_reason })}</Text> : null}
          {conditions.length ? (
            <>
              <Title order={3} size="h5" mt="sm">
                {t("seal:office.conditions")}
              </Title>
              <List spacing="xs">
                {conditions.map((c) => (
                  <List.Item key={c.id}>
                    <Text span dir="auto">
                      {c.text}
                    </Text>{" "}
                    –{" "}
                    {c.fulfilled_at
                      ? t("seal:office.conditionFulfilled", { date: formatDateTime(c.fulfilled_at, i18n.language) })
                      : t("seal:office.conditionOpen", { date: formatDate(c.due_on, i18n.language) })}
                    {!c.fulfilled_at ? (
                      <Form method="post" style={{ display: "inline" }}>
                        <input type="hidden" name="intent" value="fulfil-condition" />
                        <input type="hidden" name="conditionId" value={c.id} />{" "}
                        <Button type="submit" size="compact-xs" variant="light" aria-label={t("seal:office.markFulfilledNamed", { text: c.text })}>
                          {t("seal:office.markFulfilled")}
                        </Button>
                      </Form>
                    ) : null}
                  </List.Item>
                ))}
              </List>
            </>
          ) : null}
        </Paper>
      ) : null}
      {award && state === "valid" ? <InterimForm lastResult={lastResult} /> : null}
      {award && !award.revoked_at ? <RevokeForm lastResult={lastResult} /> : null}

      <Paper withBorder p="lg" component="section" aria-labelledby="history">
        <Title order={2} size="h4" id="history" mb="sm">
          {t("seal:history.title")}
        </Title>
        <SealHistory events={events} showActor />
      </Paper>
    </Stack>
  );
}
