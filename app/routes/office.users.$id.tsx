import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, Checkbox, Paper, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { redirect } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { resetTwoFactor, twoFactorEnabled } from "~/auth/two-factor.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, SubmitButton, useFieldError } from "~/components/form";
import { setUserDisabled, setUserRoles } from "~/modules/users/commands.server";
import { getUser } from "~/modules/users/queries.server";
import { RolesSchema, ROLE_VALUES } from "~/modules/users/schema";
import { formatDateTime } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { isAppError } from "~/utils/errors";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { badRequest, notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:users.title");

const Id = z.string().regex(/^[a-z0-9]{10,40}$/);

async function load(request: Request, id: string | undefined, context?: object) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:user:any");
  const parsed = Id.safeParse(id);
  if (!parsed.success) throw notFound();
  const user = await getUser(actor, parsed.data);
  if (!user) throw notFound();
  return { actor, user };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, user } = await load(request, params.id, context);
  return { user, isSelf: user.id === actor.userId, twoFactor: await twoFactorEnabled(user.id) };
}

/** The forms of the page, by their hidden intent. */
const SCHEMAS = {
  roles: RolesSchema,
  disable: z.object({ intent: z.literal("disable") }),
  enable: z.object({ intent: z.literal("enable") }),
  "reset-two-factor": z.object({ intent: z.literal("reset-two-factor") }),
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, user } = await load(request, params.id, context);
  const form = await parseIntentForm(request, SCHEMAS);
  const here = `/office/users/${user.id}`;
  if (form.intent === "roles") {
    const { submission } = form;
    if (submission.status !== "success") return invalid(submission);
    try {
      await setUserRoles(actor, user.id, submission.value.roles);
    } catch (error) {
      return replyWithError(submission, error);
    }
    return redirectWithFlash(here, { key: "flash.rolesSaved", kind: "success" });
  }
  if (form.intent === "disable" || form.intent === "enable") {
    if (user.id === actor.userId) throw badRequest();
    await setUserDisabled(actor, user.id, form.intent === "disable");
    return redirectWithFlash(here, { key: form.intent === "disable" ? "flash.userDisabled" : "flash.userEnabled", kind: "success" });
  }
  // A lost device: another admin switches the person's two-factor login off (audit-logged, sessions end).
  if (user.id === actor.userId) throw badRequest();
  try {
    await resetTwoFactor(actor, user.id);
  } catch (error) {
    if (isAppError(error) && error.status === 400) return redirect(here);
    throw error;
  }
  return redirect(here);
}

export default function UserPage() {
  const { t, i18n } = useTranslation();
  const { user, isSelf, twoFactor } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "roles", lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: RolesSchema }) });
  const rolesError = useFieldError(fields.roles.errors);
  return (
    <Stack>
      <Anchor component={Link} to="/office/users">
        {t("office:users.back")}
      </Anchor>
      <PageTitle description={user.email}>{user.name}</PageTitle>
      <Paper withBorder p="md">
        <Text>{t("office:users.since", { date: formatDateTime(user.created_at, i18n.language) })}</Text>
        <Text>{user.email_verified_at ? t("office:users.verifiedAt", { date: formatDateTime(user.email_verified_at, i18n.language) }) : t("office:users.unverified")}</Text>
        {user.organisations.length ? (
          <Text>
            {t("auth:account.organisations")}:{" "}
            {user.organisations.map((o, i) => (
              <span key={o.id}>
                {i ? ", " : ""}
                <Link to={`/office/organisations/${o.id}`}>{o.name}</Link>
              </span>
            ))}
          </Text>
        ) : null}
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="roles-h">
        <Title order={2} size="h4" id="roles-h" mb="sm">
          {t("office:users.roles")}
        </Title>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="roles" />
          <Stack>
            <FormErrors form={form} />
            <Checkbox.Group label={t("office:users.rolesLabel")} description={t("office:users.rolesHint")} error={rolesError} defaultValue={user.roles}>
              <Stack gap="xs" mt="xs">
                {ROLE_VALUES.filter((r) => r !== "association_member").map((r) => (
                  <Checkbox key={r} name="roles" value={r} label={t(`roles.${r}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
            <div>
              <SubmitButton>{t("actions.save")}</SubmitButton>
            </div>
          </Stack>
        </Form>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="two-factor-h">
        <Title order={2} size="h4" id="two-factor-h" mb="sm">
          {t("security:office.title")}
        </Title>
        <Text mb={twoFactor && !isSelf ? "sm" : 0}>{twoFactor ? t("security:office.on") : t("security:office.off")}</Text>
        {twoFactor && !isSelf ? (
          <Form method="post">
            <input type="hidden" name="intent" value="reset-two-factor" />
            <Stack align="flex-start">
              <Text size="sm">{t("security:office.resetHint")}</Text>
              <Button type="submit" variant="outline" color="red">
                {t("security:office.reset")}
              </Button>
            </Stack>
          </Form>
        ) : null}
      </Paper>
      {isSelf ? (
        <Alert variant="light">{t("office:users.selfHint")}</Alert>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value={user.disabled_at ? "enable" : "disable"} />
          <Button type="submit" variant="outline" color={user.disabled_at ? "blue" : "red"}>
            {user.disabled_at ? t("office:users.enable") : t("office:users.disable")}
          </Button>
        </Form>
      )}
    </Stack>
  );
}
