import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { can } from "~/auth/permissions";
import { requireActor, requirePermission } from "~/auth/session.server";
import { ExportLinks } from "~/components/reports/export-links";
import { PageTitle } from "~/components/app-layout";
import { Pager } from "~/components/pagination";
import { DecisionError, DecisionForms, type DecisionData } from "~/components/rooms/decision-forms";
import { approveBooking } from "~/modules/rooms/decide-booking.server";
import { listPendingRequests, REQUESTS_PER_PAGE } from "~/modules/rooms/queries.server";
import { DecisionSchema } from "~/modules/rooms/schema";
import { formatDateTime, formatSlot } from "~/utils/dates";
import { isAppError, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { pageParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.requestsTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "approve:booking:any");
  return { ...(await listPendingRequests(actor, { page: pageParam(new URL(request.url)) })), mayExport: can(actor, "export:list:any") };
}

type ActionData = DecisionData;

/** The hidden id of the request the decision is about; a bad one is a 404. */
const BookingIdSchema = z.object({ bookingId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Approve one request in the queue (declining is its own confirmation step, `…/decline`); back to the same page of the queue. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "approve:booking:any");
  const url = new URL(request.url);
  const back = `/office/rooms/requests${url.searchParams.has("page") ? `?page=${pageParam(url)}` : ""}`;
  const { formData, submission } = await parseForm(request, DecisionSchema);
  const id = parseWithZod(formData, { schema: BookingIdSchema });
  if (id.status !== "success") throw notFound();
  const bookingId = id.value.bookingId;
  if (submission.status !== "success") {
    const key = Object.values(submission.error ?? {}).flat().find((m): m is string => typeof m === "string") ?? "errors.invalid";
    return data<ActionData>({ bookingId, error: { key } }, { status: 400 });
  }
  try {
    await approveBooking(actor, bookingId);
  } catch (e) {
    if (isAppError(e) && e.status === 404) throw notFound();
    if (isAppError(e)) return data<ActionData>({ bookingId, error: { key: e.key, values: e.values } }, { status: e.status });
    throw e;
  }
  return redirectWithFlash(back, { key: "flash.roomApproved", kind: "success" });
}

export default function RoomRequests() {
  const { t, i18n } = useTranslation();
  const { requests, total, page, mayExport } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const location = useLocation();
  const here = location.pathname + location.search;
  // A refused request that is no longer on this page (the queue moved) gets its message on top.
  const refusedElsewhere = actionData && !requests.some((r) => r.id === actionData.bookingId);
  return (
    <Stack>
      <Anchor component={Link} to="/office/rooms">
        {t("rooms:office.backToRooms")}
      </Anchor>
      <PageTitle description={t("rooms:office.requestsIntro")}>{t("rooms:office.requestsTitle")}</PageTitle>
      {refusedElsewhere ? (
        <Stack gap={4}>
          <Anchor component={Link} to={`/office/rooms/bookings/${actionData.bookingId}`}>
            {t("rooms:office.refusedRequest")}
          </Anchor>
          <DecisionError error={actionData.error} />
        </Stack>
      ) : null}
      {total === 0 ? (
        <Alert color="green.9" role="status">
          {t("rooms:office.noRequests")}
        </Alert>
      ) : null}
      {mayExport && total > 0 ? <ExportLinks base="/office/rooms/requests/export" /> : null}
      {total > REQUESTS_PER_PAGE ? <Pager page={page} pageSize={REQUESTS_PER_PAGE} total={total} /> : null}
      <Stack component="ul" p={0} gap="sm" style={{ listStyle: "none" }} aria-label={t("rooms:office.requestsTitle")}>
        {requests.map((r) => (
          <Paper component="li" withBorder p="sm" key={r.id}>
            <Group justify="space-between" wrap="wrap">
              <Anchor component={Link} to={`/office/rooms/bookings/${r.id}`} fw={700}>
                {r.room_name}: {formatSlot(r.starts_at, r.ends_at, i18n.language)}
              </Anchor>
              {r.series_id ? <Badge component="span" variant="light" c="dark.9">{t("rooms:office.partOfSeries")}</Badge> : null}
            </Group>
            <Text size="sm">
              {r.contact_name}
              {r.group_name ? ` (${r.group_name})` : ""} · {r.purpose} · {t("rooms:office.attendees", { count: r.attendees })}
            </Text>
            <Text size="sm" c="gray.7" mb="xs">
              {t("rooms:office.requestedAt", { date: formatDateTime(r.created_at, i18n.language) })}
            </Text>
            <DecisionForms bookingId={r.id} error={actionData?.bookingId === r.id ? actionData.error : undefined} back={here} />
            {r.series_id ? (
              // The whole series in one go; the toast says how many dates were confirmed and skipped.
              <Form method="post" action={`/office/rooms/bookings/${r.id}/approve-series`}>
                <input type="hidden" name="back" value={here} />
                <Button type="submit" variant="default" mt="xs">
                  {t("rooms:office.approveSeries")}
                </Button>
              </Form>
            ) : null}
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
