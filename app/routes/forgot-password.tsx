import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Paper, Stack } from "@mantine/core";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { requestPasswordReset } from "~/modules/accounts/commands.server";
import { ForgotPasswordSchema } from "~/modules/accounts/schema";
import { invalid, parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "auth:forgot.title");

export async function action({ request }: ActionFunctionArgs) {
  // Anonymous allowed; the answer is the same whether or not the address exists.
  const { submission } = await parseForm(request, ForgotPasswordSchema);
  if (submission.status !== "success") return invalid(submission);
  await requestPasswordReset({ email: submission.value.email });
  return redirect("/check-mail?for=reset");
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(ForgotPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Stack maw={480}>
      <PageTitle description={t("auth:forgot.intro")}>{t("auth:forgot.title")}</PageTitle>
      <Paper withBorder p="lg">
        <Form method="post" {...getFormProps(form)}>
          <Stack>
            <FormErrors form={form} />
            <TextField field={fields.email} type="email" label={t("auth:fields.email")} autoComplete="email" />
            <SubmitButton>{t("auth:forgot.submit")}</SubmitButton>
          </Stack>
        </Form>
      </Paper>
    </Stack>
  );
}
