import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Stack } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { KeyBackSchema, KeyOutSchema } from "~/modules/rooms/schema";
import { formatSlot } from "~/utils/dates";

/** What a key step page shows of its booking (the loaders of `…/key-out` and `…/key-back` return it). */
export type KeyStepBooking = { id: number; room: string; startsAt: string; endsAt: string };

/** The booking row's part a key step page shows. */
export function keyStepBooking(b: { id: number; room_name: string; starts_at: string; ends_at: string }): KeyStepBooking {
  return { id: b.id, room: b.room_name, startsAt: b.starts_at, endsAt: b.ends_at };
}

/**
 * The page of one key step (key out, key back) without JavaScript: back to the booking, the
 * title with the room and the time, and the step's form, which posts to `…/<step>`.
 */
export function KeyStepPage({ booking, title, form }: { booking: KeyStepBooking; title: ReactNode; form: (action: string) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const here = `/office/rooms/bookings/${booking.id}`;
  return (
    <Stack>
      <Anchor component={Link} to={here}>
        {t("rooms:office.backToBooking")}
      </Anchor>
      <PageTitle description={`${booking.room} · ${formatSlot(booking.startsAt, booking.endsAt, i18n.language)}`}>{title}</PageTitle>
      {form(here)}
    </Stack>
  );
}

/** Key out: to whom, deposit received, condition (posted to `…/key-out`, which shows it again with the messages). */
export function KeyOutForm({ action, handedTo, depositCents, lastResult }: { action: string; handedTo: string; depositCents: number; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, f] = useForm({
    id: "key-out",
    lastResult,
    defaultValue: { handedTo, deposit: String(depositCents / 100), conditionOut: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: KeyOutSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" action={action} {...getFormProps(form)}>
      <Stack gap="xs">
        <FormErrors form={form} />
        <TextField field={f.handedTo} label={t("rooms:office.handedTo")} />
        <TextField field={f.deposit} type="number" min={0} label={t("rooms:office.depositReceived")} />
        <TextAreaField field={f.conditionOut} label={t("rooms:office.conditionOut")} maxLength={1000} />
        <div>
          <SubmitButton>{t("rooms:office.keyOut")}</SubmitButton>
        </div>
      </Stack>
    </Form>
  );
}

/** Key back: deposit outcome, condition, damages (posted to `…/key-back`). */
export function KeyBackForm({ action, lastResult }: { action: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, f] = useForm({
    id: "key-back",
    lastResult,
    defaultValue: { depositOutcome: "returned" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: KeyBackSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" action={action} {...getFormProps(form)}>
      <Stack gap="xs">
        <FormErrors form={form} />
        <SelectField
          field={f.depositOutcome}
          label={t("rooms:office.depositOutcome")}
          options={(["returned", "partly_kept", "kept"] as const).map((v) => ({ value: v, label: t(`rooms:office.deposit.${v}`) }))}
        />
        <TextAreaField field={f.conditionBack} label={t("rooms:office.conditionBack")} maxLength={1000} />
        <TextAreaField field={f.damages} label={t("rooms:office.damages")} maxLength={1000} />
        <div>
          <SubmitButton>{t("rooms:office.keyBack")}</SubmitButton>
        </div>
      </Stack>
    </Form>
  );
}
