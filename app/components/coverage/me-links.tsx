import { Anchor, Group, Paper, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Links from the account page to the volunteer's own cover, hours and certificate pages. */
export function CoverageMeLinks() {
  const { t } = useTranslation("coverage");
  return (
    <Paper withBorder p="md" component="nav" aria-label={t("me.linksLabel")}>
      <Text fw={600} mb="xs">{t("me.linksLabel")}</Text>
      <Group>
        <Anchor component={Link} to="/me/assignments">{t("me.assignmentsTitle")}</Anchor>
        <Anchor component={Link} to="/me/hours">{t("me.hoursTitle")}</Anchor>
        <Anchor component={Link} to="/me/certificate">{t("me.certificateTitle")}</Anchor>
      </Group>
    </Paper>
  );
}
