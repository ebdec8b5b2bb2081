import { Anchor, Button, List, Paper, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { nextRegistrationStep } from "~/modules/volunteers/policy";
import { getRegistrationState } from "~/modules/volunteers/queries.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:join.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Public page: anonymous visitors are welcome; logged-in people see where they left off.
  const actor = await getActor(request, context);
  const next = nextRegistrationStep(await getRegistrationState(actor));
  return { next };
}

export default function Join() {
  const { t } = useTranslation();
  const { next } = useLoaderData<typeof loader>();
  const sections = ["what", "insurance", "data"] as const;
  return (
    <Stack maw={760}>
      <PageTitle description={t("volunteers:join.lead")}>{t("volunteers:join.title")}</PageTitle>
      <Text size="sm">
        {t("volunteers:join.whoFor", { createAccount: t("nav.createAccount") })}{" "}
        <Anchor component={Link} to="/register">
          {t("volunteers:join.registerLink")}
        </Anchor>
      </Text>
      {sections.map((s) => (
        <Stack key={s} gap="xs" component="section" aria-labelledby={`join-${s}`}>
          <Title order={2} size="h3" id={`join-${s}`}>
            {t(`volunteers:join.${s}.title`)}
          </Title>
          <Text>{t(`volunteers:join.${s}.text`)}</Text>
        </Stack>
      ))}
      <Paper withBorder p="lg" component="section" aria-labelledby="join-steps">
        <Title order={2} size="h3" id="join-steps" mb="xs">
          {t("volunteers:join.steps.title")}
        </Title>
        <List type="ordered" spacing="xs">
          <List.Item>{t("volunteers:join.steps.account")}</List.Item>
          <List.Item>{t("volunteers:join.steps.profile")}</List.Item>
          <List.Item>{t("volunteers:join.steps.consent")}</List.Item>
          <List.Item>{t("volunteers:join.steps.intake")}</List.Item>
        </List>
        <Text mt="md">
          {next ? (
            <Button component={Link} to={`/mitmachen/${next}`}>
              {next === "konto" ? t("volunteers:join.start") : t("volunteers:join.continue")}
            </Button>
          ) : (
            <Button component={Link} to="/me">
              {t("volunteers:join.done")}
            </Button>
          )}
        </Text>
      </Paper>
    </Stack>
  );
}
