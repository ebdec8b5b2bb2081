import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Anchor, Paper, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireAnonymous } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { CheckboxField, FormErrors, PasswordField, SubmitButton, TextField } from "~/components/form";
import { getLanguage } from "~/i18n/i18next.server";
import { registerUser } from "~/modules/accounts/commands.server";
import { RegisterSchema } from "~/modules/accounts/schema";
import { invalid, parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { PASSWORD_MIN } from "~/utils/validation";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "auth:register.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const { submission } = await parseForm(request, RegisterSchema);
  if (submission.status !== "success") return invalid(submission);
  const { name, email, password } = submission.value;
  await registerUser({ name, email, password, locale: await getLanguage(request) });
  return redirect("/check-mail?for=register");
}

export default function Register() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(RegisterSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Stack maw={520}>
      <PageTitle description={t("auth:register.intro")}>{t("auth:register.title")}</PageTitle>
      <Paper withBorder p="lg">
        <Form method="post" {...getFormProps(form)}>
          <Stack>
            <FormErrors form={form} />
            <TextField field={fields.name} label={t("auth:fields.name")} autoComplete="name" />
            <TextField field={fields.email} type="email" label={t("auth:fields.email")} autoComplete="email" />
            <PasswordField
              field={fields.password}
              label={t("auth:fields.newPassword")}
              description={t("auth:fields.passwordRule", { min: PASSWORD_MIN })}
              autoComplete="new-password"
            />
            <PasswordField field={fields.passwordRepeat} label={t("auth:fields.passwordRepeat")} autoComplete="new-password" />
            <CheckboxField
              field={fields.terms}
              label={
                <Trans
                  t={t}
                  i18nKey="auth:register.privacy"
                  components={{ privacyLink: <Anchor component={Link} to="/datenschutz" target="_blank" /> }}
                />
              }
            />
            <SubmitButton>{t("auth:register.submit")}</SubmitButton>
          </Stack>
        </Form>
      </Paper>
      <Text>
        {t("auth:register.haveAccount")}{" "}
        <Anchor component={Link} to="/login">
          {t("auth:register.loginLink")}
        </Anchor>
      </Text>
    </Stack>
  );
}
