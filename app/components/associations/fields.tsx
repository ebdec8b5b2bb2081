import type { FormMetadata } from "@conform-to/react";
import { Checkbox, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFieldError } from "~/components/form";
import { languageName } from "~/utils/language-names";

/** The values a form field was filled with (one value or several). */
export const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" && v !== "" ? [v] : []);

/** The messages of an array field and of its items (`fields`, `fields[0]`). */
export function groupErrors(form: FormMetadata<any, string[]>, name: string): string[] | undefined {
  const all = form.allErrors ?? {};
  const found = Object.entries(all)
    .filter(([k]) => k === name || k.startsWith(`${name}[`))
    .flatMap(([, v]) => v ?? []);
  return found.length ? found : undefined;
}

/**
 * A group of checkboxes sending one name several times (fields of action, languages). The group
 * is labelled, its message announced and pointed to by every box; it works without JavaScript.
 */
export function CheckboxGroup({
  id,
  name,
  label,
  options,
  initial,
  errors,
  cols = 2,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  options: Array<{ value: string; label: ReactNode }>;
  initial: unknown;
  errors?: string[];
  cols?: number;
  hint?: string;
}) {
  const message = useFieldError(errors);
  const chosen = new Set(asList(initial));
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, message ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <Stack gap={4} role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
      <Text fw={500} size="sm" id={`${id}-label`}>
        {label}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed" id={hintId}>
          {hint}
        </Text>
      ) : null}
      {message ? (
        <Text c="var(--mantine-color-error)" size="sm" role="alert" id={errorId}>
          {message}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: cols }} spacing="xs">
        {options.map((o) => (
          <Checkbox
            key={o.value}
            id={`${id}-${o.value}`}
            name={name}
            value={o.value}
            defaultChecked={chosen.has(o.value)}
            label={o.label}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? errorId : undefined}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** Field-of-action names: translated by slug where a translation exists, else the stored name. */
export function useFieldName() {
  const { t } = useTranslation();
  return (f: { slug: string; name: string }) => t(`volunteers:fields.${f.slug}`, { defaultValue: f.name }) as string;
}

/** A language's name in the reader's language (lists, filters; see `app/utils/language-names.ts`). */
export function languageLabel(l: { code: string; name_native: string; name_de: string }, lang: string) {
  return languageName(l.code, lang, l.name_de);
}
