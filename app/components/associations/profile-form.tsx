import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Anchor, Fieldset, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import type { z } from "zod";
import { Trans, useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, PasswordField, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { ASSOCIATION_KINDS } from "~/modules/associations/schema";
import { PASSWORD_MIN } from "~/utils/validation";
import { LanguageLabel } from "~/components/language-name";
import { CheckboxGroup, groupErrors, useFieldName } from "./fields";

export type ProfileOptions = {
  districts: Array<{ id: number; name: string }>;
  fields: Array<{ id: number; slug: string; name: string }>;
  languages: Array<{ code: string; name_native: string; name_de: string }>;
};

/**
 * The association's details: the registration (`account`: the first admin's account for anonymous
 * visitors; `privacy`: the consent checkbox) and the admins' profile page post the same fields.
 */
export function AssociationProfileForm({
  schema,
  lastResult,
  defaultValue,
  options,
  submitLabel,
  account,
  privacy,
  intent,
}: {
  schema: z.ZodTypeAny;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string | string[]>;
  options: ProfileOptions;
  submitLabel: string;
  account?: boolean;
  privacy?: boolean;
  intent?: string;
}) {
  const { t } = useTranslation();
  const fieldName = useFieldName();
  const [form, f] = useForm({
    id: "association-profile",
    lastResult: lastResult ?? undefined,
    defaultValue,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Paper withBorder p="lg">
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          <FormErrors form={form} />
          {intent ? <input type="hidden" name="intent" value={intent} /> : null}
          <Fieldset legend={t("associations:form.identity")}>
            <Stack>
              <TextField field={f.name} label={t("associations:form.name")} />
              <SelectField
                field={f.kind}
                label={t("associations:form.kind")}
                options={[{ value: "", label: t("actions.choose") }, ...ASSOCIATION_KINDS.map((k) => ({ value: k, label: t(`associations:kinds.${k}`) }))]}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField field={f.registerCourt} label={t("associations:form.registerCourt")} description={t("associations:form.registerHint")} />
                <TextField field={f.registerNumber} label={t("associations:form.registerNumber")} placeholder="VR 1234" />
              </SimpleGrid>
              <TextAreaField field={f.description} label={t("associations:form.description")} description={t("associations:form.publicHint")} autosize minRows={3} />
            </Stack>
          </Fieldset>
          <Fieldset legend={t("associations:form.address")}>
            <Stack>
              <TextField field={f.street} label={t("associations:form.street")} autoComplete="street-address" />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextField field={f.postalCode} label={t("associations:form.postalCode")} inputMode="numeric" autoComplete="postal-code" />
                <TextField field={f.town} label={t("associations:form.town")} />
                <SelectField
                  field={f.districtId}
                  label={t("associations:form.district")}
                  options={[{ value: "", label: t("actions.choose") }, ...options.districts.map((d) => ({ value: String(d.id), label: d.name }))]}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField field={f.email} type="email" label={t("associations:form.email")} description={t("associations:form.emailHint")} />
                <TextField field={f.website} type="url" label={t("associations:form.website")} placeholder="https://" />
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <Fieldset legend={t("associations:form.work")}>
            <Stack>
              <CheckboxGroup
                id="association-fields"
                name="fields"
                label={t("associations:form.fields")}
                options={options.fields.map((x) => ({ value: String(x.id), label: fieldName(x) }))}
                initial={f.fields.initialValue}
                errors={groupErrors(form, "fields")}
              />
              <CheckboxGroup
                id="association-languages"
                name="languages"
                label={t("associations:form.languages")}
                options={options.languages.map((l) => ({ value: l.code, label: <LanguageLabel language={l} /> }))}
                initial={f.languages.initialValue}
                errors={groupErrors(form, "languages")}
                cols={4}
              />
              <CheckboxField field={f.barrierFree} label={t("associations:form.barrierFree")} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField field={f.fees} label={t("associations:form.fees")} description={t("associations:form.feesHint")} />
                <TextField field={f.reducedFees} label={t("associations:form.reducedFees")} description={t("associations:form.reducedFeesHint")} />
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <Fieldset legend={t("associations:form.insurance")}>
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextField field={f.insurer} label={t("associations:form.insurer")} />
                <TextField field={f.policyNumber} label={t("associations:form.policyNumber")} />
                <TextField field={f.policyValidUntil} type="date" label={t("associations:form.policyValidUntil")} />
              </SimpleGrid>
              <Text size="sm">{t("associations:form.insuranceHint")}</Text>
            </Stack>
          </Fieldset>
          {account ? (
            <Fieldset legend={t("associations:form.account")}>
              <Stack>
                <Text size="sm">
                  {t("associations:form.accountHint")}{" "}
                  <Anchor component={Link} to="/login?redirectTo=/vereine/registrieren">
                    {t("associations:form.loginFirst")}
                  </Anchor>
                </Text>
                <TextField field={f.accountName} label={t("auth:fields.name")} autoComplete="name" />
                <TextField field={f.accountEmail} type="email" label={t("auth:fields.email")} description={t("associations:form.accountEmailHint")} autoComplete="email" />
                <PasswordField field={f.password} label={t("auth:fields.newPassword")} description={t("auth:fields.passwordRule", { min: PASSWORD_MIN })} autoComplete="new-password" />
                <PasswordField field={f.passwordRepeat} label={t("auth:fields.passwordRepeat")} autoComplete="new-password" />
              </Stack>
            </Fieldset>
          ) : null}
          {privacy ? (
            <CheckboxField
              field={f.privacy}
              label={<Trans t={t} i18nKey="associations:form.privacy" components={{ privacyLink: <Anchor component={Link} to="/datenschutz" target="_blank" /> }} />}
            />
          ) : null}
          <div>
            <SubmitButton>{submitLabel}</SubmitButton>
          </div>
        </Stack>
      </Form>
    </Paper>
  );
}
