import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { getActor, requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { languageLabel, useFieldName } from "~/components/associations/fields";
import { Bdi } from "~/components/bdi";
import { GermanNote, OfferDates, OfferText } from "~/components/directory/offer-bits";
import { offerJsonLd } from "~/components/directory/json-ld";
import { CheckboxField, ConformForm, FormErrors, replyFor, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { StatusBadge } from "~/components/list-page";
import { getLanguage } from "~/i18n/i18next.server";
import { associationOptions } from "~/modules/associations/lookups.server";
import { hasOfferedHelp, offerHelp, sendOfferContact } from "~/modules/associations/offer-contact.server";
import { getPublicOffer } from "~/modules/associations/offer-directory.server";
import { OfferContactSchema, OfferHelpSchema } from "~/modules/associations/schema";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { takeFormSlot } from "~/utils/form-limits.server";
import { clientIp, invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { useNonce } from "~/utils/nonce";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.offer.title} · Ehrenamt-Hub` : "Ehrenamt-Hub" }];

// Anonymous access is intended: a published offer of a verified association, no person's data (the
// contact form relays to the association's role address, which is never shown). Served from the page
// cache for anonymous visitors (scope "organisations"); a signed-in volunteer also sees "I'd like to help".
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const [actor, lang] = await Promise.all([getActor(request, context), getLanguage(request)]);
  const offer = await getPublicOffer(id, lang);
  if (!offer) throw notFound();
  const canHelp = !!offer.volunteers_wanted && !!actor && can(actor, "help:offer:own", { userId: actor.userId });
  const helped = canHelp && actor ? await hasOfferedHelp(actor, id) : false;
  return { offer, options: await associationOptions(), help: { signedIn: !!actor, canHelp, helped }, url: `${env().BASE_URL}/angebote/${id}` };
}

const SCHEMAS = { contact: OfferContactSchema, help: OfferHelpSchema };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = parseId(params.id);
  // An offer that is not public is a 404 for every form of the page, before the form is read.
  if (!(await getPublicOffer(id, "de"))) throw notFound();
  const form = await parseIntentForm(request, SCHEMAS);
  if (form.intent === "help") {
    const actor = await requireActor(request, context);
    const result = await offerHelp(actor, id);
    return redirectWithFlash(`/angebote/${id}`, { key: result === "sent" ? "directory:flash.helpSent" : "directory:flash.helpAlready", kind: "success" });
  }
  const { submission } = form;
  if (submission.status !== "success") return invalid(submission);
  // Anonymous and it sends mail: limited per IP and per address like the other public forms.
  const limited = await takeFormSlot("offer-contact", { ip: clientIp(context), address: submission.value.email });
  if (limited) return data(submission.reply({ formErrors: [limited] }), { status: 429 });
  try {
    await sendOfferContact(id, submission.value, await getLanguage(request));
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/angebote/${id}`, { key: "directory:flash.contactSent", kind: "success" });
}

