import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Anchor, Paper, Stack } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, PasswordField, SubmitButton, TextField } from "~/components/form";
import { RegisterSchema } from "~/modules/accounts/schema";
import { PASSWORD_MIN } from "~/utils/validation";

/**
 * The account form (name, e-mail, password twice, privacy notice), shared by `/register` and the
 * first step of `/mitmachen`; both post to their own route, which calls `registerFromForm`.
 */
export function RegisterForm({ id, lastResult, submitLabel }: { id?: string; lastResult: SubmissionResult<string[]> | null | undefined; submitLabel: string }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(RegisterSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
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
          <SubmitButton>{submitLabel}</SubmitButton>
        </Stack>
      </Form>
    </Paper>
  );
}
