import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, Button, Input, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, replyFor, SelectField, SubmitButton, TextAreaField, useFieldError } from "~/components/form";
import { EvidenceList } from "~/components/seal/evidence-list";
import { SealHistory } from "~/components/seal/history";
import { saveAnswer, submitApplication } from "~/modules/seal/commands.server";
import { getOwnApplication } from "~/modules/seal/queries.server";
import { isEditable } from "~/modules/seal/rules";
import { addEvidence, deleteEvidence, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_MB, prepareEvidence } from "~/modules/seal/evidence.server";
import { AnswerSchema, DeleteEvidenceSchema, EvidenceSchema, SCORES, SubmitSchema } from "~/modules/seal/schema";
import { criterionText } from "~/modules/seal/texts";
import { formatDate } from "~/utils/dates";
import { badRequest, isAppError, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentFormData, replyWithError } from "~/utils/forms.server";
import { readUploadForm } from "~/utils/uploads.server";
import { msg } from "~/utils/validation";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "seal:apply.detailTitle");

async function load(request: Request, params: { id?: string }, context: unknown) {
  const actor = await requireActor(request, context as object);
  // Scoped by the actor's organisations: another association's application is a 404.
  const found = await getOwnApplication(actor, parseId(params.id));
  if (!found) throw notFound();
  requirePermission(actor, "apply:seal:own", { organisationId: found.application.organisation_id });
  return { actor, found };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { found } = await load(request, params, context);
  return found;
}

