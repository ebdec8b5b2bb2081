import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Fieldset, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { RoomSchema } from "~/modules/rooms/schema";
import { descriptionField, parseTranslations, partsField, ROOM_TEXT_LANGUAGES, textField, translationDefaults } from "~/modules/rooms/translations";
import { UiLanguageLabel } from "~/components/language-name";
import { uiLanguageName } from "~/utils/language-names";
import { weekdayName } from "~/utils/dates";

/** The room configuration (office). Opening hours: empty open and close = closed that day. */
export function RoomForm({ lastResult, defaultValue, submitLabel, withParts }: { lastResult?: SubmissionResult<string[]>; defaultValue?: Record<string, string>; submitLabel: string; withParts?: boolean }) {
  const { t, i18n } = useTranslation();
  const [form, f] = useForm({
    id: "room",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RoomSchema }),
    shouldValidate: "onBlur",
  });
  const fields = f as unknown as Record<string, Parameters<typeof TextField>[0]["field"]>;
  // In a label the language is named in the reader's language; the fieldset's legend adds its own name, marked.
  const inLanguage = (lang: (typeof ROOM_TEXT_LANGUAGES)[number]) => uiLanguageName(lang, i18n.language);
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="save" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextField field={f.name} label={t("rooms:config.name")} />
          <TextField field={f.address} label={t("rooms:config.address")} />
        </SimpleGrid>
        <TextAreaField field={f.description} label={t("rooms:config.description")} autosize minRows={2} />
        {withParts ? (
          <TextInput
            name="parts"
            id="room-parts"
            label={t("rooms:config.parts")}
            description={t("rooms:config.partsHint")}
            maxLength={900}
            defaultValue={(lastResult?.initialValue as Record<string, string> | undefined)?.parts ?? defaultValue?.parts}
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextField field={f.capacity} type="number" label={t("rooms:config.capacity")} />
          <TextField field={f.minMinutes} type="number" label={t("rooms:config.minMinutes")} />
          <TextField field={f.maxMinutes} type="number" label={t("rooms:config.maxMinutes")} />
          <TextField field={f.bufferMinutes} type="number" label={t("rooms:config.bufferMinutes")} />
          <TextField field={f.leadDays} type="number" label={t("rooms:config.leadDays")} />
          <TextField field={f.horizonMonths} type="number" label={t("rooms:config.horizonMonths")} />
          <TextField field={f.nightRestStart} type="time" label={t("rooms:config.nightRestStart")} />
          <TextField field={f.nightRestEnd} type="time" label={t("rooms:config.nightRestEnd")} />
          <TextField field={f.keyDeposit} type="number" label={t("rooms:config.keyDeposit")} />
          <TextField field={f.fee} type="number" label={t("rooms:config.fee")} />
          <TextField field={f.feeNote} label={t("rooms:config.feeNote")} description={t("rooms:config.feeNoteHint")} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextField field={f.keyPickupPlace} label={t("rooms:config.keyPickupPlace")} description={t("rooms:config.keyPickupHint")} />
          <TextField field={f.keyPickupHours} label={t("rooms:config.keyPickupHours")} />
        </SimpleGrid>
        <Fieldset legend={t("rooms:config.hours")}>
          {/* Scrolls sideways on a narrow screen instead of widening the page (Russian headers at 360 px). */}
          <Table.ScrollContainer minWidth={300}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("rooms:config.weekday")}</Table.Th>
                  <Table.Th scope="col">{t("rooms:config.open")}</Table.Th>
                  <Table.Th scope="col">{t("rooms:config.close")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[1, 2, 3, 4, 5, 6, 7].map((w) => (
                  <Table.Tr key={w}>
                    <Table.Th scope="row">{weekdayName(w, i18n.language, "long")}</Table.Th>
                    <Table.Td>
                      <TextField field={fields[`open${w}`]} type="time" label={t("rooms:config.openOn", { day: weekdayName(w, i18n.language, "long") })} labelProps={{ className: "sr-only" }} placeholder="08:00" />
                    </Table.Td>
                    <Table.Td>
                      <TextField field={fields[`close${w}`]} type="time" label={t("rooms:config.closeOn", { day: weekdayName(w, i18n.language, "long") })} labelProps={{ className: "sr-only" }} placeholder="22:00" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Fieldset>
        <TextAreaField field={f.rules} label={t("rooms:config.rules")} description={t("rooms:config.rulesHint")} autosize minRows={5} />
        {/* What visitors read in their language; empty fields show the German text. */}
        <Fieldset legend={t("rooms:config.translations")}>
          <Text size="sm" mb="xs">
            {t("rooms:config.translationsHint")}
          </Text>
          <Stack>
            {ROOM_TEXT_LANGUAGES.map((lang) => (
              <Fieldset key={lang} legend={<UiLanguageLabel code={lang} />} variant="unstyled">
                <Stack gap="xs">
                  <TextAreaField
                    field={fields[descriptionField(lang)]}
                    label={t("rooms:config.descriptionIn", { language: inLanguage(lang) })}
                    lang={lang}
                    dir="auto"
                    autosize
                    minRows={2}
                  />
                  {withParts ? (
                    <TextInput
                      name={partsField(lang)}
                      id={`room-${partsField(lang)}`}
                      label={t("rooms:config.partsIn", { language: inLanguage(lang) })}
                      description={t("rooms:config.partsInHint")}
                      lang={lang}
                      dir="auto"
                      maxLength={900}
                      defaultValue={(lastResult?.initialValue as Record<string, string> | undefined)?.[partsField(lang)] ?? defaultValue?.[partsField(lang)]}
                    />
                  ) : null}
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextField field={fields[textField("keyPickupPlace", lang)]} label={t("rooms:config.keyPickupPlaceIn", { language: inLanguage(lang) })} lang={lang} dir="auto" />
                    <TextField field={fields[textField("keyPickupHours", lang)]} label={t("rooms:config.keyPickupHoursIn", { language: inLanguage(lang) })} lang={lang} dir="auto" />
                  </SimpleGrid>
                  <TextField field={fields[textField("feeNote", lang)]} label={t("rooms:config.feeNoteIn", { language: inLanguage(lang) })} lang={lang} dir="auto" />
                  <TextAreaField field={fields[textField("rules", lang)]} label={t("rooms:config.rulesIn", { language: inLanguage(lang) })} lang={lang} dir="auto" autosize minRows={3} />
                </Stack>
              </Fieldset>
            ))}
          </Stack>
        </Fieldset>
        <div>
          <SubmitButton>{submitLabel}</SubmitButton>
        </div>
      </Stack>
    </Form>
  );
}

export function roomDefaults(
  room: {
    name: string;
    address: string;
    description: string;
    description_translations?: string;
    capacity: number;
    min_minutes: number;
    max_minutes: number;
    buffer_minutes: number;
    lead_days: number;
    horizon_months: number;
    night_rest_start: string;
    night_rest_end: string;
    key_deposit_cents: number;
    fee_cents: number;
    fee_note: string;
    fee_note_translations?: string;
    key_pickup_place?: string;
    key_pickup_hours?: string;
    key_pickup_place_translations?: string;
    key_pickup_hours_translations?: string;
  },
  hours: Array<{ open: string; close: string } | null>,
  /** The current house rules: the German text, or the version with its translations. */
  rules: string | { text: string; text_translations?: string },
): Record<string, string> {
  const rulesText = typeof rules === "string" ? rules : rules.text;
  const out: Record<string, string> = {
    name: room.name,
    address: room.address,
    description: room.description,
    ...Object.fromEntries(ROOM_TEXT_LANGUAGES.map((lang) => [descriptionField(lang), parseTranslations(room.description_translations)[lang] ?? ""])),
    capacity: String(room.capacity),
    minMinutes: String(room.min_minutes),
    maxMinutes: String(room.max_minutes),
    bufferMinutes: String(room.buffer_minutes),
    leadDays: String(room.lead_days),
    horizonMonths: String(room.horizon_months),
    nightRestStart: room.night_rest_start,
    nightRestEnd: room.night_rest_end,
    keyDeposit: String(room.key_deposit_cents / 100),
    fee: String(room.fee_cents / 100),
    feeNote: room.fee_note,
    ...translationDefaults("feeNote", room.fee_note_translations),
    keyPickupPlace: room.key_pickup_place ?? "",
    keyPickupHours: room.key_pickup_hours ?? "",
    ...translationDefaults("keyPickupPlace", room.key_pickup_place_translations),
    ...translationDefaults("keyPickupHours", room.key_pickup_hours_translations),
    rules: rulesText,
    ...translationDefaults("rules", typeof rules === "string" ? undefined : rules.text_translations),
  };
  hours.forEach((h, i) => {
    out[`open${i + 1}`] = h?.open ?? "";
    out[`close${i + 1}`] = h?.close ?? "";
  });
  return out;
}

/** The parts' German names and their translations, as the form's comma-separated fields. */
export function partDefaults(parts: Array<{ name: string; name_translations?: string }>): Record<string, string> {
  const out: Record<string, string> = { parts: parts.map((p) => p.name).join(", ") };
  for (const lang of ROOM_TEXT_LANGUAGES) out[partsField(lang)] = parts.map((p) => parseTranslations(p.name_translations)[lang] ?? "").join(", ");
  return out;
}
