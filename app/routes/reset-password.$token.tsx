import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Paper, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, PasswordField, SubmitButton } from "~/components/form";
import { isResetTokenValid, resetPassword } from "~/modules/accounts/commands.server";
import { ResetPasswordSchema } from "~/modules/accounts/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { PASSWORD_MIN } from "~/utils/validation";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "auth:reset.title");

const Params = z.object({ token: z.string().min(10).max(100).regex(/^[A-Za-z0-9_-]+$/) });

export async function loader({ params }: LoaderFunctionArgs) {
  // Anonymous allowed: the single-use token is the proof.
  const parsed = Params.safeParse(params);
  return { valid: parsed.success && (await isResetTokenValid(parsed.data.token)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = Params.safeParse(params);
  if (!parsed.success) throw notFound();
  const { submission } = await parseForm(request, ResetPasswordSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await resetPassword({ token: parsed.data.token, password: submission.value.password });
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirectWithFlash("/login", { key: "flash.passwordReset", kind: "success" });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { valid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(ResetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
    shouldValidate: "onBlur",
    // Clear an error while typing: clearing it on blur moves the submit button under the pointer.
    shouldRevalidate: "onInput",
  });
  return (
    <Stack maw={480}>
      <PageTitle>{t("auth:reset.title")}</PageTitle>
      {valid ? (
        <Paper withBorder p="lg">
          <Form method="post" {...getFormProps(form)}>
            <Stack>
              <FormErrors form={form} />
              <PasswordField field={fields.password} label={t("auth:fields.newPassword")} description={t("auth:fields.passwordRule", { min: PASSWORD_MIN })} autoComplete="new-password" />
              <PasswordField field={fields.passwordRepeat} label={t("auth:fields.passwordRepeat")} autoComplete="new-password" />
              <SubmitButton>{t("auth:reset.submit")}</SubmitButton>
            </Stack>
          </Form>
        </Paper>
      ) : (
        <>
          <Alert color="red" variant="light" role="alert">
            {t("auth:reset.invalid")}
          </Alert>
          <Anchor component={Link} to="/forgot-password">
            {t("auth:reset.again")}
          </Anchor>
        </>
      )}
    </Stack>
  );
}
