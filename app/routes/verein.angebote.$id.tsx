import { Anchor, Button, Paper, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { replyFor } from "~/components/form";
import { OfferForm } from "~/components/associations/offer-form";
import { OfferHelpers } from "~/components/directory/offer-helpers";
import { associationOptions } from "~/modules/associations/lookups.server";
import { requireAssociationScope } from "~/modules/associations/members.server";
import { listOfferHelpers } from "~/modules/associations/offer-contact.server";
import { deleteOffer, getOwnOffer, offerDefaults, updateOffer } from "~/modules/associations/offers.server";
import { OfferSchema } from "~/modules/associations/schema";
import { isAppError, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "associations:offers.edit");

/** The offer, scoped by the actor: another association's offer does not exist for them (404). */
async function load(request: Request, context: object, rawId: string | undefined) {
  const actor = await requireActor(request, context);
  requireAssociationScope(actor);
  const id = parseId(rawId);
  const offer = await getOwnOffer(actor, id);
  if (!offer) throw notFound();
  return { actor, id, offer };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, offer } = await load(request, context, params.id);
  return {
    helpers: await listOfferHelpers(actor, offer.id, offer.organisation_id),
    offer: { id: offer.id, title: offer.title, organisationId: offer.organisation_id, organisationName: offer.organisation_name, published: offer.published === 1 },
    defaults: offerDefaults(offer),
    options: await associationOptions(),
  };
}

const SCHEMAS = { save: OfferSchema, delete: z.object({ intent: z.literal("delete") }) };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, id } = await load(request, context, params.id);
  const form = await parseIntentForm(request, SCHEMAS);
  if (form.intent === "delete") {
    await deleteOffer(actor, id);
    return redirectWithFlash("/verein/angebote", { key: "associations:flash.offerDeleted", kind: "success" });
  }
  const { submission } = form;
  if (submission.status !== "success") return invalid(submission);
  try {
    await updateOffer(actor, id, submission.value);
  } catch (error) {
    if (isAppError(error) && error.field) return replyWithError(submission, error);
    throw error;
  }
  return redirectWithFlash(`/verein/angebote/${id}`, { key: "flash.saved", kind: "success" });
}

export default function EditOffer() {
  const { t } = useTranslation();
  const { offer, defaults, options, helpers } = useLoaderData<typeof loader>();
  const lastResult = replyFor(useActionData<typeof action>(), "intent", "save");
  return (
    <Stack maw={860}>
      <PageTitle description={offer.organisationName}>{offer.title}</PageTitle>
      <Text size="sm">
        <Anchor component={Link} to="/verein/angebote">
          {t("associations:offers.back")}
        </Anchor>
      </Text>
      <OfferHelpers helpers={helpers} />
      <OfferForm lastResult={lastResult} defaultValue={defaults} options={options} organisations={[{ id: offer.organisationId, name: offer.organisationName }]} submitLabel={t("actions.save")} />
      <Paper withBorder p="lg" component="section" aria-labelledby="delete-offer">
        <Title order={2} size="h4" id="delete-offer" mb="sm">
          {t("associations:offers.delete")}
        </Title>
        <Text size="sm" mb="sm">
          {t("associations:offers.deleteHint")}
        </Text>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <Button type="submit" color="red.8" variant="light">
            {t("associations:offers.delete")}
          </Button>
        </Form>
      </Paper>
    </Stack>
  );
}
