import { Alert, Button, Group, Stack, TextInput } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useViolationText } from "./violations";

export type DecisionData = { bookingId: number; error: { key: string; values?: Record<string, string | number> } };

/** Approve, or decline with a reason: two small forms that work without JavaScript. */
export function DecisionForms({ bookingId, error }: { bookingId: number; error?: DecisionData["error"] }) {
  const { t } = useTranslation();
  const text = useViolationText();
  return (
    <Stack gap="xs">
      {error ? (
        <Alert color="red.9" role="alert" variant="light">
          {text(error)}
        </Alert>
      ) : null}
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

