import { Alert, List, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDayLong } from "~/utils/dates";

export type ViolationView = { key: string; values?: Record<string, string | number>; day?: string };

/**
 * Rule messages as the form-level errors of a conform reply (the one shape of action data), encoded
 * like `replyWithError` does: `key|{values}`, the date a message belongs to as `onDay`.
 * `violationsOf` reads them back for `ViolationAlert` and `DecisionError`.
 */
export function violationErrors(violations: ViolationView[]): string[] {
  return violations.map((v) => `${v.key}|${JSON.stringify({ ...v.values, ...(v.day ? { onDay: v.day } : {}) })}`);
}

export function violationsOf(result: { error?: Record<string, string[] | null> | null } | undefined): ViolationView[] {
  return (result?.error?.[""] ?? []).map((e) => {
    const [key, json] = e.split("|");
    try {
      const { onDay, ...values } = json ? (JSON.parse(json) as Record<string, string | number>) : {};
      return { key, values, day: typeof onDay === "string" ? onDay : undefined };
    } catch {
      return { key };
    }
  });
}

/** Renders rule messages with their dates in the reader's language. */
export function useViolationText() {
  const { t, i18n } = useTranslation();
  return (v: ViolationView) => {
    const values: Record<string, string | number> = { ...v.values };
    for (const k of ["day", "from", "to"] as const) {
      const x = values[k];
      if (typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x)) values[k] = formatDate(x, i18n.language);
    }
    const text = t(v.key, values) as string;
    return v.day ? `${formatDayLong(v.day, i18n.language)}: ${text}` : text;
  };
}

export function ViolationAlert({ violations, title }: { violations: ViolationView[]; title: string }) {
  const text = useViolationText();
  if (!violations.length) return null;
  return (
    <Alert color="red.9" role="alert" variant="light" title={<AlertTitle>{title}</AlertTitle>}>
      <List size="sm">
        {violations.map((v, i) => (
          <List.Item key={i}>{text(v)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Alert titles in body colour: Mantine draws light-variant titles in shade 6, below AA contrast. */
export function AlertTitle({ children }: { children: ReactNode }) {
  return (
    <Text span fw={700} size="sm" c="dark.9">
      {children}
    </Text>
  );
}
