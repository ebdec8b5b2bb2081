import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Paper, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { CheckboxField, FormErrors, SubmitButton } from "~/components/form";
import { StepIndicator } from "~/components/volunteers/step-indicator";
import { getCurrentConsentTexts } from "~/modules/volunteers/consents.server";
import { recordRegistrationConsents } from "~/modules/volunteers/profile.server";
import { getRegistrationState } from "~/modules/volunteers/queries.server";
import { ConsentSchema } from "~/modules/volunteers/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:steps.einwilligung");

async function load(request: Request, context?: object) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "update:volunteer:own", { userId: actor.userId });
  const state = await getRegistrationState(actor);
  if (!state.hasProfile) throw redirect("/mitmachen/profil");
  return { actor, state };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, state } = await load(request, context);
  // The texts in the reader's language; the version and language shown are what gets recorded.
  return { texts: await getCurrentConsentTexts(actor.locale), complete: state.hasConsents };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await load(request, context);
  const { submission } = await parseForm(request, ConsentSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await recordRegistrationConsents(actor, submission.value);
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirectWithFlash("/me", { key: "flash.volunteerRegistered", kind: "success" });
}

export default function JoinConsent() {
  const { t } = useTranslation();
  const { texts, complete } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "consent", lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: ConsentSchema }), shouldValidate: "onSubmit" });
  const blocks = [
    { text: texts.data, field: fields.dataConsent, label: t("volunteers:consent.agreeData") },
    { text: texts.confidentiality, field: fields.confidentiality, label: t("volunteers:consent.agreeConfidentiality") },
  ];
  return (
    <Stack maw={760}>
      <StepIndicator current="einwilligung" />
      <PageTitle description={t("volunteers:steps.einwilligungIntro")}>{t("volunteers:steps.einwilligung")}</PageTitle>
      {complete ? <Text role="status">{t("volunteers:consent.alreadyGiven")}</Text> : null}
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          <FormErrors form={form} />
          <input type="hidden" name="dataTextId" value={texts.data.id} />
          <input type="hidden" name="confidentialityTextId" value={texts.confidentiality.id} />
          {blocks.map((b) => (
            <Paper key={b.text.id} withBorder p="lg" component="section" aria-labelledby={`consent-${b.text.id}`}>
              <Title order={2} size="h4" id={`consent-${b.text.id}`} lang={b.text.locale}>
                {b.text.title}
              </Title>
              <Text size="xs" c="dimmed" mb="xs">
                {t("volunteers:consent.version", { version: b.text.version })}
              </Text>
              <Text lang={b.text.locale} mb="md">
                {b.text.body}
              </Text>
              <CheckboxField field={b.field} label={b.label} />
            </Paper>
          ))}
          <Text size="sm">{t("volunteers:consent.withdrawHint", { area: t("nav.account"), link: t("volunteers:me.consentsLink") })}</Text>
          <SubmitButton>{t("volunteers:steps.einwilligungSubmit")}</SubmitButton>
        </Stack>
      </Form>
    </Stack>
  );
}
