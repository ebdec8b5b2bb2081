import { Button, Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { firstPhotos } from "~/modules/rooms/photos.server";
import { listRooms } from "~/modules/rooms/queries.server";
import { titleFrom } from "~/utils/meta";
import roomsCss from "~/styles/rooms.css";
import { langAttr, localisedText } from "~/modules/rooms/translations";
import { Lines, PlainSummary } from "~/components/plain-language";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roomsCss }];

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:list.title");

export async function loader() {
  // Public page: room facts only, no personal data.
  const rooms = await listRooms();
  const photos = await firstPhotos(rooms.map((r) => r.id));
  return { rooms: rooms.map((r) => ({ ...r, photo: photos.get(r.id) ?? null })) };
}

export default function RoomList() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { rooms } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={<Lines text={t("rooms:list.intro")} />}>{t("rooms:list.title")}</PageTitle>
      <PlainSummary lines={[t("rooms:list.summary.what"), t("rooms:list.summary.use"), t("rooms:list.summary.how"), t("rooms:list.summary.cost")]} />
      {rooms.length === 0 ? <Text>{t("rooms:list.empty")}</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {rooms.map((r) => {
          // The office's texts in the reader's language; German where none was entered, marked `lang="de"`.
          const description = localisedText(r.description, r.description_translations, lang);
          const alt = r.photo ? localisedText(r.photo.alt, r.photo.altTranslations, lang) : null;
          return (
            <Card key={r.id} withBorder component="section" aria-labelledby={`room-${r.id}`}>
              {r.photo && alt ? <img src={r.photo.thumbUrl} alt={alt.text} lang={langAttr(alt, lang)} width={r.photo.thumbWidth} height={r.photo.thumbHeight} className="room-card-photo" /> : null}
              <Title order={2} size="h3" id={`room-${r.id}`}>
                {r.name}
              </Title>
              <Text c="gray.7">{r.address}</Text>
              <Text mt="xs" dir="auto" lang={langAttr(description, lang)}>
                {description.text}
              </Text>
              <Text mt="xs">{t("rooms:room.capacity", { count: r.capacity })}</Text>
              <Button component={Link} to={`/raum/${r.id}`} mt="sm" aria-label={t("rooms:list.open", { name: r.name })}>
                {t("rooms:list.availability")}
              </Button>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
