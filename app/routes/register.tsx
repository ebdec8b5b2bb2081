import { Alert, Anchor, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAnonymous } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { RegisterForm } from "~/components/register-form";
import { getLanguage } from "~/i18n/i18next.server";
import { registerUser } from "~/modules/accounts/commands.server";
import { RegisterSchema } from "~/modules/accounts/schema";
import { invalid, parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "auth:register.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const { submission } = await parseForm(request, RegisterSchema);
  if (submission.status !== "success") return invalid(submission);
  const { name, email, password } = submission.value;
  // Verification mail; an address that is known already gets a mail instead of a different answer.
  await registerUser({ name, email, password, locale: await getLanguage(request) });
  return redirect("/check-mail?for=register");
}

export default function Register() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack maw={520}>
      <PageTitle description={t("auth:register.intro")}>{t("auth:register.title")}</PageTitle>
      {/* Two ways in: say whom this one is for, and where volunteers start. */}
      <Alert variant="light" color="blue">
        <Text size="sm">{t("auth:register.whoFor", { join: t("nav.join"), createAccount: t("nav.createAccount") })}</Text>
        <Anchor component={Link} to="/mitmachen" size="sm">
          {t("auth:register.joinLink", { join: t("nav.join") })}
        </Anchor>
      </Alert>
      <RegisterForm lastResult={lastResult} submitLabel={t("auth:register.submit")} />
      <Text>
        {t("auth:register.haveAccount")}{" "}
        <Anchor component={Link} to="/login">
          {t("auth:register.loginLink")}
        </Anchor>
      </Text>
    </Stack>
  );
}
