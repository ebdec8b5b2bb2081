import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Checkbox, Fieldset, Input, SimpleGrid, Stack, Text } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, SubmitButton, TextAreaField, TextField, useFieldError } from "~/components/form";
import { MAX_PHOTOS } from "~/modules/donations/photo-limits";
import { CONDITIONS, DELIVERIES, OfferSchema, SEASONS } from "~/modules/donations/schema";
import { categoryLabel, type CategoryOption } from "./category-label";

export function OfferForm({
  lastResult,
  guest,
  categories,
  districts,
  today,
}: {
  lastResult?: SubmissionResult<string[]>;
  guest: boolean;
  categories: CategoryOption[];
  districts: Array<{ id: number; name: string }>;
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const [form, f] = useForm({
    id: "offer",
    lastResult,
    defaultValue: { quantity: "1", condition: "good", delivery: "needs_pickup" },
    // Marks the required fields (asterisk, `required`) from the schema.
    constraint: getZodConstraint(OfferSchema(guest)),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferSchema(guest) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  // Photos are not part of the schema (files are checked on the server): their messages come with the reply.
  const photoError = useFieldError(lastResult?.error?.photos ?? undefined);
  const testedError = useFieldError(f.tested.errors);
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
      <Stack>
        <FormErrors form={form} />
        <Fieldset legend={t("donations:offerForm.item")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <SelectField field={f.categoryId} label={t("donations:need.category")} options={[{ value: "", label: t("actions.choose") }, ...categories.map((c) => ({ value: String(c.id), label: categoryLabel(c, i18n.language) }))]} />
            <TextField field={f.size} label={t("donations:need.size")} description={t("donations:need.sizeHint")} maxLength={30} />
            <SelectField field={f.season} label={t("donations:need.season")} options={[{ value: "", label: "—" }, ...SEASONS.map((s) => ({ value: s, label: t(`donations:seasons.${s}`) }))]} />
            <TextField field={f.quantity} type="number" min={1} max={99} label={t("donations:need.quantity")} />
            <SelectField field={f.condition} label={t("donations:offerForm.condition")} options={CONDITIONS.map((c) => ({ value: c, label: t(`donations:condition.${c}`) }))} />
            <TextField field={f.availableUntil} type="date" min={today} label={t("donations:offer.availableUntil")} />
          </SimpleGrid>
          <Checkbox mt="sm" id={f.tested.id} name={f.tested.name} value="on" defaultChecked={f.tested.initialValue === "on"} label={t("donations:offerForm.tested")} error={testedError} />
          <TextAreaField mt="sm" field={f.description} label={t("donations:offerForm.description")} maxLength={1000} autosize minRows={2} />
          {/* A native file input: it works without JavaScript (Mantine's FileInput opens its dialog by script). */}
          <Input.Wrapper mt="sm" id="offer-photos" label={t("donations:offerForm.photos")} description={t("donations:offerForm.photosHint", { max: MAX_PHOTOS })} error={photoError}>
            <input
              id="offer-photos"
              name="photos"
              type="file"
              multiple
              accept="image/jpeg,image/png"
              aria-describedby="offer-photos-description"
              aria-invalid={photoError ? true : undefined}
              style={{ display: "block", marginTop: 4, maxWidth: "100%" }}
            />
          </Input.Wrapper>
        </Fieldset>
        <Fieldset legend={t("donations:offerForm.handover")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <SelectField field={f.delivery} label={t("donations:offerForm.delivery")} options={DELIVERIES.map((d) => ({ value: d, label: t(`donations:delivery.${d}`) }))} />
            <SelectField field={f.districtId} label={t("donations:offer.pickupDistrict")} options={[{ value: "", label: t("actions.choose") }, ...districts.map((d) => ({ value: String(d.id), label: d.name }))]} />
            <TextField field={f.pickupStreet} label={t("donations:offerForm.pickupStreet")} description={t("donations:offerForm.officeOnly")} autoComplete="street-address" />
          </SimpleGrid>
        </Fieldset>
        {guest ? (
          <Fieldset legend={t("donations:offerForm.you")}>
            <Text size="sm" mb="xs">
              {t("donations:offerForm.youHint")}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextField field={f.donorName} label={t("donations:offerForm.name")} autoComplete="name" />
              <TextField field={f.donorEmail} type="email" label={t("donations:offerForm.email")} autoComplete="email" />
              <TextField field={f.donorPhone} type="tel" label={t("donations:offerForm.phone")} autoComplete="tel" />
            </SimpleGrid>
          </Fieldset>
        ) : (
          <TextField field={f.donorPhone} type="tel" label={t("donations:offerForm.phone")} autoComplete="tel" />
        )}
        <div>
          <SubmitButton>{t("donations:offerForm.submit")}</SubmitButton>
        </div>
      </Stack>
    </Form>
  );
}
