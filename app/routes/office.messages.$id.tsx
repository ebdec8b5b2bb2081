import { Anchor, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi } from "~/components/bdi";
import { FilterSummary } from "~/components/messages/filter-summary";
import { directionOf } from "~/i18n/config";
import { uiLanguageName } from "~/utils/language-names";
import { filterLookups, getMessage } from "~/modules/messages/queries.server";
import { MESSAGE_LOCALES } from "~/modules/messages/schema";
import { formatDateTime } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const title = titleFrom(matches, "messages:detail.title");
  // While the send job runs, the page refreshes itself (the progress works without JavaScript).
  return data?.message.status === "sending" ? [...title, { httpEquiv: "refresh", content: "3" }] : title;
};

// The message, its filter and count, its texts, the delivery state of its mails (counts only:
// no recipient's name or address is shown, so nothing is written to the access log).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "send:message:any");
  const id = parseId(params.id);
  const [message, lookups] = await Promise.all([getMessage(actor, id), filterLookups()]);
  return { message, lookups };
}

export default function MessageDetail() {
  const { t, i18n } = useTranslation();
  const { message, lookups } = useLoaderData<typeof loader>();
  const languages = MESSAGE_LOCALES.filter((l) => message.texts[l]);
  return (
    <Stack>
      <Anchor component={Link} to="/office/messages">
        {t("messages:back")}
      </Anchor>
      <PageTitle description={message.sent_at ? t("messages:detail.sentAt", { date: formatDateTime(message.sent_at, i18n.language) }) : t("messages:detail.draft")}>
        {message.texts.de ? <Bdi>{message.texts.de.subject}</Bdi> : t("messages:detail.title")}
      </PageTitle>
      <Paper withBorder p="md" component="section" aria-labelledby="recipients-title">
        <Title order={2} size="h3" id="recipients-title">
          {t("messages:new.recipients")}
        </Title>
        <Text>
          {t("messages:detail.filter")} <FilterSummary filter={message.filter} lookups={lookups} />
        </Text>
        {message.author ? (
          <Text>
            {t("messages:detail.author")} <Bdi>{message.author}</Bdi>
          </Text>
        ) : null}
        {message.sent_at ? (
          <>
            <SendState message={message} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
              <Table aria-labelledby="delivery-title">
                <caption id="delivery-title">{t("messages:detail.delivery")}</caption>
                <Table.Tbody>
                  {(["sent", "pending", "failed"] as const).map((s) => (
                    <Table.Tr key={s}>
                      <Table.Th scope="row">{t(`messages:delivery.${s}`)}</Table.Th>
                      <Table.Td data-testid={`delivery-${s}`}>{message.delivery[s]}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Table>
                <caption>{t("messages:detail.byLanguage")}</caption>
                <Table.Tbody>
                  {MESSAGE_LOCALES.filter((l) => message.byLanguage[l]).map((l) => (
                    <Table.Tr key={l}>
                      <Table.Th scope="row">{uiLanguageName(l, i18n.language)}</Table.Th>
                      <Table.Td>{message.byLanguage[l]}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </SimpleGrid>
          </>
        ) : (
          <Anchor component={Link} to={`/office/messages/new?draft=${message.id}`} fw={700}>
            {t("messages:detail.continue")}
          </Anchor>
        )}
      </Paper>
      {languages.map((l) => (
        <Paper key={l} withBorder p="md" component="section" aria-label={t("messages:preview.inLanguage", { language: uiLanguageName(l, i18n.language) })}>
          <Text size="sm" c="dimmed">
            {t("messages:preview.inLanguage", { language: uiLanguageName(l, i18n.language) })}
          </Text>
          <div lang={l} dir={directionOf(l)}>
            <Text fw={700}>{message.texts[l]!.subject}</Text>
            <Text style={{ whiteSpace: "pre-wrap" }}>{message.texts[l]!.body}</Text>
          </div>
        </Paper>
      ))}
    </Stack>
  );
}

type Sent = ReturnType<typeof useLoaderData<typeof loader>>["message"];

/**
 * How far the send job is: while sending, the recipients written to the outbox of the count when
 * sent (a native progress element, announced with its label also without JavaScript); then the
 * final state — sent to how many, who no longer received it (opted out or left the group since),
 * all delivered — or that the job gave up.
 */
function SendState({ message }: { message: Sent }) {
  const { t } = useTranslation();
  const total = message.recipient_count;
  const queued = message.queued_count;
  const pct = total ? Math.min(100, Math.round((queued / total) * 100)) : 0;
  const lines: ReactNode[] = [];
  if (message.status === "sending" || message.status === "failed") {
    lines.push(
      <div key="progress">
        <label htmlFor="message-progress">{t("messages:progress.label")}</label>
        <progress id="message-progress" value={Math.min(queued, total)} max={Math.max(1, total)} style={{ display: "block", width: "100%", margin: "0.25rem 0 0.5rem" }}>
          {pct} %
        </progress>
        <Text role="status" fw={700} data-testid="send-progress" data-state={message.status}>
          {message.status === "sending" ? t("messages:progress.queued", { queued, total, pct }) : t("messages:progress.failed", { queued, total })}
        </Text>
        {message.status === "sending" ? (
          <>
            <Text size="sm">{t("messages:progress.refresh")}</Text>
            <Anchor component={Link} to=".">
              {t("messages:progress.reload")}
            </Anchor>
          </>
        ) : null}
      </div>,
    );
  } else {
    lines.push(
      <Text key="count" fw={700} data-testid="send-progress" data-state={message.status}>
        {t("messages:detail.count", { count: queued })}
      </Text>,
    );
    if (total > queued) lines.push(<Text key="skipped">{t("messages:progress.skipped", { count: total - queued })}</Text>);
    if (queued > 0 && message.delivery.pending === 0 && message.delivery.failed === 0) lines.push(<Text key="delivered">{t("messages:progress.delivered")}</Text>);
  }
  return <>{lines}</>;
}
