import type { FieldMetadata } from "@conform-to/react";
import { Fieldset, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField, TextAreaField, TextField } from "~/components/form";
import { directionOf } from "~/i18n/config";
import { OFFER_SINGLE_ROWS, OFFER_TEXT_LOCALES, OFFER_WEEKLY_ROWS, WEEKDAYS } from "~/modules/associations/schema";
import { weekdayName } from "~/utils/dates";

type Fields = Record<string, FieldMetadata<any, any, string[]>>;
const capital = (l: string) => l[0].toUpperCase() + l.slice(1);

/**
 * The offers directory's part of the /verein offer form (issue #15): title and description in
 * further languages (optional; German is required above), weekly slots and single dates in fixed
 * rows (the form works without JavaScript), and "volunteers wanted".
 */
export function OfferExtraFields({ fields }: { fields: unknown }) {
  const f = fields as Fields;
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <Fieldset legend={t("directory:form.translations")}>
        <Stack>
          <Text size="sm">{t("directory:form.translationsHint")}</Text>
          {OFFER_TEXT_LOCALES.map((l) => (
            <Stack key={l} gap="xs">
              <TextField field={f[`title${capital(l)}`]} label={t(`directory:form.title.${l}`)} lang={l} dir={directionOf(l)} />
              <TextAreaField field={f[`description${capital(l)}`]} label={t(`directory:form.description.${l}`)} autosize minRows={3} lang={l} dir={directionOf(l)} />
            </Stack>
          ))}
        </Stack>
      </Fieldset>
      <Fieldset legend={t("directory:form.dates")}>
        <Stack>
          <Text size="sm">{t("directory:form.datesHint")}</Text>
          {Array.from({ length: OFFER_WEEKLY_ROWS }, (_, i) => i + 1).map((i) => (
            <SimpleGrid key={`w${i}`} cols={{ base: 1, sm: 5 }}>
              <SelectField
                field={f[`weekly${i}Day`]}
                label={t("directory:form.weekday", { n: i })}
                options={[{ value: "", label: t("directory:form.none") }, ...WEEKDAYS.map((d) => ({ value: String(d), label: weekdayName(d, lang, "long") }))]}
              />
              <TextField field={f[`weekly${i}From`]} type="time" label={t("directory:form.from")} placeholder="18:00" />
              <TextField field={f[`weekly${i}To`]} type="time" label={t("directory:form.to")} placeholder="20:00" />
              <TextField field={f[`weekly${i}Since`]} type="date" label={t("directory:form.since")} />
              <TextField field={f[`weekly${i}Until`]} type="date" label={t("directory:form.until")} />
            </SimpleGrid>
          ))}
          {Array.from({ length: OFFER_SINGLE_ROWS }, (_, i) => i + 1).map((i) => (
            <SimpleGrid key={`s${i}`} cols={{ base: 1, sm: 3 }}>
              <TextField field={f[`single${i}Date`]} type="date" label={t("directory:form.date", { n: i })} />
              <TextField field={f[`single${i}From`]} type="time" label={t("directory:form.from")} placeholder="18:00" />
              <TextField field={f[`single${i}To`]} type="time" label={t("directory:form.to")} placeholder="20:00" />
            </SimpleGrid>
          ))}
        </Stack>
      </Fieldset>
      <CheckboxField field={f.volunteersWanted} label={t("directory:form.volunteersWanted")} />
    </>
  );
}
