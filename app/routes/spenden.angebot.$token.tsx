import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { FormErrors, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { changeOffer, confirmOffer, findOfferByToken, withdrawOffer } from "~/modules/donations/offers.server";
import { OfferChangeSchema } from "~/modules/donations/schema";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:manage.title");

/** The page's forms by their hidden intent: confirm and withdraw carry nothing else, change the new values. */
const SCHEMAS = {
  confirm: z.object({ intent: z.literal("confirm") }),
  withdraw: z.object({ intent: z.literal("withdraw") }),
  change: OfferChangeSchema,
};

// Anonymous access is intended: the unguessable token in the link is the credential.
export async function loader({ params }: LoaderFunctionArgs) {
  const offer = await findOfferByToken(params.token ?? "");
  if (!offer) return data({ offer: null }, { status: 404 });
  return { offer };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  // A link that is gone: the page (its loader) says so, as on GET.
  if (!(await findOfferByToken(token))) return data({ offer: null }, { status: 404 });
  const form = await parseIntentForm(request, SCHEMAS);
  const here = `/spenden/angebot/${token}`;
  const { submission } = form;
  if (submission.status !== "success") return invalid(submission);
  try {
    if (form.intent === "confirm") await confirmOffer(token);
    else if (form.intent === "withdraw") await withdrawOffer(token);
    else if (form.submission.status === "success") await changeOffer(token, form.submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(here, { key: "flash.saved", kind: "success" });
}

export default function ManageOffer() {
  const { t, i18n } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const params = useParams();
  // Every refusal (of a change, or of confirming/withdrawing) is shown at the change form.
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && "status" in actionData ? (actionData as SubmissionResult<string[]>) : undefined;
  const offer = loaded.offer;
  const [form, f] = useForm({
    id: "change",
    lastResult,
    defaultValue: offer ? { quantity: String(offer.quantity), availableUntil: offer.available_until, description: offer.description ?? "" } : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferChangeSchema }),
    shouldValidate: "onBlur",
  });
  if (!offer) {
    return (
      <Stack maw={620}>
        <PageTitle>{t("donations:manage.title")}</PageTitle>
        <Alert color="red" role="alert">
          {t("donations:manage.invalid")}
        </Alert>
        <Anchor component={Link} to="/spenden">
          {t("donations:thanks.back")}
        </Anchor>
      </Stack>
    );
  }
  const open = offer.status === "open";
  return (
    <Stack>
      <PageTitle description={t("donations:manage.intro")}>{t("donations:manage.title")}</PageTitle>
      <Paper withBorder p="md">
        <Group gap="xs">
          <Text fw={600}>{categoryLabel({ ...offer, depth: 0 }, i18n.language)}</Text>
          <Badge component="span">{t(`donations:offerStatus.${open ? offer.review_state : offer.status}`)}</Badge>
        </Group>
        <Text>
          {t("donations:need.size")}: {offer.size ?? "—"} · {t("donations:need.quantity")}: {offer.quantity} · {t(`donations:condition.${offer.condition}`)} · {offer.district ?? "—"} ·{" "}
          {t("donations:offer.availableUntil")} {formatDate(offer.available_until, i18n.language)}
        </Text>
        {offer.quantity_reserved > 0 ? <Text>{t("donations:manage.reserved", { count: offer.quantity_reserved })}</Text> : null}
        {offer.review_state === "declined" && offer.review_reason ? <Text>{t("donations:manage.declinedReason", { reason: offer.review_reason })}</Text> : null}
      </Paper>
      {open && offer.review_state === "unconfirmed" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="confirm" />
          <Button type="submit">{t("donations:manage.confirm")}</Button>
        </Form>
      ) : null}
      {open ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="change-h">
            <Title order={2} size="h4" id="change-h" mb="sm">
              {t("donations:manage.change")}
            </Title>
            <Form method="post" {...getFormProps(form)}>
              <Stack gap="xs">
                <input type="hidden" name="intent" value="change" />
                <FormErrors form={form} />
                <TextField field={f.quantity} type="number" min={1} max={99} label={t("donations:need.quantity")} />
                <TextField field={f.availableUntil} type="date" label={t("donations:offer.availableUntil")} />
                <TextAreaField field={f.description} label={t("donations:offerForm.description")} maxLength={1000} autosize minRows={2} />
                <div>
                  <SubmitButton>{t("actions.save")}</SubmitButton>
                </div>
              </Stack>
            </Form>
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="withdraw-h">
            <Title order={2} size="h4" id="withdraw-h" mb="sm">
              {t("donations:manage.withdrawTitle")}
            </Title>
            <Text mb="sm">{t("donations:manage.withdrawText")}</Text>
            <Button component={Link} to={`/spenden/angebot/${params.token}/zurueckziehen`} color="red" variant="light">
              {t("donations:manage.withdrawEllipsis")}
            </Button>
          </Paper>
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}
