import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Anchor, Paper, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getSecondFactorUser, requireAnonymous, startSession } from "~/auth/session.server";
import { verifySecondFactorThrottled } from "~/auth/two-factor.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { SecondFactorSchema } from "~/modules/security/schema";
import { redirectWithFlash, safeRedirectTarget } from "~/utils/flash.server";
import { clientIp, invalid, parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "security:login.title");

/** The second step of a login with two-factor login: only a half-logged-in visitor gets here. */
async function pending(request: Request) {
  await requireAnonymous(request);
  const login = await getSecondFactorUser(request);
  if (!login) throw redirect("/login");
  return login;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await pending(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const login = await pending(request);
  const { submission } = await parseForm(request, SecondFactorSchema);
  if (submission.status !== "success") return invalid(submission);
  const result = await verifySecondFactorThrottled({ userId: login.userId, code: submission.value.code, ip: clientIp(context) });
  if (!result.ok) {
    if (result.throttled) return invalid(submission, { formErrors: [`errors.loginThrottled|${JSON.stringify({ count: result.throttled })}`] });
    return invalid(submission, { fieldErrors: { code: ["security:twoFactor.wrongCode"] } });
  }
  // Rotation: the half-logged-in session ends, a new one (new token) starts.
  const cookie = await startSession(request, login.userId);
  return redirectWithFlash(safeRedirectTarget(submission.value.redirectTo, "/me"), { key: "flash.loggedIn", kind: "success" }, { headers: { "Set-Cookie": cookie } });
}

export default function SecondFactor() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(SecondFactorSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SecondFactorSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Stack maw={440}>
      <PageTitle description={t("security:login.intro")}>{t("security:login.title")}</PageTitle>
      <Paper withBorder p="lg">
        <Form method="post" {...getFormProps(form)}>
          <Stack>
            <FormErrors form={form} />
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
            <TextField field={fields.code} label={t("security:login.code")} description={t("security:login.codeHint")} autoComplete="one-time-code" inputMode="text" autoFocus />
            <SubmitButton>{t("security:login.submit")}</SubmitButton>
          </Stack>
        </Form>
      </Paper>
      <Text>
        <Anchor component={Link} to="/login">
          {t("security:login.startOver")}
        </Anchor>
      </Text>
    </Stack>
  );
}
