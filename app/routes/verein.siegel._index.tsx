import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Badge, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { memberOrganisations } from "~/auth/permissions";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, SelectField, SubmitButton } from "~/components/form";
import { startApplication } from "~/modules/seal/commands.server";
import { currentCatalogue, listOwnApplications } from "~/modules/seal/queries.server";
import { awardState } from "~/modules/seal/rules";
import { StartSchema } from "~/modules/seal/schema";
import { berlinDay, formatDate } from "~/utils/dates";
import { forbidden } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "seal:apply.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  // Scoped: the applications and awards of the organisations the actor belongs to, nothing else.
  if (!memberOrganisations(actor, "apply:seal:own").length) throw forbidden();
  const [own, catalogue] = await Promise.all([listOwnApplications(actor), currentCatalogue()]);
  const today = berlinDay(new Date());
  return { ...own, awards: own.awards.map((a) => ({ ...a, state: awardState(a, today) })), hasCatalogue: !!catalogue };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!memberOrganisations(actor, "apply:seal:own").length) throw forbidden();
  const { submission } = await parseForm(request, StartSchema);
  if (submission.status !== "success") return invalid(submission);
  let id: number;
  try {
    id = await startApplication(actor, submission.value.organisationId);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/verein/siegel/${id}`, { key: "seal:flash.started", kind: "success" });
}

export default function SealApplications() {
  const { t, i18n } = useTranslation();
  const { organisations, applications, awards, hasCatalogue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, f] = useForm({
    id: "seal-start",
    lastResult,
    defaultValue: { intent: "start", organisationId: organisations[0] ? String(organisations[0].id) : "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StartSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Stack>
      <PageTitle description={t("seal:apply.intro")}>{t("seal:apply.title")}</PageTitle>
      <Text>
        <Anchor component={Link} to="/siegel">
          {t("seal:apply.registerLink")}
        </Anchor>
      </Text>
      {awards.length ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="own-awards">
          <Title order={2} size="h4" id="own-awards" mb="sm">
            {t("seal:apply.awards")}
          </Title>
          <Stack gap="xs">
            {awards.map((a) => (
              <Text key={a.id}>
                <Badge component="span" color={a.state === "valid" ? "green" : "red"} variant="light">
                  {t(`seal:verify.state.${a.state}`)}
                </Badge>{" "}
                {t("seal:apply.awardLine", { validUntil: formatDate(a.valid_until, i18n.language) })}{" "}
                <Anchor component={Link} to={`/siegel/${a.code}`}>
                  {t("seal:apply.verification")}
                </Anchor>
              </Text>
            ))}
          </Stack>
        </Paper>
      ) : null}
      <Paper withBorder p="lg" component="section" aria-labelledby="own-applications">
        <Title order={2} size="h4" id="own-applications" mb="sm">
          {t("seal:apply.applications")}
        </Title>
        {applications.length === 0 ? (
          <Text>{t("seal:apply.none")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={500}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("seal:apply.organisation")}</Table.Th>
                  <Table.Th scope="col">{t("seal:apply.status")}</Table.Th>
                  <Table.Th scope="col">{t("seal:apply.created")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {applications.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/verein/siegel/${a.id}`}>
                        <bdi>{a.organisation_name}</bdi>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`seal:status.${a.status}`)}</Table.Td>
                    <Table.Td>{formatDate(a.created_at.slice(0, 10), i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="start-application">
        <Title order={2} size="h4" id="start-application" mb="sm">
          {t("seal:apply.start")}
        </Title>
        {hasCatalogue ? (
          <Form method="post" {...getFormProps(form)}>
            <Stack>
              <FormErrors form={form} />
              <input type="hidden" name="intent" value="start" />
              <SelectField field={f.organisationId} label={t("seal:apply.organisation")} options={organisations.map((o) => ({ value: String(o.id), label: o.name }))} />
              <Text size="sm">{t("seal:apply.reuse")}</Text>
              <div>
                <SubmitButton>{t("seal:apply.startButton")}</SubmitButton>
              </div>
            </Stack>
          </Form>
        ) : (
          <Text>{t("seal:apply.noCatalogue")}</Text>
        )}
      </Paper>
    </Stack>
  );
}
