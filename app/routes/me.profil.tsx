import { Anchor, Paper, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { ProfileForm, profileDefaults } from "~/components/volunteers/profile-form";
import { saveOwnProfile } from "~/modules/volunteers/profile.server";
import { getLookups, getOwnProfile } from "~/modules/volunteers/queries.server";
import { ProfileSchema } from "~/modules/volunteers/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:me.editProfile");

async function load(request: Request, context?: object) {
  const actor = await requireActor(request, context);
  // Roles that never have a profile get a 403 here, not a detour to a step that refuses them.
  requirePermission(actor, "update:volunteer:own", { userId: actor.userId });
  const profile = await getOwnProfile(actor);
  if (!profile) throw redirect("/mitmachen/profil");
  requirePermission(actor, "update:volunteer:own", { userId: profile.id });
  return { actor, profile };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { profile } = await load(request, context);
  return { defaults: profileDefaults(profile), lookups: await getLookups() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await load(request, context);
  const { submission } = await parseForm(request, ProfileSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await saveOwnProfile(actor, submission.value);
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirectWithFlash("/me", { key: "flash.profileSaved", kind: "success" });
}

export default function EditProfile() {
  const { t } = useTranslation();
  const { defaults, lookups } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack maw={760}>
      <Anchor component={Link} to="/me">
        {t("volunteers:me.back")}
      </Anchor>
      <PageTitle>{t("volunteers:me.editProfile")}</PageTitle>
      <Paper withBorder p="lg">
        <ProfileForm lastResult={lastResult} defaultValue={defaults} lookups={lookups} submitLabel={t("actions.save")} />
      </Paper>
    </Stack>
  );
}
