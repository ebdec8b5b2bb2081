import type { SubmissionResult } from "@conform-to/react";
import { Alert } from "@mantine/core";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfirmStep } from "~/components/confirm-step";
import { categoryLabel } from "~/components/donations/category-label";
import { categoryNamesOf } from "~/modules/donations/category-names";
import { useFieldError } from "~/components/form";
import { findOfferByToken, withdrawOffer } from "~/modules/donations/offers.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => [...titleFrom(matches, "donations:manage.title"), { name: "robots", content: "noindex" }];
// The token is the key: never cached; other sites never see it as a referrer.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

async function load(token: string | undefined) {
  // Anonymous access intended: the unguessable token in the link is the credential.
  const offer = await findOfferByToken(token ?? "");
  if (!offer) throw notFound();
  return offer;
}

/** The confirmation step: what withdrawing the offer does. */
export async function loader({ params }: LoaderFunctionArgs) {
  const o = await load(params.token);
  return { offer: { ...categoryNamesOf(o), quantity: o.quantity, status: o.status } };
}

/** The donor withdraws the offer: it ends at once, reserved units are released. */
export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  await load(token);
  const { submission } = await parseForm(request, z.object({}));
  try {
    await withdrawOffer(token);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/spenden/angebot/${token}`, { key: "flash.saved", kind: "success" });
}

export default function WithdrawOffer() {
  const { t, i18n } = useTranslation();
  const { offer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const error = useFieldError(result?.error?.[""] ?? undefined);
  return (
    <ConfirmStep
      title={t("donations:manage.withdrawTitle")}
      description={categoryLabel({ ...offer, id: 0, depth: 0 }, i18n.language)}
      what={[t("donations:manage.withdrawText")]}
      submit={t("donations:manage.withdraw")}
      back={`/spenden/angebot/${useParams().token}`}
    >
      {error ? (
        <Alert color="red.9" role="alert" variant="light">
          {error}
        </Alert>
      ) : null}
    </ConfirmStep>
  );
}
