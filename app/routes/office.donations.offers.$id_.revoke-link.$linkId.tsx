import type { SubmissionResult } from "@conform-to/react";
import { Alert } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { ConfirmStep } from "~/components/confirm-step";
import { useFieldError } from "~/components/form";
import { listOfferLinks, revokeOfferLink } from "~/modules/donations/review.server";
import { formatDateTime } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:offerNeeds.title");

async function load(request: Request, params: { id?: string; linkId?: string }, context: object) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:donation:any");
  const offerId = parseId(params.id);
  const linkId = parseId(params.linkId);
  // Scoped by the offer: a link of another offer is a 404.
  const link = (await listOfferLinks(actor, offerId)).find((l) => l.id === linkId);
  if (!link) throw notFound();
  return { actor, offerId, link };
}

/** The confirmation step: which link stops working. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { offerId, link } = await load(request, params, context);
  return { offerId, link: { id: link.id, sentWith: link.sent_with, createdAt: link.created_at, revoked: link.revoked_at !== null } };
}

/** The office revokes one of the donor's private links (ADR 0011); the others keep working. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, offerId, link } = await load(request, params, context);
  const { submission } = await parseForm(request, z.object({}));
  try {
    await revokeOfferLink(actor, offerId, link.id);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/donations/offers/${offerId}`, { key: "flash.saved", kind: "success" });
}

export default function RevokeOfferLink() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const error = useFieldError(result?.error?.[""] ?? undefined);
  return (
    <ConfirmStep
      title={t("donations:links.revoke")}
      description={t(`donations:links.sentWith.${d.link.sentWith}`, { date: formatDateTime(d.link.createdAt, i18n.language) })}
      what={[t(d.link.revoked ? "donations:errors.linkRevoked" : "donations:links.revokeStep")]}
      submit={t("donations:links.revoke")}
      back={`/office/donations/offers/${d.offerId}`}
    >
      {error ? (
        <Alert color="red.9" role="alert" variant="light">
          {error}
        </Alert>
      ) : null}
    </ConfirmStep>
  );
}
