import type { FieldMetadata } from "@conform-to/react";
import { Checkbox, Fieldset, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFieldError } from "~/components/form";
import { LanguageLabel } from "~/components/language-name";
import { HELP_KINDS } from "~/modules/sponsorships/schema";
import { TIME_SLOTS, TIME_WEEKDAYS } from "~/modules/sponsorships/times";
import { weekdayName } from "~/utils/dates";

type Field = FieldMetadata<any, any, string[]>;

/** The values a list field starts with (conform's initial value, one or several). */
function chosen(field: Field): Set<string> {
  const v = field.initialValue as string[] | string | undefined;
  return new Set(v === undefined ? [] : Array.isArray(v) ? v : [v]);
}

/** The messages of a list field (conform reports them per field or per item). */
function listErrors(field: Field): string[] | undefined {
  const all = [...(field.errors ?? []), ...Object.values(field.allErrors ?? {}).flat()];
  return all.length ? all : undefined;
}

/** Checkboxes of one list field in a fieldset; the field's message below them, announced. */
function CheckboxGroup({ field, legend, description, options }: { field: Field; legend: string; description?: string; options: Array<{ value: string; label: ReactNode }> }) {
  const picked = chosen(field);
  const error = useFieldError(listErrors(field));
  return (
    <Fieldset legend={legend} aria-describedby={error ? field.errorId : undefined}>
      <Stack gap="xs">
        {description ? <Text size="sm">{description}</Text> : null}
        <Group gap="md">
          {options.map((o) => (
            <Checkbox key={o.value} name={field.name} value={o.value} defaultChecked={picked.has(o.value)} label={o.label} />
          ))}
        </Group>
        {error ? (
          <Text c="var(--mantine-color-error)" size="sm" role="alert" id={field.errorId}>
            {error}
          </Text>
        ) : null}
      </Stack>
    </Fieldset>
  );
}

export function HelpChoices({ field, legend, description }: { field: Field; legend: string; description?: string }) {
  const { t } = useTranslation();
  return <CheckboxGroup field={field} legend={legend} description={description} options={HELP_KINDS.map((h) => ({ value: h, label: t(`sponsorships:help.${h}`) }))} />;
}

/** The languages a person speaks: each named in the page's language and in its own, marked (`LanguageLabel`). */
export function LanguageChoices({ field, legend, languages }: { field: Field; legend: string; languages: Array<{ code: string; name_native: string; name_de: string }> }) {
  return <CheckboxGroup field={field} legend={legend} options={languages.map((l) => ({ value: l.code, label: <LanguageLabel language={l} /> }))} />;
}

/** The week's 21 times (weekday × morning/afternoon/evening), one fieldset per weekday. */
export function TimesChoices({ field, legend, description }: { field: Field; legend: string; description?: string }) {
  const { t, i18n } = useTranslation();
  const picked = chosen(field);
  const error = useFieldError(listErrors(field));
  return (
    <Fieldset legend={legend}>
      <Stack gap="xs">
        {description ? <Text size="sm">{description}</Text> : null}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
          {TIME_WEEKDAYS.map((d) => (
            <Fieldset key={d} legend={weekdayName(d, i18n.language, "long")} variant="unstyled">
              <Stack gap={4}>
                {TIME_SLOTS.map((s) => (
                  <Checkbox key={s} name={field.name} value={`${d}-${s}`} defaultChecked={picked.has(`${d}-${s}`)} label={t(`sponsorships:slots.${s}`)} />
                ))}
              </Stack>
            </Fieldset>
          ))}
        </SimpleGrid>
        {error ? (
          <Text c="var(--mantine-color-error)" size="sm" role="alert" id={field.errorId}>
            {error}
          </Text>
        ) : null}
      </Stack>
    </Fieldset>
  );
}
