import { Paper, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { ProfileForm } from "~/components/volunteers/profile-form";
import { StepIndicator } from "~/components/volunteers/step-indicator";
import { saveOwnProfile } from "~/modules/volunteers/profile.server";
import { getLookups, getRegistrationState } from "~/modules/volunteers/queries.server";
import { ProfileSchema } from "~/modules/volunteers/schema";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:steps.profil");

async function load(request: Request, context?: object) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "update:volunteer:own", { userId: actor.userId });
  // Server-side step state: a profile exists already → the next step (editing is at /me/profil).
  const state = await getRegistrationState(actor);
  if (state.hasProfile) throw redirect(state.hasConsents ? "/me" : "/mitmachen/einwilligung");
  return actor;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await load(request, context);
  return { name: actor.name, lookups: await getLookups() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await load(request, context);
  const { submission } = await parseForm(request, ProfileSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await saveOwnProfile(actor, submission.value);
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirect("/mitmachen/einwilligung");
}

export default function JoinProfile() {
  const { t } = useTranslation();
  const { name, lookups } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack maw={760}>
      <StepIndicator current="profil" />
      <PageTitle description={t("volunteers:steps.profilIntro")}>{t("volunteers:steps.profil")}</PageTitle>
      <Paper withBorder p="lg">
        <ProfileForm lastResult={lastResult} defaultValue={{ name }} lookups={lookups} submitLabel={t("volunteers:steps.profilSubmit")} />
      </Paper>
    </Stack>
  );
}
