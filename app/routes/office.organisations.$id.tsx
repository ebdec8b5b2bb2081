import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, replyFor, SubmitButton, TextField, useFieldError } from "~/components/form";
import { OrganisationForm, organisationDefaults } from "~/components/organisations/organisation-form";
import {
  addOrganisationMember,
  removeOrganisationMember,
  setOrganisationArchived,
  updateOrganisation,
} from "~/modules/organisations/commands.server";
import { getOrganisation } from "~/modules/organisations/queries.server";
import { MemberSchema, OrganisationSchema } from "~/modules/organisations/schema";
import { formatDateTime } from "~/utils/dates";
import { isAppError, badRequest, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { parseId } from "~/utils/params";
import { AssociationOfficePanel } from "~/components/associations/office-panel";
import { setMemberRoleAsOffice } from "~/modules/associations/members.server";
import { getAssociationForOffice } from "~/modules/associations/office.server";
import { decideAssociation } from "~/modules/associations/register.server";
import { OfficeMemberRoleSchema, RejectSchema, VerifySchema } from "~/modules/associations/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.organisation.name} · Ehrenamt-Hub` : "Ehrenamt-Hub" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:organisation:any");
  const organisation = await getOrganisation(actor, parseId(params.id));
  if (!organisation) throw notFound();
  return { organisation, association: await getAssociationForOffice(actor, organisation.id) };
}

/** The forms of the page, by their hidden intent (the member to remove is a hidden field too). */
const SCHEMAS = {
  save: OrganisationSchema,
  "add-member": MemberSchema,
  "remove-member": z.object({ intent: z.literal("remove-member"), userId: z.string().min(1).max(64) }),
  archive: z.object({ intent: z.literal("archive") }),
  unarchive: z.object({ intent: z.literal("unarchive") }),
  // Associations (issue #15): the office verifies or rejects a registration and says who administers it.
  "verify-association": VerifySchema,
  "reject-association": RejectSchema,
  "set-admin": OfficeMemberRoleSchema,
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:organisation:any");
  const id = parseId(params.id);
  if (!(await getOrganisation(actor, id))) throw notFound();
  const form = await parseIntentForm(request, SCHEMAS);
  const here = `/office/organisations/${id}`;
  if (form.intent === "save") {
    const { submission } = form;
    if (submission.status !== "success") return invalid(submission);
    await updateOrganisation(actor, id, submission.value);
    return redirectWithFlash(here, { key: "flash.saved", kind: "success" });
  }
  if (form.intent === "add-member") {
    const { submission } = form;
    if (submission.status !== "success") return invalid(submission);
    try {
      await addOrganisationMember(actor, id, submission.value.email);
    } catch (error) {
      if (isAppError(error) && error.field) return replyWithError(submission, error);
      throw error;
    }
    return redirectWithFlash(here, { key: "flash.memberAdded", kind: "success" });
  }
  if (form.intent === "remove-member") {
    const { submission } = form;
    // A hidden field the page filled in: a bad one is a bad request, not a message at a field.
    if (submission.status !== "success") throw badRequest();
    try {
      await removeOrganisationMember(actor, id, submission.value.userId);
    } catch (error) {
      // Not a member of this organisation: nothing to remove.
      if (isAppError(error) && error.status === 404) throw notFound();
      // The association's last admin (ADR 0032): the message above the members.
      if (isAppError(error) && error.status === 400) return replyWithError(submission, error);
      throw error;
    }
    return redirectWithFlash(here, { key: "flash.memberRemoved", kind: "success" });
  }
  if (form.intent === "verify-association" || form.intent === "reject-association" || form.intent === "set-admin") {
    const { submission } = form;
    if (submission.status !== "success") return invalid(submission);
    try {
      if (form.intent === "set-admin" && form.submission.status === "success") await setMemberRoleAsOffice(actor, id, form.submission.value.userId, form.submission.value.role);
      else if (form.intent === "reject-association" && form.submission.status === "success") await decideAssociation(actor, id, { verify: false, reason: form.submission.value.reason });
      else await decideAssociation(actor, id, { verify: true });
    } catch (error) {
      if (isAppError(error) && error.status === 400) return replyWithError(submission, error);
      throw error;
    }
    return redirectWithFlash(here, { key: form.intent === "set-admin" ? "flash.saved" : `associations:flash.${form.intent}`, kind: "success" });
  }
  const archive = form.intent === "archive";
  await setOrganisationArchived(actor, id, archive);
  return redirectWithFlash(here, { key: archive ? "flash.archived" : "flash.unarchived", kind: "success" });
}

export default function OrganisationPage() {
  const { t, i18n } = useTranslation();
  const { organisation: o, association } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const resultFor = (intent: string) => replyFor(reply, "intent", intent);
  const [memberForm, memberFields] = useForm({
    id: "add-member",
    lastResult: resultFor("add-member"),
    constraint: getZodConstraint(MemberSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MemberSchema }),
    shouldValidate: "onSubmit",
  });
  const removeError = useFieldError(resultFor("remove-member")?.error?.[""] ?? undefined);
  return (
    <Stack>
      <Anchor component={Link} to="/office/organisations">
        {t("office:organisations.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={t(`legalForms.${o.legal_form}`)}>{o.name}</PageTitle>
        {o.archived_at ? <Badge component="span" color="gray">{t("office:organisations.archivedSince", { date: formatDateTime(o.archived_at, i18n.language) })}</Badge> : null}
      </Group>
      <AssociationOfficePanel association={association} members={o.members} reply={reply} />
      <Paper withBorder p="lg" component="section" aria-labelledby="org-data">
        <Title order={2} size="h4" id="org-data" mb="sm">
          {t("office:organisations.data")}
        </Title>
        <OrganisationForm key={o.updated_at} lastResult={resultFor("save")} defaultValue={organisationDefaults(o)} submitLabel={t("actions.save")} />
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="org-members">
        <Title order={2} size="h4" id="org-members" mb="xs">
          {t("office:organisations.members")}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t("office:organisations.membersHint")}
        </Text>
        {removeError ? (
          <Alert color="red" role="alert" variant="light" mb="sm">
            {removeError}
          </Alert>
        ) : null}
        {o.members.length ? (
          <Table mb="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("office:organisations.fields.contactName")}</Table.Th>
                <Table.Th scope="col">{t("office:organisations.fields.email")}</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">{t("actions.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.members.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.name}</Table.Td>
                  <Table.Td>{m.email}</Table.Td>
                  <Table.Td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="userId" value={m.id} />
                      <Button type="submit" size="compact-sm" variant="subtle" color="red">
                        {t("office:organisations.removeMember", { name: m.name })}
                      </Button>
                    </Form>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text mb="md">{t("office:organisations.noMembers")}</Text>
        )}
        <Form method="post" {...getFormProps(memberForm)}>
          <input type="hidden" name="intent" value="add-member" />
          <Group align="flex-end">
            <FormErrors form={memberForm} />
            <TextField field={memberFields.email} type="email" label={t("office:organisations.memberEmail")} />
            <SubmitButton variant="light">{t("office:organisations.addMember")}</SubmitButton>
          </Group>
        </Form>
      </Paper>
      <Form method="post">
        <input type="hidden" name="intent" value={o.archived_at ? "unarchive" : "archive"} />
        <Button type="submit" variant="outline" color={o.archived_at ? "blue" : "red"}>
          {o.archived_at ? t("office:organisations.unarchive") : t("office:organisations.archive")}
        </Button>
      </Form>
    </Stack>
  );
}
