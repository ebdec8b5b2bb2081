import { Button, Paper, Stack, Text } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The state and its one button; shown on /me/einwilligungen and /me/einwilligungen/rundnachrichten. */
export function MessageConsentPanel({ optedOut }: { optedOut: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="group-messages-title">
      <Stack gap="xs">
        <Text fw={700} id="group-messages-title">
          {t("messages:me.title")}
        </Text>
        <Text>{optedOut ? t("messages:me.optedOut") : t("messages:me.receiving")}</Text>
        <Text size="sm">{t("messages:optOut.transactional")}</Text>
        <Form method="post" action="/me/einwilligungen/rundnachrichten">
          <input type="hidden" name="intent" value={optedOut ? "opt-in" : "opt-out"} />
          <Button type="submit" variant="default">
            {optedOut ? t("messages:me.optIn") : t("messages:me.optOut")}
          </Button>
        </Form>
      </Stack>
    </Paper>
  );
}

