import { Alert, Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DecisionForms, type DecisionData } from "~/components/rooms/decision-forms";
import { decide } from "~/modules/rooms/decide-action.server";
import { listPendingRequests } from "~/modules/rooms/queries.server";
import { formatDateTime, formatSlot } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.requestsTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requirePermission(actor, "approve:booking:any");
  return { requests: await listPendingRequests(actor) };
}

type ActionData = DecisionData;

export async function action({ request }: ActionFunctionArgs) {
  return decide(request, undefined, "/office/rooms/requests");
}

export default function RoomRequests() {
  const { t, i18n } = useTranslation();
  const { requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  return (
    <Stack>
      <Anchor component={Link} to="/office/rooms">
        {t("rooms:office.backToRooms")}
      </Anchor>
      <PageTitle description={t("rooms:office.requestsIntro")}>{t("rooms:office.requestsTitle")}</PageTitle>
      {requests.length === 0 ? (
        <Alert color="green.9" role="status">
          {t("rooms:office.noRequests")}
        </Alert>
      ) : null}
      <Stack component="ul" p={0} gap="sm" style={{ listStyle: "none" }} aria-label={t("rooms:office.requestsTitle")}>
        {requests.map((r) => (
          <Paper component="li" withBorder p="sm" key={r.id}>
            <Group justify="space-between" wrap="wrap">
              <Anchor component={Link} to={`/office/rooms/bookings/${r.id}`} fw={700}>
                {r.room_name}: {formatSlot(r.starts_at, r.ends_at, i18n.language)}
              </Anchor>
              {r.series_id ? <Badge variant="light" c="dark.9">{t("rooms:office.partOfSeries")}</Badge> : null}
            </Group>
            <Text size="sm">
              {r.contact_name}
              {r.group_name ? ` (${r.group_name})` : ""} · {r.purpose} · {t("rooms:office.attendees", { count: r.attendees })}
            </Text>
            <Text size="sm" c="gray.7" mb="xs">
              {t("rooms:office.requestedAt", { date: formatDateTime(r.created_at, i18n.language) })}
            </Text>
            <DecisionForms bookingId={r.id} error={actionData?.bookingId === r.id ? actionData.error : undefined} />
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
