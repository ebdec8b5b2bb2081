import { Anchor, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/dates";

/** Registrations waiting for the office's verification (on /office/organisations). */
export function PendingAssociations({ rows }: { rows: Array<{ id: number; name: string; kind: string; created_at: string }> }) {
  const { t, i18n } = useTranslation();
  if (!rows.length) return null;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="pending-associations">
      <Stack gap="xs">
        <Title order={2} size="h4" id="pending-associations">
          {t("associations:office.pendingTitle", { count: rows.length })}
        </Title>
        <ul>
          {rows.map((r) => (
            <li key={r.id}>
              <Anchor component={Link} to={`/office/organisations/${r.id}`}>
                {r.name}
              </Anchor>{" "}
              <Text span size="sm">
                · {t(`associations:kinds.${r.kind}`)} · {formatDateTime(r.created_at, i18n.language)}
              </Text>
            </li>
          ))}
        </ul>
      </Stack>
    </Paper>
  );
}
