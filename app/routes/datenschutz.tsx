import { List, Stack, Text, Title } from "@mantine/core";
import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "privacy.title");

// Public page: the privacy notice for accounts (modules add their own purposes and consents).
const SECTIONS = ["controller", "data", "purpose", "retention", "rights"] as const;

export default function Privacy() {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <PageTitle>{t("privacy.title")}</PageTitle>
      <Text>{t("privacy.intro")}</Text>
      {SECTIONS.map((s) => (
        <Stack key={s} gap={4} component="section" aria-labelledby={`privacy-${s}`}>
          <Title order={2} size="h4" id={`privacy-${s}`}>
            {t(`privacy.${s}.title`)}
          </Title>
          <Text>{t(`privacy.${s}.text`)}</Text>
        </Stack>
      ))}
      <List size="sm" c="dimmed">
        <List.Item>{t("privacy.noTracking")}</List.Item>
        <List.Item>{t("privacy.cookies")}</List.Item>
      </List>
    </Stack>
  );
}
