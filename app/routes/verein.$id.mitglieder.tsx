import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi } from "~/components/bdi";
import { CheckboxField, FormErrors, replyFor, SubmitButton, TextField, useFieldError } from "~/components/form";
import { getMembersPage, inviteMember, removeMember, requireAssociationScope, revokeInvite, setMemberRole } from "~/modules/associations/members.server";
import { InviteSchema, MemberRoleSchema, RemoveMemberSchema, RevokeInviteSchema } from "~/modules/associations/schema";
import { formatDate } from "~/utils/dates";
import { isAppError, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "associations:members.title");

async function load(request: Request, context: object, rawId: string | undefined) {
  const actor = await requireActor(request, context);
  requireAssociationScope(actor);
  const id = parseId(rawId);
  // Scoped by the actor: only an admin of this organisation gets its members (else 404).
  const page = await getMembersPage(actor, id);
  if (!page) throw notFound();
  return { actor, id, page };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, page } = await load(request, context, params.id);
  return { ...page, me: actor.userId };
}

const SCHEMAS = { invite: InviteSchema, "set-role": MemberRoleSchema, remove: RemoveMemberSchema, "revoke-invite": RevokeInviteSchema };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, id } = await load(request, context, params.id);
  const form = await parseIntentForm(request, SCHEMAS);
  const here = `/verein/${id}/mitglieder`;
  const { submission } = form;
  if (submission.status !== "success") return invalid(submission);
  try {
    if (form.intent === "invite" && form.submission.status === "success") {
      await inviteMember(actor, id, form.submission.value);
      return redirectWithFlash(here, { key: "associations:flash.invited", kind: "success" });
    }
    if (form.intent === "set-role" && form.submission.status === "success") {
      await setMemberRole(actor, id, form.submission.value.userId, form.submission.value.role);
      return redirectWithFlash(here, { key: "flash.saved", kind: "success" });
    }
    if (form.intent === "remove" && form.submission.status === "success") {
      const leaving = form.submission.value.userId === actor.userId;
      await removeMember(actor, id, form.submission.value.userId);
      return leaving ? redirectWithFlash("/", { key: "associations:flash.left", kind: "success" }) : redirectWithFlash(here, { key: "flash.memberRemoved", kind: "success" });
    }
    if (form.intent === "revoke-invite" && form.submission.status === "success") {
      await revokeInvite(actor, id, form.submission.value.inviteId);
      return redirectWithFlash(here, { key: "associations:flash.inviteRevoked", kind: "success" });
    }
  } catch (error) {
    if (isAppError(error) && error.status === 400) return replyWithError(submission, error);
    throw error;
  }
  throw notFound();
}

function InviteForm() {
  const { t } = useTranslation();
  const lastResult = replyFor(useActionData<typeof action>() as SubmissionResult<string[]> | undefined, "intent", "invite");
  const [form, f] = useForm({
    id: "invite",
    lastResult,
    constraint: getZodConstraint(InviteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="invite-title">
      <Title order={2} size="h4" id="invite-title" mb="sm">
        {t("associations:members.invite")}
      </Title>
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          <input type="hidden" name="intent" value="invite" />
          <FormErrors form={form} />
          <TextField field={f.email} type="email" label={t("associations:members.email")} description={t("associations:members.inviteHint")} />
          <CheckboxField field={f.asAdmin} label={t("associations:members.asAdmin")} />
          <div>
            <SubmitButton>{t("associations:members.sendInvite")}</SubmitButton>
          </div>
        </Stack>
      </Form>
    </Paper>
  );
}

/** Answers of the row forms (set role, remove): a message above the table (they have no field to show it at). */
function RowError() {
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const intent = reply?.initialValue?.intent;
  const message = useFieldError(intent === "set-role" || intent === "remove" || intent === "revoke-invite" ? (reply?.error?.[""] ?? undefined) : undefined);
  return message ? (
    <Alert color="red" role="alert" variant="light">
      {message}
    </Alert>
  ) : null;
}

export default function Members() {
  const { t, i18n } = useTranslation();
  const { organisation, members, invites, me } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={organisation.name}>{t("associations:members.title")}</PageTitle>
      <RowError />
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <caption>{t("associations:members.caption", { name: organisation.name })}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("associations:members.name")}</Table.Th>
              <Table.Th scope="col">{t("associations:members.email")}</Table.Th>
              <Table.Th scope="col">{t("associations:members.role")}</Table.Th>
              <Table.Th scope="col">{t("associations:members.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  {m.name}
                  {m.id === me ? ` (${t("associations:members.you")})` : ""}
                </Table.Td>
                <Table.Td>
                  <Bdi>{m.email}</Bdi>
                </Table.Td>
                <Table.Td>{m.admin ? <Badge component="span" color="blue.8">{t("associations:roles.admin")}</Badge> : t("associations:roles.member")}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Form method="post">
                      <input type="hidden" name="intent" value="set-role" />
                      <input type="hidden" name="userId" value={m.id} />
                      <input type="hidden" name="role" value={m.admin ? "member" : "admin"} />
                      <Button type="submit" size="xs" variant="light" aria-label={t(m.admin ? "associations:members.makeMemberOf" : "associations:members.makeAdminOf", { name: m.name })}>
                        {t(m.admin ? "associations:members.makeMember" : "associations:members.makeAdmin")}
                      </Button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={m.id} />
                      <Button type="submit" size="xs" variant="light" color="red.8" aria-label={t(m.id === me ? "associations:members.leave" : "associations:members.removeOf", { name: m.name })}>
                        {t(m.id === me ? "associations:members.leave" : "associations:members.remove")}
                      </Button>
                    </Form>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed">
        {t("associations:members.lastAdminRule")}
      </Text>
      <InviteForm />
      <Paper withBorder p="lg" component="section" aria-labelledby="invites-title">
        <Title order={2} size="h4" id="invites-title" mb="sm">
          {t("associations:members.openInvites")}
        </Title>
        {invites.length === 0 ? (
          <Text>{t("associations:members.noInvites")}</Text>
        ) : (
          <Stack gap="xs">
            {invites.map((i) => (
              <Group key={i.id} justify="space-between">
                <Text>
                  <Bdi>{i.email}</Bdi> · {t(i.as_admin ? "associations:roles.admin" : "associations:roles.member")} ·{" "}
                  {t("associations:members.validUntil", { date: formatDate(i.expires_at.slice(0, 10), i18n.language) })}
                </Text>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-invite" />
                  <input type="hidden" name="inviteId" value={i.id} />
                  <Button type="submit" size="xs" variant="subtle" aria-label={t("associations:members.revokeOf", { email: i.email })}>
                    {t("associations:members.revoke")}
                  </Button>
                </Form>
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
