import { List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/dates";

type Event = { id: number; action: string; details: string | null; created_at: string; actor_name?: string | null };

/** The application's history: who (office view), when, what, with the message or rationale given. */
export function SealHistory({ events, showActor = false }: { events: Event[]; showActor?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!events.length) return <Text>{t("seal:history.empty")}</Text>;
  return (
    <List spacing="xs">
      {events.map((e) => {
        let details: Record<string, unknown> = {};
        try {
          details = e.details ? (JSON.parse(e.details) as Record<string, unknown>) : {};
        } catch {
          details = {};
        }
        const text = [details.message, details.reason, details.note].find((v) => typeof v === "string") as string | undefined;
        return (
          <List.Item key={e.id}>
            <Text span fw={600}>
              {formatDateTime(e.created_at, i18n.language)}
            </Text>{" "}
            {t(`seal:events.${e.action}`, { juror: String(details.juror ?? ""), recommendation: details.recommendation ? t(`seal:recommendations.${String(details.recommendation)}`) : "" })}
            {showActor && e.actor_name ? <Text span c="dimmed">{` (${e.actor_name})`}</Text> : null}
            {text ? (
              <Text size="sm" dir="auto" style={{ whiteSpace: "pre-line" }}>
                {text}
              </Text>
            ) : null}
          </List.Item>
        );
      })}
    </List>
  );
}
