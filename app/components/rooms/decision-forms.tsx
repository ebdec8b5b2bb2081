import { Alert, Anchor, Button, Group, Stack, TextInput } from "@mantine/core";
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

/** Approve, or decline with a reason: two small forms that work without JavaScript. */
export function DecisionForms({ bookingId, error }: { bookingId: number; error?: DecisionData["error"] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {error ? <DecisionError error={error} /> : null}
      <Group align="flex-end" wrap="wrap">
        <Form method="post">
          <input type="hidden" name="bookingId" value={bookingId} />
          <input type="hidden" name="intent" value="approve" />
          <Button type="submit">
            {t("rooms:office.approve")}
          </Button>
        </Form>
        <Form method="post">
          <input type="hidden" name="bookingId" value={bookingId} />
          <input type="hidden" name="intent" value="decline" />
          <Group align="flex-end" gap="xs">
            <TextInput name="reason" id={`reason-${bookingId}`} label={t("rooms:office.reason")} required maxLength={500} />
            <Button type="submit" color="red.9" variant="outline" c="red.9">
              {t("rooms:office.decline")}
            </Button>
          </Group>
        </Form>
      </Group>
    </Stack>
  );
}

