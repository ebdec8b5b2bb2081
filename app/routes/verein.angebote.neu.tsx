import { Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { OfferForm } from "~/components/associations/offer-form";
import { associationOptions } from "~/modules/associations/lookups.server";
import { adminOrganisations, requireAssociationScope } from "~/modules/associations/members.server";
import { createOffer } from "~/modules/associations/offers.server";
import { OfferSchema } from "~/modules/associations/schema";
import { isAppError, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "associations:offers.new");

async function scope(request: Request, context: object) {
  const actor = await requireActor(request, context);
  requireAssociationScope(actor);
  // Only admins of an association create offers; a plain member has nothing to choose here.
  const organisations = await adminOrganisations(actor);
  if (!organisations.length) throw notFound();
  return { actor, organisations };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { organisations } = await scope(request, context);
  return { organisations: organisations.map((o) => ({ id: o.id, name: o.name })), options: await associationOptions() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await scope(request, context);
  const { submission } = await parseForm(request, OfferSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    const id = await createOffer(actor, submission.value);
    return redirectWithFlash(`/verein/angebote/${id}`, { key: "associations:flash.offerCreated", kind: "success" });
  } catch (error) {
    if (isAppError(error) && error.field) return replyWithError(submission, error);
    throw error;
  }
}

export default function NewOffer() {
  const { t } = useTranslation();
  const { organisations, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack maw={860}>
      <PageTitle description={t("associations:offers.intro")}>{t("associations:offers.new")}</PageTitle>
      <OfferForm
        lastResult={lastResult}
        options={options}
        organisations={organisations}
        defaultValue={{ targetGroup: "everyone", cost: "free", languages: ["de"] }}
        submitLabel={t("actions.create")}
      />
    </Stack>
  );
}
