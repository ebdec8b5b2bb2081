import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { AlertTitle } from "~/components/rooms/violations";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { createFeed, feedUrl, listOfficeFeeds, revokeOfficeFeed } from "~/modules/rooms/feeds.server";
import { countPendingRequests, listRooms } from "~/modules/rooms/queries.server";
import { formatDateTime } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { badRequest, notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.roomsTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:room:any");
  const [rooms, pending, feeds] = await Promise.all([listRooms({ includeInactive: true }), countPendingRequests(actor), listOfficeFeeds(actor)]);
  return { rooms, pending, feeds };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:room:any");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "create-feed") return { feedUrl: feedUrl(await createFeed({ kind: "office", actor })) };
  if (intent === "revoke-feed") {
    const id = z.coerce.number().int().positive().safeParse(form.get("feedId"));
    if (!id.success) throw notFound();
    await revokeOfficeFeed(actor, id.data);
    return redirectWithFlash("/office/rooms", { key: "flash.roomFeedsRevoked", kind: "success" });
  }
  throw badRequest();
}

export default function OfficeRooms() {
  const { t, i18n } = useTranslation();
  const { rooms, pending, feeds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
                {r.active ? null : <Badge component="span" color="gray" variant="light" c="dark.9">{t("rooms:office.inactive")}</Badge>}
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
      <Stack component="section" aria-labelledby="office-feed" gap="xs">
        <Title order={2} size="h4" id="office-feed">
          {t("rooms:feeds.officeTitle")}
        </Title>
        <Text size="sm">{t("rooms:feeds.officeHint")}</Text>
        {actionData?.feedUrl ? (
          <Alert color="green.9" role="status" title={<AlertTitle>{t("rooms:feeds.created")}</AlertTitle>}>
            <Text component="code" style={{ wordBreak: "break-all" }}>
              {actionData.feedUrl}
            </Text>
          </Alert>
        ) : null}
        {feeds.map((f) => (
          <Form method="post" key={f.id}>
            <input type="hidden" name="intent" value="revoke-feed" />
            <input type="hidden" name="feedId" value={f.id} />
            <Button type="submit" size="compact-sm" variant="subtle" color="red.9" c="red.9">
              {t("rooms:feeds.revokeOne", { date: formatDateTime(f.created_at, i18n.language) })}
            </Button>
          </Form>
        ))}
        <Form method="post">
          <input type="hidden" name="intent" value="create-feed" />
          <Button type="submit" variant="default">
            {t("rooms:feeds.create")}
          </Button>
        </Form>
      </Stack>
    </Stack>
  );
}
