import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, List, Paper, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormSection, replyFor, SelectField, TextAreaField } from "~/components/form";
import { EvidenceList } from "~/components/seal/evidence-list";
import { declareConflict, saveScore, submitReview } from "~/modules/seal/commands.server";
import { getJurorView } from "~/modules/seal/queries.server";
import { DeclareSchema, SCORES, ScoreSchema, SubmitReviewSchema } from "~/modules/seal/schema";
import { criterionText } from "~/modules/seal/texts";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "seal:jury.detailTitle");

async function load(request: Request, params: { id?: string }, context: unknown) {
  const actor = await requireActor(request, context as object);
  // Scoped: only an application assigned to the actor as an active juror; anything else is a 404.
  const view = await getJurorView(actor, parseId(params.id));
  if (!view) throw notFound();
  requirePermission(actor, "review:seal:own", { userId: actor.userId });
  return { actor, view };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view } = await load(request, params, context);
  return view;
}

const SCHEMAS = { declare: DeclareSchema, score: ScoreSchema, "submit-review": SubmitReviewSchema };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, view } = await load(request, params, context);
  const form = await parseIntentForm(request, SCHEMAS);
  const { submission } = form;
  if (submission.status !== "success") return invalid(submission);
  let flash = "flash.saved";
  try {
    if (form.intent === "declare" && form.submission.status === "success") {
      await declareConflict(actor, view.id, form.submission.value.conflict, form.submission.value.note);
      flash = "seal:flash.declared";
    } else if (form.intent === "score" && form.submission.status === "success") {
      await saveScore(actor, view.id, form.submission.value);
    } else if (form.intent === "submit-review" && form.submission.status === "success") {
      await submitReview(actor, view.id, form.submission.value.recommendation);
      flash = "seal:flash.reviewSubmitted";
    }
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/jury/siegel/${view.id}`, { key: flash, kind: "success" });
}

type View = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = ReturnType<typeof useActionData<typeof action>>;

function DeclareForm({ lastResult }: { lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "declare", lastResult: replyFor(lastResult as never, "intent", "declare"), onValidate: ({ formData }) => parseWithZod(formData, { schema: DeclareSchema }), shouldValidate: "onBlur" });
  return (
    <FormSection id="declare-title" title={t("seal:jury.declare")} form={form} intent="declare" submit={t("seal:jury.declareSubmit")}>
      <Text>{t("seal:jury.declareHint")}</Text>
      <SelectField
        field={f.conflict}
        label={t("seal:jury.conflict")}
        options={[{ value: "", label: t("seal:apply.choose") }, { value: "none", label: t("seal:jury.conflicts.none") }, { value: "declared", label: t("seal:jury.conflicts.declared") }]}
      />
      <TextAreaField field={f.note} label={t("seal:jury.note")} description={t("seal:jury.noteHint")} autosize minRows={2} maxLength={1000} />
    </FormSection>
  );
}

function ScoreForm({ criterion, own, lastResult }: { criterion: View["criteria"][number]; own: View["ownScores"][number] | undefined; lastResult: Reply }) {
  const { t, i18n } = useTranslation();
  const title = criterionText(criterion, i18n.language, "title");
  const [form, f] = useForm({
    id: `score-${criterion.id}`,
    lastResult: replyFor(lastResult as never, "criterionId", criterion.id),
    defaultValue: { score: own ? String(own.score) : "", justification: own?.justification ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScoreSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <FormSection id={`score-title-${criterion.id}`} title={t("seal:jury.scoreFor", { title: title.text })} form={form} intent="score" submit={t("seal:jury.saveScore")}>
      <input type="hidden" name="criterionId" value={criterion.id} />
      <SelectField field={f.score} label={t("seal:jury.score")} options={[{ value: "", label: t("seal:apply.choose") }, ...SCORES.map((s) => ({ value: String(s), label: t(`seal:levels.${s}`) }))]} />
      <TextAreaField field={f.justification} label={t("seal:jury.justification")} autosize minRows={2} maxLength={2000} />
    </FormSection>
  );
}

function SubmitReviewForm({ lastResult }: { lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "submit-review", lastResult: replyFor(lastResult as never, "intent", "submit-review"), onValidate: ({ formData }) => parseWithZod(formData, { schema: SubmitReviewSchema }), shouldValidate: "onBlur" });
  return (
    <FormSection id="submit-review-title" title={t("seal:jury.submitReview")} form={form} intent="submit-review" submit={t("seal:jury.submitReviewButton")}>
      <Text>{t("seal:jury.submitHint")}</Text>
      <SelectField
        field={f.recommendation}
        label={t("seal:jury.recommendation")}
        options={[{ value: "", label: t("seal:apply.choose") }, { value: "award", label: t("seal:recommendations.award") }, { value: "decline", label: t("seal:recommendations.decline") }]}
      />
    </FormSection>
  );
}

export default function JuryApplication() {
  const { t, i18n } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const open = view.conflict === "none" && !view.submittedAt && view.status === "in_review";
  return (
    <Stack>
      <Anchor component={Link} to="/jury/siegel">
        {t("seal:jury.back")}
      </Anchor>
      <PageTitle>{t("seal:apply.detailHeading", { name: view.organisationName })}</PageTitle>
      {view.conflict === null ? <DeclareForm lastResult={lastResult} /> : null}
      {view.conflict === "declared" ? <Alert color="gray">{t("seal:jury.conflictNotice")}</Alert> : null}
      {view.conflict === "none" ? (
        <>
          {view.submittedAt ? <Alert color="green">{t("seal:jury.submittedNotice", { recommendation: t(`seal:recommendations.${view.recommendation ?? "decline"}`) })}</Alert> : null}
          {view.criteria.map((c) => {
            const title = criterionText(c, i18n.language, "title");
            const evidence = criterionText(c, i18n.language, "evidence");
            const answer = view.answers.find((a) => a.criterion_id === c.id);
            const own = view.ownScores.find((s) => s.criterion_id === c.id);
            const others = view.otherScores.filter((s) => s.criterion_id === c.id);
            return (
              <Paper key={c.id} withBorder p="lg" component="section" aria-labelledby={`criterion-${c.id}`}>
                <Title order={2} size="h4" id={`criterion-${c.id}`} lang={title.lang}>
                  {title.text}
                </Title>
                <Text size="sm" mb="xs">
                  <Badge component="span" variant="light" color={c.kind === "mandatory" ? "blue" : "gray"}>
                    {t(`seal:kinds.${c.kind}`)}
                  </Badge>{" "}
                  <span lang={evidence.lang}>{t("seal:apply.asks", { evidence: evidence.text })}</span>
                </Text>
                {answer ? (
                  <>
                    <Text size="sm">{t("seal:apply.selfScoreShown", { level: t(`seal:levels.${answer.self_score}`) })}</Text>
                    <Text dir="auto" style={{ whiteSpace: "pre-line" }}>
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
                <EvidenceList files={view.evidence.filter((e) => e.criterion_id === c.id)} />
                {!open && own ? <Text mt="xs">{t("seal:jury.yourScore", { score: own.score, justification: own.justification })}</Text> : null}
                {others.length ? (
                  <List size="sm" mt="xs">
                    {others.map((o) => (
                      <List.Item key={o.juror}>{t("seal:jury.otherScore", { n: o.juror, score: o.score, justification: o.justification })}</List.Item>
                    ))}
                  </List>
                ) : null}
                {open ? <ScoreForm criterion={c} own={own} lastResult={lastResult} /> : null}
              </Paper>
            );
          })}
          {open ? <SubmitReviewForm lastResult={lastResult} /> : null}
          {view.result ? (
            <Text fw={600}>{t("seal:office.result", { total: view.result.weightedTotal ?? "–", reviews: view.result.reviews })}</Text>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
