import { parseWithZod } from "@conform-to/zod";
import { Paper, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { OfferForm } from "~/components/donations/offer-form";
import { getLanguage } from "~/i18n/i18next.server";
import { listCategories } from "~/modules/donations/categories.server";
import { createOffer } from "~/modules/donations/offers.server";
import { householdFormOptions } from "~/modules/donations/options.server";
import { MAX_PHOTO_BYTES, MAX_PHOTOS, processPhoto, type ProcessedPhoto } from "~/modules/donations/photos.server";
import { OfferSchema } from "~/modules/donations/schema";
import { berlinDay } from "~/utils/dates";
import { isAppError } from "~/utils/errors";
import { takeFormSlot } from "~/utils/form-limits.server";
import { clientIp, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { readUploadForm } from "~/utils/uploads.server";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:offerForm.title");

// Anonymous access is intended: residents offer as guests (confirmed by mail) or logged in.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await getActor(request, context);
  const [categories, { districts }] = await Promise.all([listCategories(undefined, { activeOnly: true }), householdFormOptions()]);
  return { guest: !actor, donor: actor ? actor.name : null, categories, districts, today: berlinDay(new Date()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request, context);
  // Files of `photos` up to the size limit; an oversized file or a sixth photo is noted, not stored.
  const { formData, files: photos, tooLarge, tooMany } = await readUploadForm(request, { field: "photos", maxFiles: MAX_PHOTOS, maxBytes: MAX_PHOTO_BYTES });
  const submission = parseWithZod(formData, { schema: OfferSchema(!actor) });
  const photoErrors = tooLarge ? ["donations:errors.photoTooLarge"] : tooMany ? ["donations:errors.photoTooMany"] : [];
  if (submission.status !== "success" || photoErrors.length) {
    return data(submission.reply({ fieldErrors: { ...(submission.status === "error" ? submission.error : {}), ...(photoErrors.length ? { photos: photoErrors } : {}) } as Record<string, string[]> }), { status: 400 });
  }
  if (!actor) {
    // Guests' offers send mail and may carry photos: limited per IP and per address, before any decoding.
    const limited = await takeFormSlot("donation-offer", { ip: clientIp(context), address: submission.value.donorEmail, upload: photos.length > 0 });
    if (limited) return data(submission.reply({ formErrors: [limited] }), { status: 429 });
  }
  let processed: ProcessedPhoto[];
  try {
    // One after the other: each is decoded on the thread pool, the event loop stays free.
    processed = [];
    for (const photo of photos) processed.push(await processPhoto(photo));
  } catch (e) {
    if (isAppError(e)) return data(submission.reply({ fieldErrors: { photos: [e.key] } }), { status: 400 });
    throw e;
  }
  try {
    await createOffer(actor, submission.value, processed, await getLanguage(request));
    return redirect(actor ? "/spenden/danke" : "/spenden/danke?bestaetigen=1");
  } catch (e) {
    return replyWithError(submission, e);
  }
}

export default function OfferPage() {
  const { t } = useTranslation();
  const { guest, donor, categories, districts, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack>
      <PageTitle description={t("donations:offerForm.intro")}>{t("donations:offerForm.title")}</PageTitle>
      {donor ? <Text>{t("donations:offerForm.asUser", { name: donor })}</Text> : null}
      <Paper withBorder p="lg">
        <OfferForm lastResult={lastResult} guest={guest} categories={categories} districts={districts} today={today} />
      </Paper>
    </Stack>
  );
}
