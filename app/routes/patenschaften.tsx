import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, List, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { CheckboxField, ConformForm, FormErrors, SubmitButton, TextField } from "~/components/form";
import { WishFields } from "~/components/sponsorships/request-fields";
import { getLanguage } from "~/i18n/i18next.server";
import { checkPublicChoices, createPublicRequest, requestFormOptions } from "~/modules/sponsorships/requests.server";
import { PublicRequestSchema } from "~/modules/sponsorships/schema";
import { getDb } from "~/utils/db.server";
import { takeFormSlot } from "~/utils/form-limits.server";
import { clientIp, invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { Lines, PlainSummary } from "~/components/plain-language";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "sponsorships:public.title");

// Public page (anonymous on purpose): what a sponsorship is, for newcomers and for would-be
// sponsors, and the short request form. Nothing personal is shown here.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const [actor, lang, options] = await Promise.all([getActor(request, context), getLanguage(request), requestFormOptions()]);
  const consent = await getDb()
    .selectFrom("household_consent_text")
    .select(["title", "body"])
    .where("purpose", "=", "sponsorship")
    .where("locale", "=", lang)
    .orderBy("version", "desc")
    .executeTakeFirst();
  return { signedIn: !!actor, options, consent: consent ?? null, sent: new URL(request.url).searchParams.get("danke") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, PublicRequestSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await checkPublicChoices(submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  // Anonymous and it reaches the office: limited per IP and per address like the other public forms.
  const limited = await takeFormSlot("sponsorship-request", { ip: clientIp(context), address: submission.value.email });
  if (limited) return data(submission.reply({ formErrors: [limited] }), { status: 429 });
  try {
    await createPublicRequest(submission.value, await getLanguage(request));
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirect("/patenschaften?danke=1");
}

export default function SponsorshipsPublic() {
  const { t } = useTranslation();
  const { signedIn, options, consent, sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, f] = useForm({
    id: "sponsorship-public",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublicRequestSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Stack maw={900}>
      <PageTitle description={<Lines text={t("sponsorships:public.intro")} />}>{t("sponsorships:public.title")}</PageTitle>
      <PlainSummary lines={[t("sponsorships:public.summary.what"), t("sponsorships:public.summary.free"), t("sponsorships:public.summary.ask"), t("sponsorships:public.summary.call"), t("sponsorships:public.summary.sponsor")]} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="lg" component="section" aria-labelledby="h-what">
          <Title order={2} size="h4" id="h-what" mb="xs">
            {t("sponsorships:public.whatTitle")}
          </Title>
          <List spacing="xs">
            <List.Item>{t("sponsorships:public.what1")}</List.Item>
            <List.Item>{t("sponsorships:public.what2")}</List.Item>
            <List.Item>{t("sponsorships:public.what3")}</List.Item>
            <List.Item>
              <Lines text={t("sponsorships:public.what4")} />
            </List.Item>
          </List>
        </Paper>
        <Paper withBorder p="lg" component="section" aria-labelledby="h-sponsor">
          <Title order={2} size="h4" id="h-sponsor" mb="xs">
            {t("sponsorships:public.sponsorTitle")}
          </Title>
          <Text mb="xs">{t("sponsorships:public.sponsorText")}</Text>
          <List spacing="xs" mb="md">
            <List.Item>{t("sponsorships:public.sponsor1")}</List.Item>
            <List.Item>{t("sponsorships:public.sponsor2")}</List.Item>
            <List.Item>{t("sponsorships:public.sponsor3")}</List.Item>
          </List>
          <Button component={Link} to={signedIn ? "/me/sponsorships" : "/mitmachen"} variant="light">
            {signedIn ? t("sponsorships:public.sponsorProfile") : t("sponsorships:public.becomeSponsor")}
          </Button>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="lg" component="section" aria-labelledby="h-ask">
        <Title order={2} size="h4" id="h-ask" mb="xs">
          {t("sponsorships:public.askTitle")}
        </Title>
        {sent ? (
          <Alert color="green" role="status" title={t("sponsorships:public.thanksTitle")}>
            <Lines text={t("sponsorships:public.thanks")} />
          </Alert>
        ) : (
          <>
            <Text mb="md">
              <Lines text={t("sponsorships:public.askText")} />
            </Text>
            <ConformForm form={form}>
              <Stack>
                <FormErrors form={form} />
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <TextField field={f.firstName} label={t("sponsorships:public.form.firstName")} autoComplete="given-name" />
                  <TextField field={f.phone} type="tel" label={t("sponsorships:public.form.phone")} autoComplete="tel" />
                  <TextField field={f.email} type="email" label={t("sponsorships:public.form.email")} autoComplete="email" />
                </SimpleGrid>
                <Text size="sm">{t("sponsorships:public.form.contactHint")}</Text>
                <WishFields fields={f} options={options} plain />
                <CheckboxField field={f.hasChildren} label={t("sponsorships:public.form.hasChildren")} />
                {consent ? (
                  <Paper withBorder p="sm">
                    <Text fw={600} size="sm">
                      {consent.title}
                    </Text>
                    <Text size="sm">{consent.body}</Text>
                  </Paper>
                ) : null}
                <CheckboxField field={f.consent} label={t("sponsorships:public.form.consent")} />
                <Text size="sm">
                  {t("sponsorships:public.form.privacy")}{" "}
                  <Anchor component={Link} to="/datenschutz">
                    {t("sponsorships:public.form.privacyLink")}
                  </Anchor>
                </Text>
                <div>
                  <SubmitButton>{t("sponsorships:public.form.submit")}</SubmitButton>
                </div>
              </Stack>
            </ConformForm>
          </>
        )}
      </Paper>
    </Stack>
  );
}
