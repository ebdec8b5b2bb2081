import { Alert, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { requireAssociationScope } from "~/modules/associations/members.server";
import { PageTitle } from "~/components/app-layout";
import { AssociationProfileForm } from "~/components/associations/profile-form";
import { associationOptions } from "~/modules/associations/lookups.server";
import { getOwnProfile, profileDefaults, updateOwnProfile } from "~/modules/associations/profile.server";
import { ProfileSchema } from "~/modules/associations/schema";
import { isAppError, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "associations:profile.title");

/** Loaded scoped by the actor: an organisation they do not administer does not exist for them (404). */
async function load(request: Request, context: object, rawId: string | undefined) {
  const actor = await requireActor(request, context);
  requireAssociationScope(actor);
  const id = parseId(rawId);
  const profile = await getOwnProfile(actor, id);
  if (!profile) throw notFound();
  return { actor, id, profile };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { profile } = await load(request, context, params.id);
  return { name: profile.name, status: profile.status, defaults: profileDefaults(profile), options: await associationOptions() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, id } = await load(request, context, params.id);
  const { submission } = await parseForm(request, ProfileSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await updateOwnProfile(actor, id, submission.value);
  } catch (error) {
    if (isAppError(error) && error.field) return replyWithError(submission, error);
    throw error;
  }
  return redirectWithFlash("/verein", { key: "flash.saved", kind: "success" });
}

export default function AssociationProfile() {
  const { t } = useTranslation();
  const { name, status, defaults, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack maw={860}>
      <PageTitle description={name}>{t("associations:profile.title")}</PageTitle>
      {!status ? (
        <Alert variant="light" color="blue">
          {t("associations:profile.firstSave")}
        </Alert>
      ) : null}
      <AssociationProfileForm schema={ProfileSchema} lastResult={lastResult} defaultValue={defaults} options={options} submitLabel={t("actions.save")} intent="save" />
    </Stack>
  );
}
