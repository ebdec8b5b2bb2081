import { Anchor, Badge, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { listOwnOffers } from "~/modules/donations/personal-data.server";
import { listOwnBookings } from "~/modules/rooms/personal-data.server";
import { formatDate, formatSlot } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "legal:mine.title");

/**
 * The person's own room requests and donation offers (made while logged in, or as a guest under
 * the account's verified e-mail address), with their state. Changing or cancelling goes through
 * the private link of the confirmation mail, which is the credential of guest requests.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:account:own", { userId: actor.userId });
  const [bookings, offers] = await Promise.all([listOwnBookings(actor), listOwnOffers(actor)]);
  return { bookings, offers, emailVerified: actor.emailVerified };
}

export default function MyRequests() {
  const { t, i18n } = useTranslation();
  const { bookings, offers, emailVerified } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/me">
        {t("volunteers:me.back")}
      </Anchor>
      <PageTitle description={t("legal:mine.intro")}>{t("legal:mine.title")}</PageTitle>
      {!emailVerified ? <Text size="sm">{t("legal:mine.unverified")}</Text> : null}
      <Paper withBorder p="lg" component="section" aria-labelledby="mine-rooms">
        <Title order={2} size="h4" id="mine-rooms" mb="xs">
          {t("legal:mine.roomsTitle")}
        </Title>
        {bookings.length === 0 ? (
          <Text>{t("legal:mine.noRooms")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("legal:mine.room")}</Table.Th>
                  <Table.Th scope="col">{t("legal:mine.when")}</Table.Th>
                  <Table.Th scope="col">{t("legal:mine.purpose")}</Table.Th>
                  <Table.Th scope="col">{t("legal:mine.state")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {bookings.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/raum/${b.roomId}`}>
                        <bdi>{b.room}</bdi>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <bdi>{formatSlot(b.starts_at, b.ends_at, lang)}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <bdi>{b.purpose}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <Badge component="span" variant="light">{t(`rooms:status.${b.status}`)}</Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {bookings.length ? (
          <Text size="sm" mt="xs">
            {t("legal:mine.roomsManage")}
          </Text>
        ) : null}
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="mine-offers">
        <Title order={2} size="h4" id="mine-offers" mb="xs">
          {t("legal:mine.offersTitle")}
        </Title>
        {offers.length === 0 ? (
          <Text>{t("legal:mine.noOffers")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("legal:mine.item")}</Table.Th>
                  <Table.Th scope="col">{t("legal:mine.quantity")}</Table.Th>
                  <Table.Th scope="col">{t("legal:mine.until")}</Table.Th>
                  <Table.Th scope="col">{t("legal:mine.state")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {offers.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      <bdi>{categoryLabel({ ...o, depth: 0 }, lang)}</bdi>
                      {o.size ? (
                        <>
                          {" "}
                          <bdi>({o.size})</bdi>
                        </>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <bdi>{t("legal:mine.reserved", { reserved: o.quantity_reserved, quantity: o.quantity })}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <bdi>{formatDate(o.available_until, lang)}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <Badge component="span" variant="light">{t(`donations:offerStatus.${o.status === "open" ? o.review_state : o.status}`)}</Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {offers.length ? (
          <Text size="sm" mt="xs">
            {t("legal:mine.offersManage")}
          </Text>
        ) : null}
      </Paper>
    </Stack>
  );
}
