import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { ConformForm, FormErrors, SelectField, SubmitButton, TextAreaField, TextField, useFieldError } from "~/components/form";
import { WishFields } from "~/components/sponsorships/request-fields";
import { createOfficeRequest, findHouseholdForRequest, requestFormOptions } from "~/modules/sponsorships/requests.server";
import { CONSENT_LANGUAGES, OFFICE_SOURCES, OfficeRequestSchema } from "~/modules/sponsorships/schema";
import { berlinDay, formatDate } from "~/utils/dates";
import { uiLanguageName } from "~/utils/language-names";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "sponsorships:request.new");

// The household is found by its code (`?code=H-…`); the form then asks for the request itself.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:sponsorship:any");
  const code = searchParam(new URL(request.url), "code", 20);
  const [options, household] = await Promise.all([requestFormOptions(), code ? findHouseholdForRequest(actor, code) : Promise.resolve(null)]);
  return { code: code ?? "", household, options, today: berlinDay(new Date()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:sponsorship:any");
  const { submission } = await parseForm(request, OfficeRequestSchema);
  if (submission.status !== "success") return invalid(submission);
  let id: number;
  try {
    id = await createOfficeRequest(actor, submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/sponsorships/requests/${id}`, { key: "flash.saved", kind: "success" });
}

export default function NewSponsorshipRequest() {
  const { t, i18n } = useTranslation();
  const { code, household, options, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const defaultValue: Record<string, string | string[]> | undefined = household
    ? { householdId: String(household.id), source: "office", districtId: household.districtId ? String(household.districtId) : "", languages: household.languages }
    : undefined;
  const [form, f] = useForm({
    id: "sponsorship-request",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfficeRequestSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  // The household named by the hidden field is gone (erased meanwhile): said above the form.
  const householdError = useFieldError(f.householdId.errors);
  return (
    <Stack>
      <Anchor component={Link} to="/office/sponsorships">
        {t("sponsorships:office.back")}
      </Anchor>
      <PageTitle description={t("sponsorships:request.newIntro")}>{t("sponsorships:request.new")}</PageTitle>
      <Form method="get" role="search" aria-label={t("sponsorships:request.findHousehold")}>
        <Group align="flex-end">
          <TextInput name="code" label={t("sponsorships:request.householdCode")} defaultValue={code} maxLength={20} />
          <Button type="submit" variant="light">
            {t("sponsorships:request.findHousehold")}
          </Button>
        </Group>
      </Form>
      <Text size="sm">
        {t("sponsorships:request.noHousehold")}{" "}
        <Anchor component={Link} to="/office/households/new">
          {t("sponsorships:request.createHousehold")}
        </Anchor>
      </Text>
      {code && !household ? <Alert color="orange">{t("sponsorships:request.householdNotFound")}</Alert> : null}
      {household ? (
        <Paper withBorder p="lg">
          <Text mb="md">
            {t("sponsorships:request.forHousehold", { code: household.code, district: household.district ?? "—" })}{" "}
            <Anchor component={Link} to={`/office/households/${household.id}`}>
              {t("sponsorships:request.openHousehold")}
            </Anchor>
          </Text>
          <ConformForm form={form} action={`/office/sponsorships/requests/new?code=${encodeURIComponent(household.code)}`}>
            <Stack>
              <FormErrors form={form} />
              {householdError ? (
                <Alert color="red" role="alert">
                  {householdError}
                </Alert>
              ) : null}
              <input type="hidden" name={f.householdId.name} value={String(household.id)} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField field={f.firstName} label={t("sponsorships:request.firstName")} description={t("sponsorships:request.firstNameHint")} autoComplete="off" />
                <SelectField field={f.source} label={t("sponsorships:request.source")} options={OFFICE_SOURCES.map((s) => ({ value: s, label: t(`sponsorships:source.${s}`) }))} />
              </SimpleGrid>
              <WishFields fields={{ languages: f.languages, help: f.help, times: f.times, districtId: f.districtId, genderWish: f.genderWish, familyTandem: f.familyTandem }} options={options} />
              <TextAreaField field={f.note} label={t("sponsorships:request.note")} description={t("sponsorships:request.noteHint")} autosize minRows={2} maxLength={500} />
              {household.consentGivenOn ? (
                <Text size="sm">{t("sponsorships:request.consentInForce", { date: formatDate(household.consentGivenOn, i18n.language) })}</Text>
              ) : (
                <Paper withBorder p="md">
                  <Text size="sm" mb="xs">
                    {t("sponsorships:request.consentMissing")}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextField field={f.consentGivenOn} type="date" max={today} label={t("sponsorships:request.consentGivenOn")} />
                    <SelectField
                      field={f.consentLanguage}
                      label={t("sponsorships:request.consentLanguage")}
                      options={[{ value: "", label: t("actions.choose") }, ...CONSENT_LANGUAGES.map((l) => ({ value: l, label: uiLanguageName(l, i18n.language) }))]}
                    />
                  </SimpleGrid>
                </Paper>
              )}
              <div>
                <SubmitButton>{t("actions.create")}</SubmitButton>
              </div>
            </Stack>
          </ConformForm>
        </Paper>
      ) : null}
    </Stack>
  );
}
