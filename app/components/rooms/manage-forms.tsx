import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Button, Group, Stack } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton, TextField } from "~/components/form";
import { SlotFields } from "~/components/rooms/slot-fields";
import { ChangeSchema, SeriesTimesSchema } from "~/modules/rooms/schema";
import { berlinDay, berlinTime } from "~/utils/dates";

type ChangeBooking = { id: number; startsAt: string; endsAt: string; parts: number[]; purpose: string; attendees: number; responsibleAdult: string; phone: string | null };

/** Change one date of a booking (posted to `…/aendern`, which shows it again with the messages). */
export function ChangeBookingForm({
  action,
  booking: b,
  parts,
  capacity,
  lastResult,
}: {
  action: string;
  booking: ChangeBooking;
  parts: Array<{ id: number; name: string; name_translations?: string | null }>;
  capacity: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, f] = useForm({
    id: `change-${b.id}`,
    lastResult,
    defaultValue: {
      day: berlinDay(b.startsAt),
      startTime: berlinTime(b.startsAt),
      endTime: berlinTime(b.endsAt),
      // A multi-value field: conform accepts a list of strings for checkboxes of one name.
      parts: b.parts.map(String) as unknown as string,
      purpose: b.purpose,
      attendees: String(b.attendees),
      responsibleAdult: b.responsibleAdult,
      phone: b.phone ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" action={action} {...getFormProps(form)}>
      <Stack>
        <input type="hidden" name="bookingId" value={b.id} />
        <SlotFields f={f} parts={parts} capacity={capacity} />
        <div>
          <SubmitButton>{t("rooms:manage.change")}</SubmitButton>
        </div>
      </Stack>
    </Form>
  );
}

/** New times for every future date of a series (posted to `…/serie`). */
export function SeriesTimesForm({ action, startsAt, endsAt, lastResult }: { action: string; startsAt: string; endsAt: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, f] = useForm({
    id: "series-times",
    lastResult,
    defaultValue: { startTime: berlinTime(startsAt), endTime: berlinTime(endsAt) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SeriesTimesSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" action={action} {...getFormProps(form)}>
      <Group align="flex-end" mt="sm">
        <TextField field={f.startTime} type="time" label={t("rooms:fields.startTime")} placeholder="18:00" />
        <TextField field={f.endTime} type="time" label={t("rooms:fields.endTime")} placeholder="20:00" />
        <Button type="submit" variant="default">
          {t("rooms:manage.changeSeries")}
        </Button>
      </Group>
    </Form>
  );
}
