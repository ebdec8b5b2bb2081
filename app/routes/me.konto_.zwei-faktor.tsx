import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Box, Code, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { endAllSessions, requireActor, requirePermission, startSession, TWO_FACTOR_ENROL_PATH } from "~/auth/session.server";
import { confirmEnrolment, disableTwoFactor, getTwoFactorState, startEnrolment } from "~/auth/two-factor.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, replyFor, SubmitButton, TextField } from "~/components/form";
import { EnrolSchema } from "~/modules/security/schema";
import { isAppError } from "~/utils/errors";
import { clientIp, invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "security:enrol.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:account:own", { userId: actor.userId });
  return { state: await getTwoFactorState(actor) };
}

/** Shown once, right after the confirmation (stored only as hashes): the one success that is not a redirect. */
type Enrolled = { recoveryCodes: string[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "update:account:own", { userId: actor.userId });
  // One schema for the three forms: the hidden intent is one of its fields.
  const { submission } = await parseForm(request, EnrolSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    const v = submission.value;
    if (v.intent === "start") {
      await startEnrolment(actor);
      return redirect(TWO_FACTOR_ENROL_PATH);
    }
    if (v.intent === "confirm") {
      const recoveryCodes = await confirmEnrolment(actor, v.code);
      // Rotation: every other session of the account ends, this browser gets a new one.
      await endAllSessions(actor.userId);
      const cookie = await startSession(request, actor.userId);
      return data<Enrolled>({ recoveryCodes }, { headers: { "Set-Cookie": cookie, "Cache-Control": "no-store" } });
    }
    await disableTwoFactor(actor, v.code, clientIp(context));
    return redirect(TWO_FACTOR_ENROL_PATH);
  } catch (e) {
    // A wrong code is answered at the form; a throttled account (429) gets its own page.
    if (isAppError(e) && e.status < 403) return replyWithError(submission, e);
    throw e;
  }
}

function useActionReply() {
  const actionData = useActionData<typeof action>() as SubmissionResult<string[]> | Enrolled | undefined;
  return actionData && "recoveryCodes" in actionData ? { codes: actionData.recoveryCodes } : { reply: actionData };
}

function useIntentForm(intent: string) {
  const { reply } = useActionReply();
  return useForm({
    id: `two-factor-${intent}`,
    lastResult: replyFor(reply, "intent", intent),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EnrolSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Alert color="green" role="status" title={t("security:enrol.enabledTitle")}>
          {t("security:enrol.enabledText")}
        </Alert>
        <Title order={2} size="h3">
          {t("security:enrol.recoveryTitle")}
        </Title>
        <Text>{t("security:enrol.recoveryText")}</Text>
        <List listStyleType="none" spacing={4} aria-label={t("security:enrol.recoveryTitle")}>
          {codes.map((c) => (
            <List.Item key={c}>
              <Code dir="ltr" fz="md">
                {c}
              </Code>
            </List.Item>
          ))}
        </List>
        <Anchor component={Link} to="/me/konto">
          {t("security:enrol.backToAccount")}
        </Anchor>
      </Stack>
    </Paper>
  );
}

export default function TwoFactorPage() {
  const { t } = useTranslation();
  const { state } = useLoaderData<typeof loader>();
  const { codes } = useActionReply();
  const [startForm] = useIntentForm("start");
  const [confirmForm, confirmFields] = useIntentForm("confirm");
  const [disableForm, disableFields] = useIntentForm("disable");
  return (
    <Stack maw={640}>
      <Anchor component={Link} to="/me/konto">
        {t("security:enrol.backToAccount")}
      </Anchor>
      <PageTitle description={t("security:enrol.intro")}>{t("security:enrol.title")}</PageTitle>
      <Group>
        <Text fw={600}>{t("security:enrol.status")}</Text>
        <Text fw={700}>{state.enabled ? t("security:enrol.on") : t("security:enrol.off")}</Text>
      </Group>
      {state.required && !state.enabled ? (
        <Alert color="orange" role="status">
          {t("security:enrol.requiredText")}
        </Alert>
      ) : null}
      {codes ? <RecoveryCodes codes={codes} /> : null}
      {!codes && state.enabled ? (
        <Paper withBorder p="lg">
          <Stack>
            <Text>{t("security:enrol.recoveryLeft", { count: state.recoveryLeft })}</Text>
            {state.required ? (
              <Text>{t("security:enrol.requiredNoDisable")}</Text>
            ) : (
              <Form method="post" {...getFormProps(disableForm)}>
                <Stack>
                  <Title order={2} size="h3">
                    {t("security:enrol.disableTitle")}
                  </Title>
                  <FormErrors form={disableForm} />
                  <input type="hidden" name="intent" value="disable" />
                  <TextField field={disableFields.code} label={t("security:login.code")} description={t("security:login.codeHint")} autoComplete="one-time-code" />
                  <SubmitButton color="red">{t("security:enrol.disable")}</SubmitButton>
                </Stack>
              </Form>
            )}
          </Stack>
        </Paper>
      ) : null}
      {!state.enabled && !state.pending ? (
        <Paper withBorder p="lg">
          <Form method="post" {...getFormProps(startForm)}>
            <Stack>
              <FormErrors form={startForm} />
              <Text>{t("security:enrol.startText")}</Text>
              <input type="hidden" name="intent" value="start" />
              <SubmitButton>{t("security:enrol.start")}</SubmitButton>
            </Stack>
          </Form>
        </Paper>
      ) : null}
      {!state.enabled && state.pending ? (
        <Paper withBorder p="lg">
          <Stack>
            <Title order={2} size="h3">
              {t("security:enrol.scanTitle")}
            </Title>
            <Text>{t("security:enrol.scanText")}</Text>
            {/* The QR code is drawn on the server from this account's key: an SVG of paths, no script. */}
            <Box role="img" aria-label={t("security:enrol.qrLabel")} w={208} h={208} bg="white" dangerouslySetInnerHTML={{ __html: state.pending.qrSvg }} />
            <Text>{t("security:enrol.manualText")}</Text>
            <Code dir="ltr" fz="lg" style={{ alignSelf: "flex-start" }}>
              {state.pending.secret}
            </Code>
            <Form method="post" {...getFormProps(confirmForm)}>
              <Stack>
                <FormErrors form={confirmForm} />
                <input type="hidden" name="intent" value="confirm" />
                <TextField field={confirmFields.code} label={t("security:enrol.confirmCode")} description={t("security:enrol.confirmHint")} autoComplete="one-time-code" inputMode="numeric" />
                <SubmitButton>{t("security:enrol.confirm")}</SubmitButton>
              </Stack>
            </Form>
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
