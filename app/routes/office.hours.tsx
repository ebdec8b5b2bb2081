import { parseWithZod } from "@conform-to/zod";
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { useFieldError } from "~/components/form";
import { decideHours, listHoursToDecide } from "~/modules/coverage/hours.server";
import { DecideHoursSchema } from "~/modules/coverage/schema";
import { formatDate, formatDateTime } from "~/utils/dates";
import { isAppError } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:hours.officeTitle");

const STATUSES = ["submitted", "confirmed", "rejected"] as const;

function requireDecider(actor: Awaited<ReturnType<typeof requireActor>>) {
  if (!can(actor, "decide:hours:any") && !(actor.roles.includes("association_member") && actor.organisationIds.length)) throw new Response("Forbidden", { status: 403 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requireDecider(actor);
  const s = new URL(request.url).searchParams.get("status");
  const status = (STATUSES as readonly string[]).includes(s ?? "") ? (s as (typeof STATUSES)[number]) : "submitted";
  return { status, rows: await listHoursToDecide(actor, status) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requireDecider(actor);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: DecideHoursSchema });
  const entryId = String(formData.get("entryId") ?? "");
  if (submission.status !== "success") return data({ entryId, errors: submission.reply().error ?? {} }, { status: 400 });
  try {
    await decideHours(actor, submission.value);
  } catch (e) {
    if (isAppError(e) && e.status === 404) throw new Response("Not Found", { status: 404 });
    if (isAppError(e)) return data({ entryId, errors: { "": [e.key] } as Record<string, string[] | null> }, { status: 400 });
    throw e;
  }
  return redirectWithFlash("/office/hours", { key: "flash.saved", kind: "success" });
}

function DecideForm({ id, errors }: { id: number; errors?: Record<string, string[] | null> }) {
  const { t } = useTranslation("coverage");
  const reasonError = useFieldError(errors?.reason ?? undefined);
  const formError = useFieldError(errors?.[""] ?? undefined);
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <Form method="post">
        <input type="hidden" name="entryId" value={id} />
        <input type="hidden" name="intent" value="confirm" />
        <Button type="submit" size="compact-sm">
          {t("hours.confirm")}
        </Button>
      </Form>
      <Form method="post">
        <Group gap="xs" align="flex-end">
          <input type="hidden" name="entryId" value={id} />
          <input type="hidden" name="intent" value="reject" />
          <TextInput size="xs" name="reason" label={t("hours.reason")} maxLength={300} error={reasonError ?? formError} />
          <Button type="submit" size="compact-sm" color="red" variant="light">
            {t("hours.reject")}
          </Button>
        </Group>
      </Form>
    </Group>
  );
}

export default function OfficeHours() {
  const { t, i18n } = useTranslation("coverage");
  const { status, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Stack>
      <PageTitle description={t("hours.officeIntro")}>{t("hours.officeTitle")}</PageTitle>
      <Form method="get">
        <Group align="flex-end">
          <NativeSelect name="status" label={t("hours.status")} defaultValue={status} data={STATUSES.map((s) => ({ value: s, label: t(`hours.statuses.${s}`) }))} />
          <Button type="submit" variant="light">{t("common:actions.filter")}</Button>
        </Group>
      </Form>
      {rows.length === 0 ? (
        <Text>{t("hours.emptyOffice")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.volunteer")}</Table.Th>
                <Table.Th scope="col">{t("fields.activity")}</Table.Th>
                <Table.Th scope="col">{t("hours.day")}</Table.Th>
                <Table.Th scope="col">{t("hours.hours")}</Table.Th>
                <Table.Th scope="col">{t("hours.note")}</Table.Th>
                <Table.Th scope="col">{status === "submitted" ? t("hours.submittedAt") : t("hours.reason")}</Table.Th>
                {status === "submitted" ? <Table.Th scope="col">{t("common:actions.actions")}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.volunteerName}</Table.Td>
                  <Table.Td>{r.activity} ({r.organisationName})</Table.Td>
                  <Table.Td>{formatDate(r.day, i18n.language)}</Table.Td>
                  <Table.Td>{r.hours.toLocaleString(i18n.language)}</Table.Td>
                  <Table.Td>{r.note ?? ""}</Table.Td>
                  <Table.Td>{status === "submitted" ? formatDateTime(r.createdAt, i18n.language) : (r.decisionReason ?? "")}</Table.Td>
                  {status === "submitted" ? (
                    <Table.Td>
                      <DecideForm id={r.id} errors={actionData && actionData.entryId === String(r.id) ? actionData.errors : undefined} />
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
