import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Badge, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormSection, replyFor, SelectField, TextAreaField, TextField } from "~/components/form";
import { publishCatalogue, saveCriterion, startCatalogueVersion } from "~/modules/seal/commands.server";
import { catalogueForOffice } from "~/modules/seal/queries.server";
import { CRITERION_KINDS, CriterionSchema, NewVersionSchema, PublishSchema } from "~/modules/seal/schema";
import { formatDateTime } from "~/utils/dates";
import { forbidden } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "seal:criteria.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:seal:any");
  const catalogue = await catalogueForOffice(actor);
  if (!catalogue) throw forbidden();
  const editId = Number(new URL(request.url).searchParams.get("edit"));
  return { ...catalogue, editing: catalogue.draft ? (catalogue.criteria.find((c) => c.id === editId) ?? null) : null };
}

const SCHEMAS = { criterion: CriterionSchema, "new-version": NewVersionSchema, publish: PublishSchema };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:seal:any");
  const form = await parseIntentForm(request, SCHEMAS);
  const { submission } = form;
  if (submission.status !== "success") return invalid(submission);
  try {
    if (form.intent === "criterion" && form.submission.status === "success") await saveCriterion(actor, form.submission.value);
    else if (form.intent === "publish" && form.submission.status === "success") await publishCatalogue(actor, form.submission.value.electiveMin);
    else await startCatalogueVersion(actor);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash("/office/seal/criteria", { key: "flash.saved", kind: "success" });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = ReturnType<typeof useActionData<typeof action>>;

function CriterionForm({ editing, lastResult }: { editing: Data["editing"]; lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, f] = useForm({
    id: `criterion-${editing?.id ?? "new"}`,
    lastResult: replyFor(lastResult as never, "intent", "criterion"),
    defaultValue: editing
      ? {
          criterionId: String(editing.id),
          code: editing.code,
          kind: editing.kind,
          weight: String(editing.weight),
          titleDe: editing.title_de,
          titleEn: editing.title_en ?? "",
          titleAr: editing.title_ar ?? "",
          titleUk: editing.title_uk ?? "",
          titleFa: editing.title_fa ?? "",
          titleTr: editing.title_tr ?? "",
          titleRu: editing.title_ru ?? "",
          evidenceDe: editing.evidence_de,
          evidenceEn: editing.evidence_en ?? "",
          evidenceAr: editing.evidence_ar ?? "",
          evidenceUk: editing.evidence_uk ?? "",
          evidenceFa: editing.evidence_fa ?? "",
          evidenceTr: editing.evidence_tr ?? "",
          evidenceRu: editing.evidence_ru ?? "",
        }
      : { kind: "elective", weight: "1" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CriterionSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <FormSection id="criterion-form" title={editing ? t("seal:criteria.edit", { code: editing.code }) : t("seal:criteria.new")} form={form} intent="criterion" submit={t("actions.save")}>
      {editing ? <input type="hidden" name="criterionId" value={editing.id} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextField field={f.code} label={t("seal:criteria.code")} description={t("seal:criteria.codeHint")} maxLength={40} />
        <SelectField field={f.kind} label={t("seal:criteria.kind")} options={CRITERION_KINDS.map((k) => ({ value: k, label: t(`seal:kinds.${k}`) }))} />
        <TextField field={f.weight} type="number" label={t("seal:criteria.weight")} min={1} max={5} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextField field={f.titleDe} label={t("seal:criteria.titleDe")} maxLength={200} />
        <TextField field={f.titleEn} label={t("seal:criteria.titleEn")} maxLength={200} />
        <TextField field={f.titleAr} label={t("seal:criteria.titleAr")} maxLength={200} dir="rtl" />
        <TextField field={f.titleUk} label={t("seal:criteria.titleUk")} maxLength={200} />
        <TextField field={f.titleFa} label={t("seal:criteria.titleFa")} maxLength={200} lang="fa" dir="rtl" />
        <TextField field={f.titleTr} label={t("seal:criteria.titleTr")} maxLength={200} lang="tr" />
        <TextField field={f.titleRu} label={t("seal:criteria.titleRu")} maxLength={200} lang="ru" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextAreaField field={f.evidenceDe} label={t("seal:criteria.evidenceDe")} maxLength={1000} autosize minRows={2} />
        <TextAreaField field={f.evidenceEn} label={t("seal:criteria.evidenceEn")} maxLength={1000} autosize minRows={2} />
        <TextAreaField field={f.evidenceAr} label={t("seal:criteria.evidenceAr")} maxLength={1000} autosize minRows={2} dir="rtl" />
        <TextAreaField field={f.evidenceUk} label={t("seal:criteria.evidenceUk")} maxLength={1000} autosize minRows={2} />
        <TextAreaField field={f.evidenceFa} label={t("seal:criteria.evidenceFa")} maxLength={1000} autosize minRows={2} lang="fa" dir="rtl" />
        <TextAreaField field={f.evidenceTr} label={t("seal:criteria.evidenceTr")} maxLength={1000} autosize minRows={2} lang="tr" />
        <TextAreaField field={f.evidenceRu} label={t("seal:criteria.evidenceRu")} maxLength={1000} autosize minRows={2} lang="ru" />
      </SimpleGrid>
    </FormSection>
  );
}

function PublishForm({ lastResult, electiveMin }: { lastResult: Reply; electiveMin: number }) {
  const { t } = useTranslation();
  const [form, f] = useForm({ id: "publish", lastResult: replyFor(lastResult as never, "intent", "publish"), defaultValue: { electiveMin: String(electiveMin) }, onValidate: ({ formData }) => parseWithZod(formData, { schema: PublishSchema }), shouldValidate: "onBlur" });
  return (
    <FormSection id="publish-form" title={t("seal:criteria.publish")} form={form} intent="publish" submit={t("seal:criteria.publishSubmit")}>
      <TextField field={f.electiveMin} type="number" label={t("seal:criteria.electiveMin")} description={t("seal:criteria.electiveMinHint")} min={0} max={50} />
    </FormSection>
  );
}

function NewVersionForm({ lastResult }: { lastResult: Reply }) {
  const { t } = useTranslation();
  const [form] = useForm({ id: "new-version", lastResult: replyFor(lastResult as never, "intent", "new-version") });
  return (
    <FormSection id="new-version-form" title={t("seal:criteria.newVersion")} form={form} intent="new-version" submit={t("seal:criteria.newVersionSubmit")}>
      <Text>{t("seal:criteria.newVersionHint")}</Text>
    </FormSection>
  );
}

export default function SealCriteria() {
  const { t, i18n } = useTranslation();
  const { versions, draft, shown, criteria, editing } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack>
      <Anchor component={Link} to="/office/seal">
        {t("seal:office.back")}
      </Anchor>
      <PageTitle description={t("seal:criteria.intro")}>{t("seal:criteria.title")}</PageTitle>
      <Paper withBorder p="lg" component="section" aria-labelledby="versions">
        <Title order={2} size="h4" id="versions" mb="sm">
          {t("seal:criteria.versions")}
        </Title>
        {versions.length === 0 ? <Text>{t("seal:criteria.noVersions")}</Text> : null}
        {versions.map((v) => (
          <Text key={v.version}>
            {t("seal:criteria.versionLine", { version: v.version, min: v.elective_min })}{" "}
            {v.published_at ? (
              <Badge component="span" variant="light" color="green">
                {t("seal:criteria.publishedOn", { date: formatDateTime(v.published_at, i18n.language) })}
              </Badge>
            ) : (
              <Badge component="span" variant="light">{t("seal:criteria.draft")}</Badge>
            )}
          </Text>
        ))}
      </Paper>
      {shown ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="criteria-list">
          <Title order={2} size="h4" id="criteria-list" mb="sm">
            {t("seal:criteria.ofVersion", { version: shown.version })}
          </Title>
          <Table.ScrollContainer minWidth={500}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("seal:criteria.code")}</Table.Th>
                  <Table.Th scope="col">{t("seal:criteria.titleDe")}</Table.Th>
                  <Table.Th scope="col">{t("seal:criteria.kind")}</Table.Th>
                  <Table.Th scope="col">{t("seal:criteria.weight")}</Table.Th>
                  {draft ? <Table.Th scope="col">{t("actions.actions")}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {criteria.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.code}</Table.Td>
                    <Table.Td>
                      <span lang="de">{c.title_de}</span>
                      <Text size="sm" c="dimmed" lang="de">
                        {c.evidence_de}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`seal:kinds.${c.kind}`)}</Table.Td>
                    <Table.Td>{c.weight}</Table.Td>
                    {draft ? (
                      <Table.Td>
                        <Anchor component={Link} to={`?edit=${c.id}`} aria-label={t("seal:criteria.edit", { code: c.code })}>
                          {t("seal:criteria.editShort")}
                        </Anchor>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
      {draft ? (
        <>
          <CriterionForm key={editing?.id ?? "new"} editing={editing} lastResult={lastResult} />
          <PublishForm lastResult={lastResult} electiveMin={draft.elective_min} />
        </>
      ) : (
        <NewVersionForm lastResult={lastResult} />
      )}
    </Stack>
  );
}
