import { Anchor, Paper, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Bdi, Ltr } from "~/components/bdi";
import { formatDateTime } from "~/utils/dates";

/** Volunteers who pressed "I'd like to help" on the offer (for the association's admins; access logged). */
export function OfferHelpers({ helpers }: { helpers: Array<{ id: number; name: string; email: string; created_at: string }> }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="offer-helpers">
      <Title order={2} size="h4" id="offer-helpers" mb="xs">
        {t("directory:helpers.title")}
      </Title>
      {helpers.length === 0 ? (
        <Text size="sm">{t("directory:helpers.none")}</Text>
      ) : (
        <ul>
          {helpers.map((h) => (
            <li key={h.id}>
              <Bdi>{h.name}</Bdi> ·{" "}
              <Anchor href={`mailto:${h.email}`}>
                <Ltr>{h.email}</Ltr>
              </Anchor>{" "}
              · {formatDateTime(h.created_at, i18n.language)}
            </li>
          ))}
        </ul>
      )}
    </Paper>
  );
}
