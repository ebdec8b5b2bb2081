import { Anchor, Badge, Button, Code, Paper, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { getOutboxMessage } from "~/modules/mail/queries.server";
import { retryMessage } from "~/modules/mail/sender.server";
import { formatDateTime } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";
import { badRequest, notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:outbox.message");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:outbox:any");
  const message = await getOutboxMessage(actor, parseId(params.id));
  if (!message) throw notFound();
  return { message };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:outbox:any");
  const id = parseId(params.id);
  if (!(await getOutboxMessage(actor, id))) throw notFound();
  const form = await readForm(request);
  if (form.get("intent") !== "retry") throw badRequest();
  if (!(await retryMessage(actor, id))) return redirect(`/office/outbox/${id}`);
  return redirectWithFlash(`/office/outbox/${id}`, { key: "flash.mailRequeued", kind: "success" });
}

export default function OutboxMessage() {
  const { t, i18n } = useTranslation();
  const { message: m } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <Anchor component={Link} to="/office/outbox">
        {t("office:outbox.back")}
      </Anchor>
      <PageTitle>{m.subject}</PageTitle>
      <Paper withBorder p="md">
        <Stack gap={4}>
          <Text>
            <strong>{t("office:outbox.recipient")}:</strong> {m.to_address} ({m.locale})
          </Text>
          <Text>
            <strong>{t("office:outbox.created")}:</strong> {formatDateTime(m.created_at, i18n.language)}
          </Text>
          <Text>
            <strong>{t("office:outbox.status")}:</strong> <Badge component="span" variant="light">{t(`office:outbox.statuses.${m.status}`)}</Badge>{" "}
            {m.sent_at ? formatDateTime(m.sent_at, i18n.language) : null} · {t("office:outbox.attempts", { count: m.attempts })}
          </Text>
          {m.last_error ? (
            <Text c="red.8">
              <strong>{t("office:outbox.lastError")}:</strong> {m.last_error}
            </Text>
          ) : null}
          <Text size="sm" c="dimmed">
            Message-ID: <Code>{m.message_id}</Code>
          </Text>
        </Stack>
      </Paper>
      <Title order={2} size="h4">
        {t("office:outbox.plainText")}
      </Title>
      {/* The plain-text part is shown (never the HTML), so nothing in a mail can run here. */}
      <Paper withBorder p="md" component="pre" style={{ whiteSpace: "pre-wrap", fontFamily: "inherit", margin: 0 }} dir="auto">
        {m.text}
      </Paper>
      {m.status === "failed" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="retry" />
          <Button type="submit">{t("office:outbox.retry")}</Button>
        </Form>
      ) : null}
    </Stack>
  );
}
