import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Checkbox, Fieldset, Group, SimpleGrid, Stack } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageLabel } from "~/components/language-name";
import { FormErrors, SelectField, SubmitButton, TextAreaField, TextField, useFieldError } from "~/components/form";
import { HouseholdSchema } from "~/modules/donations/schema";

export type HouseholdFormOptions = {
  districts: Array<{ id: number; name: string }>;
  languages: Array<{ code: string; name_native: string; name_de: string }>;
};

export function HouseholdForm({
  lastResult,
  defaultValue,
  options,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Record<string, string | string[]>;
  options: HouseholdFormOptions;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, f] = useForm({
    id: "household",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HouseholdSchema() }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const chosen = new Set(((f.languages.initialValue as string[] | string | undefined) ?? []) as string[]);
  const languageError = useFieldError(f.languages.errors);
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack>
        <FormErrors form={form} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextField field={f.contactName} label={t("donations:household.contactName")} autoComplete="off" />
          <TextField field={f.contactPhone} type="tel" label={t("donations:household.contactPhone")} autoComplete="off" />
          <TextField field={f.contactEmail} type="email" label={t("donations:household.contactEmail")} autoComplete="off" />
          <TextField field={f.street} label={t("donations:household.street")} autoComplete="off" />
          <SelectField
            field={f.districtId}
            label={t("donations:household.district")}
            options={[{ value: "", label: t("actions.choose") }, ...options.districts.map((d) => ({ value: String(d.id), label: d.name }))]}
          />
          <TextField field={f.adults} type="number" min={0} max={20} label={t("donations:household.adults")} />
          <TextField field={f.childrenYears} label={t("donations:household.childrenYears")} description={t("donations:household.childrenYearsHint")} inputMode="numeric" />
        </SimpleGrid>
        <Fieldset legend={t("donations:household.languages")}>
          <Group gap="md">
            {options.languages.map((l) => (
              <Checkbox key={l.code} name="languages" value={l.code} defaultChecked={chosen.has(l.code)} label={<LanguageLabel language={l} />} />
            ))}
          </Group>
          {languageError ? <div role="alert">{languageError}</div> : null}
        </Fieldset>
        <TextAreaField field={f.notes} label={t("donations:household.notes")} description={t("donations:household.notesHint")} autosize minRows={2} maxLength={1000} />
        <div>
          <SubmitButton>{submitLabel}</SubmitButton>
        </div>
      </Stack>
    </Form>
  );
}
