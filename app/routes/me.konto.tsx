import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission, startSession } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormSection, PasswordField, replyFor, TextField } from "~/components/form";
import { changePassword, requestEmailChange, updateProfile } from "~/modules/accounts/commands.server";
import { getAccount } from "~/modules/accounts/queries.server";
import { ChangeEmailSchema, ChangeNameSchema, ChangePasswordSchema } from "~/modules/accounts/schema";
import { formatDateTime } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { clientIp, invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { isAppError } from "~/utils/errors";
import { titleFrom } from "~/utils/meta";
import { PASSWORD_MIN } from "~/utils/validation";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "auth:account.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:account:own", { userId: actor.userId });
  return { account: await getAccount(actor) };
}

const SCHEMAS = {
  "change-profile": ChangeNameSchema,
  "change-email": ChangeEmailSchema,
  "change-password": ChangePasswordSchema,
} as const;
type Intent = keyof typeof SCHEMAS;

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "update:account:own", { userId: actor.userId });
  const { submission } = await parseIntentForm(request, SCHEMAS);
  if (submission.status !== "success") return invalid(submission);
  try {
    const v = submission.value;
    if (v.intent === "change-profile") {
      await updateProfile({ userId: actor.userId, name: v.name });
      return redirectWithFlash("/me/konto", { key: "flash.profileSaved", kind: "success" });
    }
    if (v.intent === "change-email") {
      await requestEmailChange({ userId: actor.userId, newEmail: v.newEmail, currentPassword: v.currentPassword, ip: clientIp(context) });
      return redirect("/check-mail?for=email-change");
    }
    await changePassword({ userId: actor.userId, currentPassword: v.currentPassword, password: v.password, ip: clientIp(context) });
    // All sessions ended; this browser gets a fresh one (rotation).
    const cookie = await startSession(request, actor.userId);
    return redirectWithFlash("/me/konto", { key: "flash.passwordChanged", kind: "success" }, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    // A refusal about a field (wrong password, address taken) is answered at the field; anything else is thrown.
    if (isAppError(error) && error.field) return replyWithError(submission, error);
    throw error;
  }
}

function useIntentForm<S extends (typeof SCHEMAS)[Intent]>(intent: Intent, schema: S, defaultValue?: Record<string, string>) {
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  return useForm({
    id: intent,
    lastResult: replyFor(reply, "intent", intent),
    defaultValue,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}

export default function Account() {
  const { t, i18n } = useTranslation();
  const { account } = useLoaderData<typeof loader>();
  const [profileForm, profile] = useIntentForm("change-profile", ChangeNameSchema, { name: account.name });
  const [emailForm, emailFields] = useIntentForm("change-email", ChangeEmailSchema);
  const [pwForm, pw] = useIntentForm("change-password", ChangePasswordSchema);
  return (
    <Stack>
      <PageTitle description={t("auth:account.intro")}>{t("auth:account.title")}</PageTitle>
      <Paper withBorder p="lg">
        <Stack gap={4}>
          <Text>
            <strong>{t("auth:fields.email")}:</strong> {account.email}
          </Text>
          <Group gap="xs">
            <Text fw={700}>{t("auth:account.roles")}:</Text>
            {account.roles.map((r) => (
              <Badge component="span" key={r} variant="light">
                {t(`roles.${r}`)}
              </Badge>
            ))}
          </Group>
          {account.organisations.length ? (
            <Text>
              <strong>{t("auth:account.organisations")}:</strong> {account.organisations.map((o) => o.name).join(", ")}
            </Text>
          ) : null}
          <Text>
            <Anchor component={Link} to="/me/konto/zwei-faktor">
              {t("security:enrol.link")}
            </Anchor>
          </Text>
          <Text c="dimmed" size="sm">
            {t("auth:account.memberSince", { date: formatDateTime(account.createdAt, i18n.language) })}
          </Text>
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <FormSection id="profile-h" title={t("auth:account.profile")} form={profileForm} intent="change-profile" submit={t("actions.save")}>
          <TextField field={profile.name} label={t("auth:fields.name")} autoComplete="name" />
        </FormSection>
        <FormSection id="email-h" title={t("auth:account.changeEmail")} form={emailForm} intent="change-email" submit={t("auth:account.sendConfirmation")}>
          <TextField field={emailFields.newEmail} type="email" label={t("auth:fields.newEmail")} autoComplete="email" />
          <PasswordField field={emailFields.currentPassword} label={t("auth:fields.currentPassword")} autoComplete="current-password" />
        </FormSection>
        <FormSection id="pw-h" title={t("auth:account.changePassword")} form={pwForm} intent="change-password" submit={t("auth:account.changePassword")}>
          <PasswordField field={pw.currentPassword} label={t("auth:fields.currentPassword")} autoComplete="current-password" />
          <PasswordField field={pw.password} label={t("auth:fields.newPassword")} description={t("auth:fields.passwordRule", { min: PASSWORD_MIN })} autoComplete="new-password" />
          <PasswordField field={pw.passwordRepeat} label={t("auth:fields.passwordRepeat")} autoComplete="new-password" />
        </FormSection>
      </SimpleGrid>
    </Stack>
  );
}
