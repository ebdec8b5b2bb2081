import { Anchor, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { getActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { RegisterForm } from "~/components/register-form";
import { StepIndicator } from "~/components/volunteers/step-indicator";
import { getLanguage } from "~/i18n/i18next.server";
import { registerUser } from "~/modules/accounts/commands.server";
import { RegisterSchema } from "~/modules/accounts/schema";
import { invalid, parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:steps.konto");

/** Logged-in people have an account already: on to the next step. */
async function skipIfLoggedIn(request: Request, context?: object) {
  const actor = await getActor(request, context);
  // Volunteers go on to step 2; roles that never fill in a volunteer profile go to their own page.
  if (actor) throw redirect(can(actor, "update:volunteer:own", { userId: actor.userId }) ? "/mitmachen/profil" : "/me");
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Anonymous access intended: step 1 creates the account.
  await skipIfLoggedIn(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await skipIfLoggedIn(request, context);
  const { submission } = await parseForm(request, RegisterSchema);
  if (submission.status !== "success") return invalid(submission);
  const { name, email, password } = submission.value;
  // Verification mail; an address that is known already gets a mail instead of a different answer.
  await registerUser({ name, email, password, locale: await getLanguage(request) });
  return redirect("/check-mail?for=register");
}

export default function JoinAccount() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack maw={560}>
      <StepIndicator current="konto" />
      <PageTitle description={t("volunteers:steps.kontoIntro")}>{t("volunteers:steps.konto")}</PageTitle>
      <RegisterForm id="join-account" lastResult={lastResult} submitLabel={t("volunteers:steps.kontoSubmit")} />
      <Text>
        {t("volunteers:steps.haveAccount")}{" "}
        <Anchor component={Link} to="/login?redirectTo=%2Fmitmachen%2Fprofil" underline="always">
          {t("actions.login")}
        </Anchor>
      </Text>
    </Stack>
  );
}
