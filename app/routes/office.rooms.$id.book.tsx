import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, SimpleGrid, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { requireOfficeRoom } from "~/modules/rooms/office-room.server";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { SUPPORTED_LANGUAGES } from "~/i18n/config";
import { SlotFields } from "~/components/rooms/slot-fields";
import { ViolationAlert, type ViolationView } from "~/components/rooms/violations";
import { bookByOffice } from "~/modules/rooms/decide-booking.server";
import { OfficeBookingSchema } from "~/modules/rooms/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { uiLanguageName } from "~/utils/language-names";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.bookDirect");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { room, parts } = await requireOfficeRoom(await requireActor(request, context), params.id, "approve:booking:any");
  return { room: { id: room.id, name: room.name, capacity: room.capacity }, parts };
}

type ActionData = { result: SubmissionResult<string[]>; violations?: ViolationView[] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, room } = await requireOfficeRoom(await requireActor(request, context), params.id, "approve:booking:any");
  const submission = parseWithZod(await readForm(request), { schema: OfficeBookingSchema });
  if (submission.status !== "success") return data<ActionData>({ result: submission.reply() }, { status: 400 });
  const r = await bookByOffice(actor, room.id, submission.value);
  if (!r.ok) {
    return data<ActionData>({ result: submission.reply(r.field ? { fieldErrors: { [r.field]: [r.violations[0].key] } } : undefined), violations: r.field ? [] : r.violations }, { status: 400 });
  }
  return redirectWithFlash(`/office/rooms/bookings/${r.id}`, { key: "flash.roomBooked", kind: "success" });
}

export default function OfficeBook() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [form, f] = useForm({
    id: "office-booking",
    lastResult: actionData?.result,
    defaultValue: { locale: "de" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfficeBookingSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Stack>
      <Anchor component={Link} to={`/office/rooms/${d.room.id}`}>
        {t("rooms:request.backToRoom", { name: d.room.name })}
      </Anchor>
      <PageTitle description={t("rooms:office.bookDirectIntro")}>{t("rooms:office.bookDirectTitle", { name: d.room.name })}</PageTitle>
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          <FormErrors form={form} />
          <ViolationAlert violations={actionData?.violations ?? []} title={t("rooms:request.notPossible")} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextField field={f.name} label={t("rooms:fields.name")} />
            <TextField field={f.email} type="email" label={t("rooms:fields.email")} />
            <TextField field={f.groupName} label={t("rooms:fields.groupName")} />
            <SelectField field={f.locale} label={t("rooms:fields.locale")} options={SUPPORTED_LANGUAGES.map((l) => ({ value: l, label: uiLanguageName(l, i18n.language) }))} />
          </SimpleGrid>
          <SlotFields f={f} parts={d.parts} capacity={d.room.capacity} />
          <div>
            <SubmitButton>{t("rooms:office.bookNow")}</SubmitButton>
          </div>
        </Stack>
      </Form>
    </Stack>
  );
}
