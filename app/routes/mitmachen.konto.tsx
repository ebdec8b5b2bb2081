import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Anchor, Paper, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { getActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { CheckboxField, FormErrors, PasswordField, SubmitButton, TextField } from "~/components/form";
import { StepIndicator } from "~/components/volunteers/step-indicator";
import { getLanguage } from "~/i18n/i18next.server";
import { registerUser } from "~/modules/accounts/commands.server";
import { RegisterSchema } from "~/modules/accounts/schema";
import { invalid, parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { PASSWORD_MIN } from "~/utils/validation";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:steps.konto");

/** Logged-in people have an account already: on to the next step. */
async function skipIfLoggedIn(request: Request) {
  if (await getActor(request)) throw redirect("/mitmachen/profil");
}

export async function loader({ request }: LoaderFunctionArgs) {
  // Anonymous access intended: step 1 creates the account.
  await skipIfLoggedIn(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await skipIfLoggedIn(request);
  const { submission } = await parseForm(request, RegisterSchema);
  if (submission.status !== "success") return invalid(submission);
  const { name, email, password } = submission.value;
  // The account command of the accounts module (verification mail; no enumeration of known addresses).
  await registerUser({ name, email, password, locale: await getLanguage(request) });
  return redirect("/check-mail?for=register");
}

export default function JoinAccount() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "join-account",
    lastResult,
    constraint: getZodConstraint(RegisterSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Stack maw={560}>
      <StepIndicator current="konto" />
      <PageTitle description={t("volunteers:steps.kontoIntro")}>{t("volunteers:steps.konto")}</PageTitle>
      <Paper withBorder p="lg">
        <Form method="post" {...getFormProps(form)}>
          <Stack>
            <FormErrors form={form} />
            <TextField field={fields.name} label={t("auth:fields.name")} autoComplete="name" />
            <TextField field={fields.email} type="email" label={t("auth:fields.email")} autoComplete="email" />
            <PasswordField field={fields.password} label={t("auth:fields.newPassword")} description={t("auth:fields.passwordRule", { min: PASSWORD_MIN })} autoComplete="new-password" />
            <PasswordField field={fields.passwordRepeat} label={t("auth:fields.passwordRepeat")} autoComplete="new-password" />
            <CheckboxField
              field={fields.terms}
              label={<Trans t={t} i18nKey="auth:register.privacy" components={{ privacyLink: <Anchor component={Link} to="/datenschutz" target="_blank" /> }} />}
            />
            <SubmitButton>{t("volunteers:steps.kontoSubmit")}</SubmitButton>
          </Stack>
        </Form>
      </Paper>
      <Text>
        {t("volunteers:steps.haveAccount")}{" "}
        <Anchor component={Link} to="/login?redirectTo=%2Fmitmachen%2Fprofil" underline="always">
          {t("actions.login")}
        </Anchor>
      </Text>
    </Stack>
  );
}
