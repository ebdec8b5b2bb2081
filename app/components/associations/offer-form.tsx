import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Fieldset, Paper, SimpleGrid, Stack } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { OfferExtraFields } from "~/components/directory/offer-extra-fields";
import { OFFER_COSTS, OfferSchema, TARGET_GROUPS } from "~/modules/associations/schema";
import type { ProfileOptions } from "./profile-form";
import { LanguageLabel } from "~/components/language-name";
import { CheckboxGroup, groupErrors, useFieldName } from "./fields";

/** An offer of an association (new and edit); `organisations`: the ones the admin may choose from. */
export function OfferForm({
  lastResult,
  defaultValue,
  options,
  organisations,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string | string[]>;
  options: ProfileOptions;
  organisations: Array<{ id: number; name: string }>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const fieldName = useFieldName();
  const [form, f] = useForm({
    id: "offer",
    lastResult: lastResult ?? undefined,
    defaultValue,
    constraint: getZodConstraint(OfferSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Paper withBorder p="lg">
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="save" />
          {organisations.length === 1 ? (
            <input type="hidden" name="organisationId" value={String(organisations[0].id)} />
          ) : (
            <SelectField
              field={f.organisationId}
              label={t("associations:offers.organisation")}
              options={[{ value: "", label: t("actions.choose") }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
            />
          )}
          <TextField field={f.title} label={t("directory:form.titleDe")} lang="de" />
          <TextAreaField field={f.description} label={t("directory:form.descriptionDe")} description={t("associations:form.publicHint")} autosize minRows={4} lang="de" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <SelectField
              field={f.fieldId}
              label={t("associations:offers.fields.field")}
              options={[{ value: "", label: t("actions.choose") }, ...options.fields.map((x) => ({ value: String(x.id), label: fieldName(x) }))]}
            />
            <SelectField
              field={f.targetGroup}
              label={t("associations:offers.fields.targetGroup")}
              options={[{ value: "", label: t("actions.choose") }, ...TARGET_GROUPS.map((g) => ({ value: g, label: t(`associations:targetGroups.${g}`) }))]}
            />
          </SimpleGrid>
          <CheckboxGroup
            id="offer-languages"
            name="languages"
            label={t("associations:offers.fields.languages")}
            options={options.languages.map((l) => ({ value: l.code, label: <LanguageLabel language={l} /> }))}
            initial={f.languages.initialValue}
            errors={groupErrors(form, "languages")}
            cols={4}
          />
          <Fieldset legend={t("associations:offers.whereWhen")}>
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <SelectField
                  field={f.districtId}
                  label={t("associations:offers.fields.district")}
                  options={[{ value: "", label: t("associations:offers.noDistrict") }, ...options.districts.map((d) => ({ value: String(d.id), label: d.name }))]}
                />
                <TextField field={f.place} label={t("associations:offers.fields.place")} description={t("associations:offers.placeHint")} />
              </SimpleGrid>
              <TextField field={f.times} label={t("associations:offers.fields.times")} description={t("associations:offers.timesHint")} />
              <CheckboxField field={f.barrierFree} label={t("associations:offers.fields.barrierFree")} />
            </Stack>
          </Fieldset>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <SelectField
              field={f.cost}
              label={t("associations:offers.fields.cost")}
              options={[{ value: "", label: t("actions.choose") }, ...OFFER_COSTS.map((c) => ({ value: c, label: t(`associations:costs.${c}`) }))]}
            />
            <TextField field={f.feeNote} label={t("associations:offers.fields.feeNote")} />
          </SimpleGrid>
          <TextField field={f.contactPath} label={t("associations:offers.fields.contactPath")} description={t("associations:offers.contactHint")} />
          <OfferExtraFields fields={f} />
          <CheckboxField field={f.published} label={t("associations:offers.fields.published")} />
          <div>
            <SubmitButton>{submitLabel}</SubmitButton>
          </div>
        </Stack>
      </Form>
    </Paper>
  );
}
