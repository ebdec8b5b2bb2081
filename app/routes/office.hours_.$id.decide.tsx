import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Button, Group, Paper, Stack, Table, TextInput } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, useFieldError } from "~/components/form";
import { decideHours, getHoursEntryToDecide } from "~/modules/coverage/hours.server";
import { hoursReturnPath, requireHoursScope } from "~/modules/coverage/hours-list.server";
import { DecideHoursEntrySchema } from "~/modules/coverage/schema";
import { formatDate } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

/**
 * The decision on one hours entry: the rows of `/office/hours` post here (`?returnTo=` keeps the
 * list's status, filters and page); a rejection without a reason, or an entry decided meanwhile,
 * is answered on this page with the message next to the field and the input kept.
 */
export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:hoursDecision.title");

async function load(request: Request, idParam: string | undefined, context: object) {
  const actor = await requireActor(request, context);
  requireHoursScope(actor);
  const entry = await getHoursEntryToDecide(actor, parseId(idParam));
  if (!entry) throw notFound();
  return { actor, entry, returnTo: hoursReturnPath(new URL(request.url).searchParams.get("returnTo")) };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { entry, returnTo } = await load(request, params.id, context);
  return { entry, returnTo };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, entry, returnTo } = await load(request, params.id, context);
  const { submission } = await parseForm(request, DecideHoursEntrySchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await decideHours(actor, { ...submission.value, entryId: entry.id });
  } catch (e) {
    return replyWithError(submission, e);
  }
  // Back to the list the decision was made on (status, filters, page).
  return redirectWithFlash(returnTo, { key: "flash.saved", kind: "success" });
}

export default function DecideHours() {
  const { t, i18n } = useTranslation("coverage");
  const { entry, returnTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "decide", lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: DecideHoursEntrySchema }), shouldValidate: "onSubmit" });
  const reasonError = useFieldError(fields.reason.errors);
  const { key, ...reasonProps } = getInputProps(fields.reason, { type: "text", ariaAttributes: false });
  return (
    <Stack maw={760}>
      <Anchor component={Link} to={returnTo}>
        {t("hoursDecision.back")}
      </Anchor>
      <PageTitle description={t("hoursDecision.intro")}>{t("hoursDecision.title")}</PageTitle>
      <Paper withBorder p="lg">
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">{t("fields.volunteer")}</Table.Th>
              <Table.Td>{entry.volunteerName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t("fields.activity")}</Table.Th>
              <Table.Td>{`${entry.activity} (${entry.organisationName})`}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t("hours.day")}</Table.Th>
              <Table.Td>{formatDate(entry.day, i18n.language)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t("hours.hours")}</Table.Th>
              <Table.Td>{new Intl.NumberFormat(i18n.language).format(entry.hours)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t("hours.status")}</Table.Th>
              <Table.Td>{t(`hours.statuses.${entry.status}`)}</Table.Td>
            </Table.Tr>
            {entry.note ? (
              <Table.Tr>
                <Table.Th scope="row">{t("hours.note")}</Table.Th>
                <Table.Td>{entry.note}</Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Paper>
      <Form method="post" {...getFormProps(form)}>
        <Stack>
          <FormErrors form={form} />
          <TextInput key={key} {...reasonProps} label={t("hours.reason")} description={t("hoursDecision.reasonHint")} maxLength={300} error={reasonError} />
          <Group>
            <Button type="submit" name="intent" value="confirm">
              {t("hours.confirm")}
            </Button>
            <Button type="submit" name="intent" value="reject" color="red" variant="light">
              {t("hours.reject")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Stack>
  );
}
