import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Anchor, Paper, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { redirect } from "@remix-run/node";
import { requireAnonymous, startSecondFactorSession, startSession, TWO_FACTOR_ENROL_PATH } from "~/auth/session.server";
import { mustEnrolTwoFactor, twoFactorEnabled } from "~/auth/two-factor.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, PasswordField, SubmitButton, TextField } from "~/components/form";
import { getLanguage } from "~/i18n/i18next.server";
import { authenticate } from "~/modules/accounts/commands.server";
import { LoginSchema } from "~/modules/accounts/schema";
import { redirectWithFlash, safeRedirectTarget } from "~/utils/flash.server";
import { clientIp, invalid, parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "auth:login.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const { submission } = await parseForm(request, LoginSchema);
  if (submission.status !== "success") return invalid(submission);
  const { email, password, redirectTo } = submission.value;
  const result = await authenticate({ email, password, ip: clientIp(context), locale: await getLanguage(request) });
  if (!result.ok) {
    const formError =
      result.reason === "throttled"
        ? `errors.loginThrottled|${JSON.stringify({ count: result.retryAfterMinutes })}`
        : result.reason === "unverified"
          ? "errors.emailNotVerified"
          : "errors.invalidCredentials";
    return invalid(submission, { formErrors: [formError] });
  }
  const target = safeRedirectTarget(redirectTo, "/me");
  if (await twoFactorEnabled(result.userId)) {
    // Password right: a session that opens only the code page (/login/zwei-faktor).
    const pending = await startSecondFactorSession(request, result.userId);
    return redirect(`/login/zwei-faktor?redirectTo=${encodeURIComponent(target)}`, { headers: { "Set-Cookie": pending } });
  }
  const cookie = await startSession(request, result.userId);
  // OFFICE_REQUIRE_2FA: office accounts without two-factor login go to the enrolment first.
  const next = (await mustEnrolTwoFactor(result.userId)) ? TWO_FACTOR_ENROL_PATH : target;
  return redirectWithFlash(next, { key: "flash.loggedIn", kind: "success" }, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Stack maw={440}>
      <PageTitle>{t("auth:login.title")}</PageTitle>
      <Paper withBorder p="lg">
        <Form method="post" {...getFormProps(form)}>
          <Stack>
            <FormErrors form={form} />
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
            <TextField field={fields.email} type="email" label={t("auth:fields.email")} autoComplete="email" />
            <PasswordField field={fields.password} label={t("auth:fields.password")} autoComplete="current-password" />
            <SubmitButton>{t("auth:login.submit")}</SubmitButton>
          </Stack>
        </Form>
      </Paper>
      <Text>
        <Anchor component={Link} to="/forgot-password">
          {t("auth:login.forgot")}
        </Anchor>
      </Text>
      <Text>
        {t("auth:login.noAccount")}{" "}
        <Anchor component={Link} to="/register">
          {t("auth:login.registerLink")}
        </Anchor>
      </Text>
    </Stack>
  );
}
