import { Anchor, Badge, Button, Group, Stack, Table } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { listPendingRequests, listRooms } from "~/modules/rooms/queries.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.roomsTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requirePermission(actor, "manage:room:any");
  const [rooms, pending] = await Promise.all([listRooms({ includeInactive: true }), listPendingRequests(actor)]);
  return { rooms, pending: pending.length };
}

export default function OfficeRooms() {
  const { t } = useTranslation();
  const { rooms, pending } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("rooms:office.roomsIntro")}>{t("rooms:office.roomsTitle")}</PageTitle>
      <Group>
        <Button component={Link} to="/office/rooms/requests">
          {t("rooms:office.openRequests", { count: pending })}
        </Button>
        <Button component={Link} to="/office/rooms/new" variant="default">
          {t("rooms:office.newRoom")}
        </Button>
      </Group>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("rooms:config.name")}</Table.Th>
            <Table.Th scope="col">{t("rooms:config.address")}</Table.Th>
            <Table.Th scope="col">{t("rooms:config.capacity")}</Table.Th>
            <Table.Th scope="col">{t("actions.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rooms.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/office/rooms/${r.id}`}>
                  {r.name}
                </Anchor>{" "}
                {r.active ? null : <Badge color="gray">{t("rooms:office.inactive")}</Badge>}
              </Table.Td>
              <Table.Td>{r.address}</Table.Td>
              <Table.Td>{r.capacity}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Anchor component={Link} to={`/office/rooms/${r.id}/book`}>
                    {t("rooms:office.bookDirect")}
                  </Anchor>
                  <Anchor component={Link} to={`/office/rooms/${r.id}/utilisation`}>
                    {t("rooms:office.utilisation")}
                  </Anchor>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