const SCHEMAS = { answer: AnswerSchema, submit: SubmitSchema, evidence: EvidenceSchema, "delete-evidence": DeleteEvidenceSchema };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, found } = await load(request, params, context);
  const id = found.application.id;
  const here = `/verein/siegel/${id}`;
  // One file per upload; other forms post without files (read the same way).
  const { formData, files, tooLarge, tooMany } = await readUploadForm(request, { field: "file", maxFiles: 1, maxBytes: MAX_EVIDENCE_BYTES });
  const form = parseIntentFormData(formData, SCHEMAS);
  const { submission } = form;
  if (form.intent === "evidence") {
    const fail = (key: string) => invalid(submission, { fieldErrors: { ...(submission.status === "error" ? (submission.error as Record<string, string[]>) : {}), file: [key] } });
    if (tooLarge) return fail(msg("seal:errors.fileTooLarge", { mb: MAX_EVIDENCE_MB }));
    if (tooMany) return fail("seal:errors.fileOneAtATime");
    if (!files.length) return fail("seal:errors.fileRequired");
    if (form.submission.status !== "success") return invalid(submission);
    const criterionId = form.submission.value.criterionId;
    try {
      // The file's own name is not read (it may carry personal data); it is named after its criterion.
      const code = found.criteria.find((c) => c.id === criterionId)?.code ?? "nachweis";
      await addEvidence(actor, id, criterionId, await prepareEvidence(files[0], `nachweis-${code}`));
    } catch (e) {
      if (isAppError(e) && e.field === "file") return fail(e.values ? msg(e.key, e.values) : e.key);
      return replyWithError(submission, e);
    }
    return redirectWithFlash(here, { key: "seal:flash.fileAdded", kind: "success" });
  }
  if (form.intent === "delete-evidence") {
    // A hidden id the page filled in: a bad one is a bad request, not a message at a field.
    if (form.submission.status !== "success") throw badRequest();
    try {
      await deleteEvidence(actor, id, form.submission.value.evidenceId);
    } catch (e) {
      return replyWithError(submission, e);
    }
    return redirectWithFlash(here, { key: "seal:flash.fileDeleted", kind: "success" });
  }
  if (submission.status !== "success") return invalid(submission);
  try {
    if (form.intent === "answer" && form.submission.status === "success") await saveAnswer(actor, id, form.submission.value);
    else await submitApplication(actor, id);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(here, { key: form.intent === "submit" ? "seal:flash.submitted" : "flash.saved", kind: "success" });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function AnswerForm({ criterion, answer, lastResult }: { criterion: Data["criteria"][number]; answer: Data["answers"][number] | undefined; lastResult: ReturnType<typeof useActionData<typeof action>> }) {
  const { t } = useTranslation();
  const [form, f] = useForm({
    id: `answer-${criterion.id}`,
    lastResult: replyFor(replyFor(lastResult as never, "intent", "answer"), "criterionId", criterion.id),
    defaultValue: { intent: "answer", criterionId: String(criterion.id), selfScore: answer ? String(answer.self_score) : "", statement: answer?.statement ?? "", evidence: answer?.evidence ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AnswerSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="answer" />
        <input type="hidden" name="criterionId" value={criterion.id} />
        <SelectField
          field={f.selfScore}
          label={t("seal:apply.selfScore")}
          options={[{ value: "", label: t("seal:apply.choose") }, ...SCORES.map((s) => ({ value: String(s), label: t(`seal:levels.${s}`) }))]}
        />
        <TextAreaField field={f.statement} label={t("seal:apply.statement")} autosize minRows={3} maxLength={4000} />
        <TextAreaField field={f.evidence} label={t("seal:apply.evidence")} description={t("seal:apply.evidenceHint")} autosize minRows={2} maxLength={4000} />
        <div>
          <SubmitButton variant="light">{t("seal:apply.saveAnswer")}</SubmitButton>
        </div>
      </Stack>
    </Form>
  );
}

/** One evidence file per upload, a native file input (works without JavaScript). */
function EvidenceForm({ criterionId, lastResult }: { criterionId: number; lastResult: ReturnType<typeof useActionData<typeof action>> }) {
  const { t } = useTranslation();
  const mine = replyFor(replyFor(lastResult as never, "intent", "evidence"), "criterionId", criterionId);
  const error = useFieldError((mine?.error as Record<string, string[]> | undefined)?.file);
  const inputId = `evidence-file-${criterionId}`;
  return (
    <Form method="post" encType="multipart/form-data">
      <input type="hidden" name="intent" value="evidence" />
      <input type="hidden" name="criterionId" value={criterionId} />
      <Stack gap="xs">
        <Input.Wrapper id={inputId} label={t("seal:apply.file")} description={t("seal:apply.fileHint", { mb: MAX_EVIDENCE_MB })} error={error}>
          <input id={inputId} name="file" type="file" accept="application/pdf,image/jpeg,image/png" aria-describedby={`${inputId}-description${error ? ` ${inputId}-error` : ""}`} aria-invalid={error ? true : undefined} />
        </Input.Wrapper>
        <div>
          <Button type="submit" variant="light" size="xs">
            {t("seal:apply.upload")}
          </Button>
        </div>
      </Stack>
    </Form>
  );
}

export default function SealApplication() {
  const { t, i18n } = useTranslation();
  const { application, criteria, answers, events, award, evidence, conditions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const editable = isEditable(application.status);
  const [submitForm] = useForm({ id: "seal-submit", lastResult: replyFor(lastResult as never, "intent", "submit") });
  return (
    <Stack>
      <Anchor component={Link} to="/verein/siegel">
        {t("seal:apply.back")}
      </Anchor>
      <PageTitle description={t("seal:apply.detailIntro")}>{t("seal:apply.detailHeading", { name: application.organisation_name })}</PageTitle>
      <Text>
        {t("seal:apply.status")}: <Badge component="span" variant="light">{t(`seal:status.${application.status}`)}</Badge>
      </Text>
      {application.status === "returned" && application.office_message ? (
        <Alert color="yellow" title={t("seal:apply.officeMessage")}>
          <Text dir="auto" style={{ whiteSpace: "pre-line" }}>
            {application.office_message}
          </Text>
        </Alert>
      ) : null}
      {application.decision_reason && !editable ? (
        <Alert color={application.status === "awarded" ? "green" : "gray"} title={t("seal:apply.decision")}>
          <Text dir="auto" style={{ whiteSpace: "pre-line" }}>
            {application.decision_reason}
          </Text>
          {application.status === "awarded" || application.status === "declined" ? (
            <Anchor href={`/verein/siegel/${application.id}/bescheid.pdf`}>{t("seal:letter.download")}</Anchor>
          ) : null}
        </Alert>
      ) : null}
      {award ? (
        <Text>
          {t("seal:apply.awardLine", { validUntil: formatDate(award.valid_until, i18n.language) })}{" "}
          <Anchor component={Link} to={`/siegel/${award.code}`}>
            {t("seal:apply.verification")}
          </Anchor>{" "}
          {!award.revoked_at ? (
            <Anchor href={`/verein/siegel/${application.id}/urkunde.pdf`}>
              {t("seal:apply.certificate")}
            </Anchor>
          ) : null}
        </Text>
      ) : null}
      {conditions.length ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="conditions">
          <Title order={2} size="h4" id="conditions" mb="sm">
            {t("seal:office.conditions")}
          </Title>
          <Stack gap="xs">
            {conditions.map((c) => (
              <Text key={c.id}>
                <span dir="auto">{c.text}</span> –{" "}
                {c.fulfilled_at ? t("seal:office.conditionFulfilled", { date: formatDate(c.fulfilled_at.slice(0, 10), i18n.language) }) : t("seal:office.conditionOpen", { date: formatDate(c.due_on, i18n.language) })}
              </Text>
            ))}
          </Stack>
        </Paper>
      ) : null}
      {criteria.map((c) => {
        const title = criterionText(c, i18n.language, "title");
        const asked = criterionText(c, i18n.language, "evidence");
        const answer = answers.find((a) => a.criterion_id === c.id);
        return (
          <Paper key={c.id} withBorder p="lg" component="section" aria-labelledby={`criterion-${c.id}`}>
            <Title order={2} size="h4" id={`criterion-${c.id}`} lang={title.lang}>
              {title.text}
            </Title>
            <Text size="sm" mb="xs">
              <Badge component="span" variant="light" color={c.kind === "mandatory" ? "blue" : "gray"}>
                {t(`seal:kinds.${c.kind}`)}
              </Badge>{" "}
              <span lang={asked.lang}>{t("seal:apply.asks", { evidence: asked.text })}</span>
            </Text>
            <EvidenceList files={evidence.filter((e) => e.criterion_id === c.id)} deletable={editable} />
            {editable ? (
              <>
                <AnswerForm criterion={c} answer={answer} lastResult={lastResult} />
                <EvidenceForm criterionId={c.id} lastResult={lastResult} />
              </>
            ) : answer ? (
              <SimpleGrid cols={1}>
                <Text>{t("seal:apply.selfScoreShown", { level: t(`seal:levels.${answer.self_score}`) })}</Text>
                <Text dir="auto" style={{ whiteSpace: "pre-line" }}>
                  {answer.statement}
                </Text>
                {answer.evidence ? (
                  <Text dir="auto" size="sm" style={{ whiteSpace: "pre-line" }}>
                    {answer.evidence}
                  </Text>
                ) : null}
              </SimpleGrid>
            ) : (
              <Text c="dimmed">{t("seal:apply.unanswered")}</Text>
            )}
          </Paper>
        );
      })}
      {editable ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="submit-application">
          <Title order={2} size="h4" id="submit-application" mb="sm">
            {t("seal:apply.submitTitle")}
          </Title>
          <Form method="post" {...getFormProps(submitForm)}>
            <Stack>
              <FormErrors form={submitForm} />
              <input type="hidden" name="intent" value="submit" />
              <Text>{t("seal:apply.submitHint", { answered: answers.length, total: criteria.length })}</Text>
              <div>
                <SubmitButton>{t("seal:apply.submit")}</SubmitButton>
              </div>
            </Stack>
          </Form>
        </Paper>
      ) : null}
      <Paper withBorder p="lg" component="section" aria-labelledby="history">
        <Title order={2} size="h4" id="history" mb="sm">
          {t("seal:history.title")}
        </Title>
        <SealHistory events={events} />
      </Paper>
    </Stack>
  );
}
