import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { CheckboxField, FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { createAssignment, getAssignmentOptions, getVolunteer, searchVolunteers } from "~/modules/coverage/assignments.server";
import { AssignmentSchema } from "~/modules/coverage/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:assignments.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:assignment:any");
  const url = new URL(request.url);
  const q = searchParam(url);
  const volunteerId = searchParam(url, "volunteerId", 64);
  const volunteer = volunteerId && /^[a-z0-9]+$/.test(volunteerId) ? ((await getVolunteer(volunteerId)) ?? null) : null;
  return { q: q ?? "", matches: q ? await searchVolunteers(actor, q) : [], volunteer, options: await getAssignmentOptions() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:assignment:any");
  const { submission } = await parseForm(request, AssignmentSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    const id = await createAssignment(actor, submission.value);
    return redirectWithFlash(`/office/assignments/${id}`, { key: "flash.saved", kind: "success" });
  } catch (e) {
    return replyWithError(submission, e);
  }
}

export default function NewAssignment() {
  const { t } = useTranslation("coverage");
  const { q, matches, volunteer, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, f] = useForm({
    id: "assignment",
    lastResult,
    defaultValue: { volunteerId: volunteer?.id ?? "" },
    constraint: getZodConstraint(AssignmentSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignmentSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const volunteerId = volunteer?.id ?? (typeof f.volunteerId.initialValue === "string" ? f.volunteerId.initialValue : "");
  return (
    <Stack>
      <Anchor component={Link} to="/office/assignments">
        {t("assignments.back")}
      </Anchor>
      <PageTitle description={t("assignments.newIntro")}>{t("assignments.new")}</PageTitle>
      <Paper withBorder p="lg" component="section" aria-label={t("volunteerSearch.label")}>
        <Form method="get" role="search" aria-label={t("volunteerSearch.label")}>
          <Group align="flex-end">
            <TextInput name="q" label={t("volunteerSearch.label")} defaultValue={q} maxLength={100} />
            <Button type="submit" variant="light">
              {t("common:actions.search")}
            </Button>
          </Group>
        </Form>
        {q ? (
          matches.length ? (
            <List mt="sm">
              {matches.map((m) => (
                <List.Item key={m.id}>
                  <Link to={`?volunteerId=${m.id}`}>{t("volunteerSearch.pick", { name: m.name, email: m.email })}</Link>
                </List.Item>
              ))}
            </List>
          ) : (
            <Text mt="sm">{t("volunteerSearch.none")}</Text>
          )
        ) : null}
      </Paper>
      {volunteerId ? (
        <Paper withBorder p="lg" component="section" aria-label={t("assignments.new")}>
          <Form method="post" {...getFormProps(form)}>
            <Stack>
              <FormErrors form={form} />
              <input type="hidden" name="volunteerId" value={volunteerId} />
              {volunteer ? <Text fw={600}>{t("fields.volunteerValue", { name: volunteer.name, email: volunteer.email })}</Text> : null}
              {f.volunteerId.errors ? (
                <Alert color="red" variant="light" role="alert">
                  {t("errors.noSuchVolunteer")}
                </Alert>
              ) : null}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField field={f.activity} label={t("fields.activity")} description={t("fields.activityHint")} />
                <SelectField field={f.fieldOfActionId} label={t("fields.fieldOfAction")} options={[{ value: "", label: t("common:actions.choose") }, ...options.fields.map((x) => ({ value: String(x.id), label: x.name }))]} />
                <SelectField
                  field={f.organisationId}
                  label={t("fields.organisation")}
                  options={[{ value: "", label: t("common:actions.choose") }, ...options.organisations.map((o) => ({ value: String(o.id), label: `${o.name} (${t(`common:legalForms.${o.legal_form}`)})` }))]}
                />
                <TextField field={f.documentRef} label={t("fields.documentRef")} description={t("fields.documentRefHint")} />
                <TextField field={f.startDay} type="date" label={t("fields.startDay")} />
                <TextField field={f.endDay} type="date" label={t("fields.endDay")} description={t("fields.endDayHint")} />
              </SimpleGrid>
              <CheckboxField field={f.worksWithMinors} label={t("fields.worksWithMinorsHint")} />
              <div>
                <SubmitButton>{t("common:actions.create")}</SubmitButton>
              </div>
            </Stack>
          </Form>
        </Paper>
      ) : (
        <Text>{t("assignments.pickFirst")}</Text>
      )}
    </Stack>
  );
}
