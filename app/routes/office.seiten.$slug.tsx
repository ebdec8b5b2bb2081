import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Anchor, Paper, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, replyFor, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES, type UiLanguage } from "~/i18n/config";
import { isLegalSlug, legalPath } from "~/modules/legal/pages";
import { getLegalPageTexts, saveLegalPage } from "~/modules/legal/pages.server";
import { LegalPageSchema } from "~/modules/legal/schema";
import { formatDateTime } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm } from "~/utils/forms.server";
import { notFound } from "~/utils/errors";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "legal:office.title");

function parseSlug(slug: string | undefined) {
  if (!isLegalSlug(slug)) throw notFound();
  return slug;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:legal-page:any");
  const slug = parseSlug(params.slug);
  return { slug, path: legalPath(slug), texts: await getLegalPageTexts(actor, slug) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:legal-page:any");
  const slug = parseSlug(params.slug);
  // The language of the text is a hidden field of its form, parsed with the rest.
  const { submission } = await parseForm(request, LegalPageSchema);
  if (submission.status !== "success") return invalid(submission);
  await saveLegalPage(actor, slug, submission.value);
  return redirectWithFlash(`/office/seiten/${slug}`, { key: "flash.saved", kind: "success" });
}

function LanguageForm({ locale, text }: { locale: UiLanguage; text: { title: string; body: string; updated_at: string } | null }) {
  const { t, i18n } = useTranslation();
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const [form, fields] = useForm({
    id: `page-${locale}`,
    lastResult: replyFor(reply, "locale", locale),
    constraint: getZodConstraint(LegalPageSchema),
    defaultValue: { locale, title: text?.title ?? "", body: text?.body ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LegalPageSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={`lang-${locale}`}>
      <Title order={2} size="h4" id={`lang-${locale}`}>
        <span lang={locale}>{LANGUAGE_NAMES[locale]}</span>
      </Title>
      <Text size="sm" mb="sm">
        {locale === "de" ? t("legal:office.germanRequired") : t("legal:office.translationOptional")}
        {text ? ` ${t("legal:office.updated", { date: formatDateTime(text.updated_at, i18n.language) })}` : ""}
      </Text>
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          <FormErrors form={form} />
          <input type="hidden" name="locale" value={locale} />
          <TextField field={fields.title} label={t("legal:office.fieldTitle")} lang={locale} dir="auto" />
          <TextAreaField field={fields.body} label={t("legal:office.fieldBody")} description={t("legal:office.bodyHint")} autosize minRows={8} lang={locale} dir="auto" />
          <SubmitButton>{t("legal:office.save")}</SubmitButton>
        </Stack>
      </Form>
    </Paper>
  );
}

export default function OfficeLegalPage() {
  const { t } = useTranslation();
  const { slug, path, texts } = useLoaderData<typeof loader>();
  return (
    <Stack maw={900}>
      <Anchor component={Link} to="/office/seiten">
        {t("legal:office.back")}
      </Anchor>
      <PageTitle description={t("legal:office.editIntro")}>{t(`legal:office.pages.${slug}`)}</PageTitle>
      <Anchor component={Link} to={path}>
        {t("legal:office.view")}
      </Anchor>
      {SUPPORTED_LANGUAGES.map((l) => (
        <LanguageForm key={l} locale={l} text={texts[l]} />
      ))}
    </Stack>
  );
}
