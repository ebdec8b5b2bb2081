import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Fieldset, SimpleGrid, Stack } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { LEGAL_FORMS, OrganisationSchema } from "~/modules/organisations/schema";

export function OrganisationForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Record<string, string>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, f] = useForm({
    id: "organisation",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(OrganisationSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="save" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextField field={f.name} label={t("office:organisations.fields.name")} />
          <SelectField
            field={f.legalForm}
            label={t("office:organisations.fields.legalForm")}
            options={[{ value: "", label: t("actions.choose") }, ...LEGAL_FORMS.map((v) => ({ value: v, label: t(`legalForms.${v}`) }))]}
          />
          <TextField field={f.contactName} label={t("office:organisations.fields.contactName")} />
          <TextField field={f.email} type="email" label={t("office:organisations.fields.email")} />
          <TextField field={f.phone} type="tel" label={t("office:organisations.fields.phone")} />
          <TextField field={f.website} type="url" label={t("office:organisations.fields.website")} />
          <TextField field={f.street} label={t("office:organisations.fields.street")} />
          <SimpleGrid cols={2}>
            <TextField field={f.postalCode} label={t("office:organisations.fields.postalCode")} inputMode="numeric" />
            <TextField field={f.town} label={t("office:organisations.fields.town")} />
          </SimpleGrid>
        </SimpleGrid>
        <Fieldset legend={t("office:organisations.policy")}>
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextField field={f.insurer} label={t("office:organisations.fields.insurer")} />
              <TextField field={f.policyNumber} label={t("office:organisations.fields.policyNumber")} />
              <TextField field={f.policyValidUntil} type="date" label={t("office:organisations.fields.policyValidUntil")} />
            </SimpleGrid>
            <span>{t("office:organisations.policyHint")}</span>
          </Stack>
        </Fieldset>
        <div>
          <SubmitButton>{submitLabel}</SubmitButton>
        </div>
      </Stack>
    </Form>
  );
}

/** The form's field names from a database row. */
export function organisationDefaults(o: {
  name: string;
  legal_form: string;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  postal_code: string | null;
  town: string | null;
  website: string | null;
  insurer: string | null;
  policy_number: string | null;
  policy_valid_until: string | null;
}): Record<string, string> {
  return {
    name: o.name,
    legalForm: o.legal_form,
    contactName: o.contact_name ?? "",
    email: o.email ?? "",
    phone: o.phone ?? "",
    street: o.street ?? "",
    postalCode: o.postal_code ?? "",
    town: o.town ?? "",
    website: o.website ?? "",
    insurer: o.insurer ?? "",
    policyNumber: o.policy_number ?? "",
    policyValidUntil: o.policy_valid_until ?? "",
  };
}
