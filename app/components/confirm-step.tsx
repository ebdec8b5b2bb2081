import { Anchor, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";

/**
 * The confirmation step of a destructive action, without JavaScript: the action's own page (GET)
 * says what will happen, and only its real submit button (POST to the same route) does it.
 * A link elsewhere leads here; nothing is changed by opening the page.
 */
export function ConfirmStep({
  title,
  description,
  what,
  submit,
  back,
  hidden = {},
  children,
  formProps,
  danger = true,
}: {
  title: ReactNode;
  description?: ReactNode;
  /** What will happen, in plain words (one paragraph each). */
  what: ReactNode[];
  submit: ReactNode;
  back: string;
  hidden?: Record<string, string | number | undefined>;
  /** Extra fields (e.g. a reason) and messages. */
  children?: ReactNode;
  formProps?: Record<string, unknown>;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle description={description}>{title}</PageTitle>
      <Paper withBorder p="md" component="section" aria-label={typeof title === "string" ? title : undefined}>
        <Stack gap="sm">
          {what.map((w, i) => (
            <Text key={i}>{w}</Text>
          ))}
          {danger ? <Text fw={700}>{t("confirmStep.notUndone")}</Text> : null}
          <Form method="post" {...formProps}>
            <Stack gap="sm">
              {Object.entries(hidden).map(([name, value]) => (value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />))}
              {children}
              <Group>
                <Button type="submit" color={danger ? "red.9" : undefined}>
                  {submit}
                </Button>
                <Anchor component={Link} to={back}>
                  {t("confirmStep.back")}
                </Anchor>
              </Group>
            </Stack>
          </Form>
        </Stack>
      </Paper>
    </Stack>
  );
}
