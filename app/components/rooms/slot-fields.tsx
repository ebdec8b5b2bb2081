import type { FieldMetadata } from "@conform-to/react";
import { Checkbox, Fieldset, SimpleGrid, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFieldError, TextField, TextAreaField } from "~/components/form";
import { localised } from "~/modules/rooms/translations";

type Field = FieldMetadata<any, any, string[]>;

/** Date, times, parts and details: shared by the request, change and office booking forms. */
export function SlotFields({
  f,
  parts,
  capacity,
}: {
  f: Record<"day" | "startTime" | "endTime" | "parts" | "purpose" | "attendees" | "responsibleAdult" | "phone", Field>;
  /** The room's parts; with their translations (`name_translations`) they are named in the page's language. */
  parts: Array<{ id: number; name: string; name_translations?: string | null }>;
  capacity: number;
}) {
  const { t, i18n } = useTranslation();
  const partsError = useFieldError(f.parts.errors);
  const chosen = new Set(([] as unknown[]).concat(f.parts.initialValue ?? []).map(String));
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextField field={f.day} type="date" label={t("rooms:fields.day")} />
        <TextField field={f.startTime} type="time" label={t("rooms:fields.startTime")} placeholder="18:00" formatDescription={t("rooms:fields.timeHint")} />
        <TextField field={f.endTime} type="time" label={t("rooms:fields.endTime")} placeholder="20:00" formatDescription={t("rooms:fields.timeHint")} />
      </SimpleGrid>
      {parts.length ? (
        <Fieldset legend={t("rooms:fields.parts")}>
          <Stack gap={6}>
            {parts.map((p) => (
              <Checkbox key={p.id} name={f.parts.name} value={String(p.id)} defaultChecked={chosen.has(String(p.id))} label={localised(p.name, p.name_translations, i18n.language)} />
            ))}
            {partsError ? (
              <span role="alert" style={{ color: "var(--mantine-color-red-8)" }}>
                {partsError}
              </span>
            ) : null}
          </Stack>
        </Fieldset>
      ) : null}
      <TextAreaField field={f.purpose} label={t("rooms:fields.purpose")} description={t("rooms:fields.purposeHint")} autosize minRows={2} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextField field={f.attendees} type="number" label={t("rooms:fields.attendees")} description={t("rooms:fields.attendeesHint", { capacity })} min={1} />
        <TextField field={f.responsibleAdult} label={t("rooms:fields.responsibleAdult")} autoComplete="name" />
        <TextField field={f.phone} type="tel" label={t("rooms:fields.phone")} autoComplete="tel" />
      </SimpleGrid>
    </Stack>
  );
}
