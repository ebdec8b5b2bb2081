import { Button, Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { listRooms } from "~/modules/rooms/queries.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:list.title");

export async function loader() {
  // Public page: room facts only, no personal data.
  return { rooms: await listRooms() };
}

export default function RoomList() {
  const { t } = useTranslation();
  const { rooms } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("rooms:list.intro")}>{t("rooms:list.title")}</PageTitle>
      {rooms.length === 0 ? <Text>{t("rooms:list.empty")}</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {rooms.map((r) => (
          <Card key={r.id} withBorder component="section" aria-labelledby={`room-${r.id}`}>
            <Title order={2} size="h3" id={`room-${r.id}`}>
              {r.name}
            </Title>
            <Text c="gray.7">{r.address}</Text>
            <Text mt="xs">{r.description}</Text>
            <Text mt="xs">{t("rooms:room.capacity", { count: r.capacity })}</Text>
            <Button component={Link} to={`/raum/${r.id}`} mt="sm" aria-label={t("rooms:list.open", { name: r.name })}>
              {t("rooms:list.availability")}
            </Button>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
