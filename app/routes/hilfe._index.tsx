import { Anchor, List, Stack, Text } from "@mantine/core";
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { HELP_GROUPS } from "~/modules/legal/pages";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "legal:footer.help");

// Public page: which help page is for whom.
export default function Help() {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <PageTitle description={t("legal:help.intro")}>{t("legal:footer.help")}</PageTitle>
      <List spacing="sm">
        {HELP_GROUPS.map((g) => (
          <List.Item key={g}>
            <Anchor component={Link} to={`/hilfe/${g}`}>
              {t(`legal:help.groups.${g}.title`)}
            </Anchor>
            <Text size="sm">{t(`legal:help.groups.${g}.text`)}</Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
