import { Button, Stack, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Translated 404 / 403 / 500 pages; never a stack trace. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 413 ? "tooLarge" : status < 500 ? "badRequest" : "server";
  return (
    <Stack component="section" p="md" gap="sm" maw={640} aria-labelledby="error-title">
      <Text c="dimmed" fw={700}>
        {t("errorPage.status", { status })}
      </Text>
      <Title order={1} id="error-title" size="h2">
        {t(`errorPage.${kind}.title`)}
      </Title>
      <Text>{t(`errorPage.${kind}.text`)}</Text>
      <div>
        <Button component={Link} to="/" reloadDocument>
          {t("errorPage.home")}
        </Button>
      </div>
    </Stack>
  );
}
