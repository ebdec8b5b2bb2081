import { Alert, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { AssociationProfileForm } from "~/components/associations/profile-form";
import { getLanguage } from "~/i18n/i18next.server";
import { associationOptions } from "~/modules/associations/lookups.server";
import { registerAssociation, registerAssociationAsUser } from "~/modules/associations/register.server";
import { RegistrationSchema, SignedInRegistrationSchema } from "~/modules/associations/schema";
import { isAppError } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { takeFormSlot } from "~/utils/form-limits.server";
import { clientIp, invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "associations:register.title");

// Anonymous access is intended: associations register themselves. A signed-in user registers with
// their account (and becomes the association's admin); anyone else creates one on the way.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await getActor(request, context);
  return { options: await associationOptions(), signedIn: !!actor, name: actor?.name ?? null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request, context);
  if (actor) {
    const { submission } = await parseForm(request, SignedInRegistrationSchema);
    if (submission.status !== "success") return invalid(submission);
    try {
      await registerAssociationAsUser(actor, submission.value);
    } catch (error) {
      if (isAppError(error) && error.field) return replyWithError(submission, error);
      throw error;
    }
    return redirectWithFlash("/verein", { key: "associations:flash.registered", kind: "success" });
  }
  const { submission } = await parseForm(request, RegistrationSchema);
  if (submission.status !== "success") return invalid(submission);
  // A public form that sends mail: limited per client IP and address, as the other public forms.
  const limited = await takeFormSlot("association-registration", { ip: clientIp(context), address: submission.value.accountEmail });
  if (limited) return invalid(submission, { formErrors: [limited] });
  try {
    await registerAssociation(submission.value, await getLanguage(request));
  } catch (error) {
    if (isAppError(error) && error.field) return replyWithError(submission, error);
    throw error;
  }
  // The same answer whether or not the address had an account (the mail says which).
  return redirect("/check-mail?for=register");
}

export default function RegisterAssociation() {
  const { t } = useTranslation();
  const { options, signedIn, name } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack maw={860}>
      <PageTitle description={t("associations:register.intro")}>{t("associations:register.title")}</PageTitle>
      <Alert variant="light" color="blue">
        <Text size="sm">{signedIn ? t("associations:register.asUser", { name: name ?? "" }) : t("associations:register.process")}</Text>
      </Alert>
      <AssociationProfileForm
        schema={signedIn ? SignedInRegistrationSchema : RegistrationSchema}
        lastResult={lastResult}
        options={options}
        submitLabel={t("associations:register.submit")}
        account={!signedIn}
        privacy
      />
    </Stack>
  );
}
