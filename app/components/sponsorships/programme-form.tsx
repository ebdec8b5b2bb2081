import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Fieldset, SimpleGrid, Stack, Text } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { PROGRAMME_KINDS, PROGRAMME_RANGES, ProgrammeSchema } from "~/modules/sponsorships/programme-schema";

/**
 * The office's programme form (new and edit). Every field is shown without JavaScript; the
 * association counts only for kind "association", funder and period only for "funded" (the
 * server keeps nothing of the other kinds' fields).
 */
export function ProgrammeForm({
  lastResult,
  defaultValue,
  organisations,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Record<string, string>;
  organisations: Array<{ id: number; name: string }>;
  submitLabel: string;
}) {
  const { t } = useTranslation("programmes");
  const [form, f] = useForm({
    id: "programme",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(ProgrammeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgrammeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const number = (name: keyof typeof PROGRAMME_RANGES) => ({ min: PROGRAMME_RANGES[name][0], max: PROGRAMME_RANGES[name][1], description: t("form.range", { min: PROGRAMME_RANGES[name][0], max: PROGRAMME_RANGES[name][1] }) });
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack>
        <FormErrors form={form} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextField field={f.name} label={t("fields.name")} maxLength={160} />
          <SelectField field={f.kind} label={t("fields.kind")} options={PROGRAMME_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          <SelectField field={f.status} label={t("fields.status")} description={t("form.statusHint")} options={["active", "archived"].map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        </SimpleGrid>
        <Fieldset legend={t("form.association")}>
          <Stack gap="xs">
            <Text size="sm">{t("form.associationHint")}</Text>
            <SelectField
              field={f.organisationId}
              label={t("fields.organisation")}
              options={[{ value: "", label: t("common:actions.choose") }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t("form.funding")}>
          <Stack gap="xs">
            <Text size="sm">{t("form.fundingHint")}</Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextField field={f.funder} label={t("fields.funder")} maxLength={160} />
              <TextField field={f.periodStart} type="date" label={t("fields.periodStart")} />
              <TextField field={f.periodEnd} type="date" label={t("fields.periodEnd")} />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend={t("form.settings")}>
          <Stack gap="xs">
            <Text size="sm">{t("form.settingsHint")}</Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextField field={f.trialWeeks} type="number" label={t("fields.trialWeeks")} {...number("trialWeeks")} />
              <TextField field={f.trialMeetings} type="number" label={t("fields.trialMeetings")} {...number("trialMeetings")} />
              <TextField field={f.checkinMonths} type="number" label={t("fields.checkinMonths")} {...number("checkinMonths")} />
              <TextField field={f.silenceDays} type="number" label={t("fields.silenceDays")} {...number("silenceDays")} />
              <TextField field={f.certificateMeetings} type="number" label={t("fields.certificateMeetings")} {...number("certificateMeetings")} />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <div>
          <SubmitButton>{submitLabel}</SubmitButton>
        </div>
      </Stack>
    </Form>
  );
}
