import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Paper, SimpleGrid, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { ConformForm, FormErrors, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { PrivacyNav } from "~/components/privacy/privacy-nav";
import { createRequest } from "~/modules/privacy/requests.server";
import { CHANNELS, NewRequestSchema, REQUEST_KINDS, SUBJECT_KINDS } from "~/modules/privacy/schema";
import { berlinDay } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "privacy:new.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:privacy");
  return { today: berlinDay(new Date()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:privacy");
  const { submission } = await parseForm(request, NewRequestSchema);
  if (submission.status !== "success") return invalid(submission);
  let id: number;
  try {
    id = await createRequest(actor, submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/privacy/${id}`, { key: "privacy:flash.created", kind: "success" });
}

export default function NewPrivacyRequest() {
  const { t } = useTranslation();
  const { today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const [form, f] = useForm({
    id: "privacy-request",
    lastResult,
    defaultValue: { kind: "access", subjectKind: "volunteer", channel: "letter", receivedOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewRequestSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Stack>
      <PageTitle description={t("privacy:new.intro")}>{t("privacy:new.title")}</PageTitle>
      <PrivacyNav />
      <Paper withBorder p="lg">
        <ConformForm form={form}>
          <Stack>
            <FormErrors form={form} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <SelectField field={f.kind} label={t("privacy:new.kind")} options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`privacy:kinds.${k}`) }))} />
              <TextField field={f.requesterName} label={t("privacy:new.requesterName")} autoComplete="off" maxLength={120} />
              <SelectField field={f.subjectKind} label={t("privacy:new.subjectKind")} options={SUBJECT_KINDS.map((k) => ({ value: k, label: t(`privacy:subjects.${k}`) }))} />
              <TextField field={f.volunteerEmail} type="email" label={t("privacy:new.volunteerEmail")} description={t("privacy:new.volunteerHint")} autoComplete="off" maxLength={254} />
              <TextField field={f.householdCode} label={t("privacy:new.householdCode")} description={t("privacy:new.householdHint")} autoComplete="off" maxLength={20} />
              <SelectField field={f.channel} label={t("privacy:new.channel")} options={CHANNELS.map((c) => ({ value: c, label: t(`privacy:channels.${c}`) }))} />
              <TextField field={f.receivedOn} type="date" max={today} label={t("privacy:new.receivedOn")} />
            </SimpleGrid>
            <TextAreaField field={f.note} label={t("privacy:new.note")} description={t("privacy:new.noteHint")} autosize minRows={2} maxLength={1000} />
            <div>
              <SubmitButton>{t("privacy:new.submit")}</SubmitButton>
            </div>
          </Stack>
        </ConformForm>
      </Paper>
    </Stack>
  );
}
