import { Anchor, Button, Card, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getActor } from "~/auth/session.server";
import { getCoordinationOffice } from "~/modules/organisations/queries.server";
import { titleFrom } from "~/utils/meta";
import { Ltr } from "~/components/bdi";
import { Lines, PlainSummary } from "~/components/plain-language";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Public page. Shows only the coordination office's public contact, no personal data.
  const [actor, office] = await Promise.all([getActor(request, context), getCoordinationOffice()]);
  return { loggedIn: !!actor, office };
}

export default function Home() {
  const { t } = useTranslation();
  const { loggedIn, office } = useLoaderData<typeof loader>();
  const contact = office?.email ? (
    <Anchor href={`mailto:${office.email}`}>{office.email}</Anchor>
  ) : (
    t("home.contactOffice")
  );
  const entries = [
    { key: "volunteer", action: loggedIn ? { to: "/me", label: t("home.volunteer.actionLoggedIn") } : { to: "/mitmachen", label: t("home.volunteer.action") } },
    { key: "room", action: { to: "/raum", label: t("home.room.action") } },
    { key: "donate", action: { to: "/spenden", label: t("donations:home.action") } },
    { key: "associations", action: null },
  ] as const;
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1}>{t("home.title")}</Title>
        <Text size="lg">
          <Lines text={t("home.lead")} />
        </Text>
      </Stack>
      <PlainSummary lines={[t("home.summary.about"), t("home.summary.volunteer"), t("home.summary.room"), t("home.summary.donate"), t("home.summary.office")]} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {entries.map((e) => (
          <Card key={e.key} withBorder padding="lg" component="section" aria-labelledby={`entry-${e.key}`}>
            <Title order={2} size="h3" id={`entry-${e.key}`}>
              {t(`home.${e.key}.title`)}
            </Title>
            <Text mt="xs">
              <Lines text={t(`home.${e.key}.text`)} />
            </Text>
            <Text mt="sm">
              {e.action ? (
                <Button component={Link} to={e.action.to}>
                  {e.action.label}
                </Button>
              ) : (
                <>
                  {t(`home.${e.key}.howTo`)} {contact}
                </>
              )}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Stack gap="xs" component="section" aria-labelledby="who">
        <Title order={2} size="h3" id="who">
          {t("home.who.title")}
        </Title>
        <List>
          <List.Item>{t("home.who.volunteers")}</List.Item>
          <List.Item>{t("home.who.associations")}</List.Item>
          <List.Item>{t("home.who.residents")}</List.Item>
          <List.Item>{t("home.who.office")}</List.Item>
        </List>
        {office ? (
          <Text>
            {t("home.officeContact", { name: office.name })} {contact}
            {office.phone ? <> · <Ltr>{office.phone}</Ltr></> : ""}
          </Text>
        ) : null}
      </Stack>
    </Stack>
  );
}
