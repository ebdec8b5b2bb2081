import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Button, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormSection, replyFor, TextField } from "~/components/form";
import { addJuror, removeJuror } from "~/modules/seal/commands.server";
import { listJurors } from "~/modules/seal/queries.server";
import { AddJurorSchema, RemoveJurorSchema } from "~/modules/seal/schema";
import { formatDate } from "~/utils/dates";
import { badRequest, forbidden, isAppError, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "seal:juryOffice.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:seal:any");
  const jurors = await listJurors(actor);
  if (!jurors) throw forbidden();
  return { jurors };
}

const SCHEMAS = { "add-juror": AddJurorSchema, "remove-juror": RemoveJurorSchema };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:seal:any");
  const form = await parseIntentForm(request, SCHEMAS);
  if (form.intent === "remove-juror") {
    // A hidden field the page filled in: a bad one is a bad request.
    if (form.submission.status !== "success") throw badRequest();
    try {
      await removeJuror(actor, form.submission.value.userId);
    } catch (e) {
      if (isAppError(e) && e.status === 404) throw notFound();
      throw e;
    }
    return redirectWithFlash("/office/seal/jury", { key: "seal:flash.jurorRemoved", kind: "success" });
  }
  const { submission } = form;
  if (submission.status !== "success") return invalid(submission);
  try {
    await addJuror(actor, submission.value.email);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash("/office/seal/jury", { key: "seal:flash.jurorAdded", kind: "success" });
}

export default function SealJuryOffice() {
  const { t, i18n } = useTranslation();
  const { jurors } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, f] = useForm({ id: "add-juror", lastResult: replyFor(lastResult as never, "intent", "add-juror"), onValidate: ({ formData }) => parseWithZod(formData, { schema: AddJurorSchema }), shouldValidate: "onBlur" });
  return (
    <Stack>
      <Anchor component={Link} to="/office/seal">
        {t("seal:office.back")}
      </Anchor>
      <PageTitle description={t("seal:juryOffice.intro")}>{t("seal:juryOffice.title")}</PageTitle>
      <Paper withBorder p="lg" component="section" aria-labelledby="jurors">
        <Title order={2} size="h4" id="jurors" mb="sm">
          {t("seal:juryOffice.members")}
        </Title>
        {jurors.length === 0 ? (
          <Text>{t("seal:juryOffice.none")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={500}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("seal:juryOffice.name")}</Table.Th>
                  <Table.Th scope="col">{t("seal:juryOffice.since")}</Table.Th>
                  <Table.Th scope="col">{t("actions.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {jurors.map((j) => (
                  <Table.Tr key={j.user_id}>
                    <Table.Td>
                      <bdi>{j.name}</bdi> <Text span c="dimmed" dir="ltr">{j.email}</Text>
                    </Table.Td>
                    <Table.Td>{formatDate(j.added_at.slice(0, 10), i18n.language)}</Table.Td>
                    <Table.Td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove-juror" />
                        <input type="hidden" name="userId" value={j.user_id} />
                        <Button type="submit" variant="subtle" color="red" size="xs" aria-label={t("seal:juryOffice.removeNamed", { name: j.name })}>
                          {t("seal:juryOffice.remove")}
                        </Button>
                      </Form>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <FormSection id="add-juror-title" title={t("seal:juryOffice.add")} form={form} intent="add-juror" submit={t("seal:juryOffice.addSubmit")}>
        <TextField field={f.email} type="email" label={t("seal:juryOffice.email")} description={t("seal:juryOffice.emailHint")} maxLength={254} />
      </FormSection>
    </Stack>
  );
}
