import { Alert, Anchor, Button, Group, Stack } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useViolationText } from "./violations";

export type DecisionData = { bookingId: number; error: { key: string; values?: Record<string, string | number> } };

/**
 * Why a decision was refused. When a confirmed booking blocks the slot, the message names it
 * (day and times, as read in the refusing transaction) and links to it.
 */
export function DecisionError({ error }: { error: DecisionData["error"] }) {
  const { t } = useTranslation();
  const text = useViolationText();
  const blocking = error.values?.bookingId;
  return (
    <Alert color="red.9" role="alert" variant="light">
      {text(error)}
      {typeof blocking === "number" ? (
        <>
          {" "}
          <Anchor component={Link} to={`/office/rooms/bookings/${blocking}`} c="red.9" fw={700} data-blocking-booking={blocking}>
            {t("rooms:office.blockingBooking")}
          </Anchor>
        </>
      ) : null}
    </Alert>
  );
}

/**
 * Approve (a small form that works without JavaScript), or decline: a link to the decline step,
 * which asks for the reason and says what will happen before anything is sent.
 */
export function DecisionForms({ bookingId, error, approveAction, back }: { bookingId: number; error?: DecisionData["error"]; approveAction?: string; back?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {error ? <DecisionError error={error} /> : null}
      <Group align="center" wrap="wrap">
        <Form method="post" action={approveAction}>
          <input type="hidden" name="bookingId" value={bookingId} />
          <input type="hidden" name="intent" value="approve" />
          <Button type="submit">
            {t("rooms:office.approve")}
          </Button>
        </Form>
        <Button component={Link} to={`/office/rooms/bookings/${bookingId}/decline${back ? `?back=${encodeURIComponent(back)}` : ""}`} color="red.9" variant="outline" c="red.9">
          {t("rooms:office.declineEllipsis")}
        </Button>
      </Group>
    </Stack>
  );
}