export default function OfferPage() {
  const { t, i18n } = useTranslation();
  const nonce = useNonce();
  const fieldName = useFieldName();
  const { offer: o, options, help, url } = useLoaderData<typeof loader>();
  const lastResult = replyFor(useActionData<typeof action>(), "intent", "contact");
  const [form, f] = useForm({
    id: "offer-contact",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferContactSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const field = options.fields.find((x) => x.id === o.field_id);
  const languages = new Map(options.languages.map((l) => [l.code, languageLabel(l, i18n.language)]));
  const place = [o.place, o.district].filter(Boolean).join(", ");
  return (
    <Stack maw={900}>
      <script type="application/ld+json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: offerJsonLd(o, url) }} />
      <PageTitle description={<Bdi>{o.organisation_name}</Bdi>}>
        <OfferText fallback={o.fallback}>{o.title}</OfferText>
      </PageTitle>
      <Group gap="md">
        <Anchor component={Link} to="/angebote" size="sm">
          {t("directory:offer.back")}
        </Anchor>
        <Anchor component={Link} to={`/vereine/${o.organisation_id}`} size="sm">
          {t("directory:offer.association")}
        </Anchor>
      </Group>
      <Paper withBorder p="lg" component="section" aria-labelledby="h-about">
        <Stack gap="xs">
          <Title order={2} size="h4" id="h-about">
            {t("directory:offer.about")}
          </Title>
          <Group gap="xs">
            {field ? <StatusBadge color="violet">{fieldName(field)}</StatusBadge> : null}
            <StatusBadge color={o.cost === "free" ? "green" : "gray"}>{t(`associations:costs.${o.cost}`)}</StatusBadge>
            <StatusBadge>{t(`associations:targetGroups.${o.target_group}`)}</StatusBadge>
            {o.barrier_free ? <StatusBadge color="blue">{t("associations:directory.barrierFree")}</StatusBadge> : null}
            {o.volunteers_wanted ? <StatusBadge color="orange">{t("directory:volunteersWanted")}</StatusBadge> : null}
          </Group>
          <OfferText fallback={o.fallback} as="div" pre>
            {o.description}
          </OfferText>
          <GermanNote show={o.fallback} />
          {o.languages.length ? <Text size="sm">{t("associations:directory.languagesList", { list: o.languages.map((c) => languages.get(c) ?? c).join(", ") })}</Text> : null}
          {o.fee_note ? (
            <Text size="sm">
              {t("associations:directory.feeNote", { note: o.fee_note })}
            </Text>
          ) : null}
        </Stack>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="h-when">
        <Stack gap="xs">
          <Title order={2} size="h4" id="h-when">
            {t("directory:offer.when")}
          </Title>
          <OfferDates dates={o.dates} />
          <Text size="sm">
            <bdi lang="de">{o.times}</bdi>
          </Text>
          {place ? (
            <Text size="sm">
              {t("directory:offer.where")} <bdi lang="de">{place}</bdi>
            </Text>
          ) : null}
          <Group gap="md" className="no-print">
            {o.dates.length ? (
              <Anchor href={`/angebote/${o.id}/kalender.ics`} size="sm">
                {t("directory:offer.calendar")}
              </Anchor>
            ) : null}
            <Anchor component={Link} to={`/angebote/${o.id}/aushang`} size="sm">
              {t("directory:offer.poster")}
            </Anchor>
          </Group>
        </Stack>
      </Paper>
      {o.volunteers_wanted ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="h-help">
          <Stack gap="xs">
            <Title order={2} size="h4" id="h-help">
              {t("directory:help.title")}
            </Title>
            <Text size="sm">{t("directory:help.text")}</Text>
            {help.helped ? (
              <Alert color="green" role="status">
                {t("directory:help.done")}
              </Alert>
            ) : help.canHelp ? (
              <Form method="post">
                <input type="hidden" name="intent" value="help" />
                <Button type="submit" variant="light">
                  {t("directory:help.button")}
                </Button>
              </Form>
            ) : !help.signedIn ? (
              <Text size="sm">
                <Anchor component={Link} to={`/login?redirectTo=${encodeURIComponent(`/angebote/${o.id}`)}`}>
                  {t("directory:help.login")}
                </Anchor>
              </Text>
            ) : (
              <Text size="sm">{t("directory:help.volunteersOnly")}</Text>
            )}
          </Stack>
        </Paper>
      ) : null}
      <Paper withBorder p="lg" component="section" aria-labelledby="h-contact" className="no-print">
        <Title order={2} size="h4" id="h-contact" mb="xs">
          {t("directory:contact.title")}
        </Title>
        <Text size="sm" mb="md">
          {t("directory:contact.intro")}
        </Text>
        <ConformForm form={form}>
          <Stack>
            <FormErrors form={form} />
            <input type="hidden" name="intent" value="contact" />
            <Group grow align="flex-start">
              <TextField field={f.name} label={t("directory:contact.name")} autoComplete="name" />
              <TextField field={f.email} type="email" label={t("directory:contact.email")} autoComplete="email" />
            </Group>
            <TextAreaField field={f.message} label={t("directory:contact.message")} autosize minRows={4} />
            <CheckboxField
              field={f.privacy}
              label={
                <>
                  {t("directory:contact.privacy")}{" "}
                  <Anchor component={Link} to="/datenschutz">
                    {t("directory:contact.privacyLink")}
                  </Anchor>
                </>
              }
            />
            <div>
              <SubmitButton>{t("directory:contact.submit")}</SubmitButton>
            </div>
          </Stack>
        </ConformForm>
      </Paper>
    </Stack>
  );
}
