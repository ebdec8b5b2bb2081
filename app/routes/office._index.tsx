import { Alert, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { listInbox } from "~/modules/office/inbox.server";
import { formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:inbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requirePermission(actor, "read:office-inbox:any");
  return listInbox(actor);
}

export default function OfficeInbox() {
  const { t, i18n } = useTranslation();
  const { items, more } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("office:inbox.intro")}>{t("office:inbox.title")}</PageTitle>
      {items.length === 0 ? (
        <Alert color="green" variant="light" role="status">
          {t("office:inbox.empty")}
        </Alert>
      ) : (
        <Stack component="ul" gap="xs" p={0} style={{ listStyle: "none" }} aria-label={t("office:inbox.listLabel", { count: items.length })}>
          {items.map((item) => (
            <Paper component="li" key={item.id} withBorder p="sm">
              <Group justify="space-between" wrap="wrap">
                <Group gap="sm">
                  <Badge color={item.severity === "urgent" ? "red" : item.severity === "normal" ? "blue" : "gray"} variant="light" c="dark.9">
                    {t(`office:inbox.severity.${item.severity}`)}
                  </Badge>
                  <Link to={item.href}>
                    {t(item.titleKey, { ...item.values, date: item.values?.date ? formatDate(String(item.values.date), i18n.language) : "" })}
                  </Link>
                </Group>
                <Text size="sm" c="dimmed">
                  {t(`office:inbox.modules.${item.module}`)}
                </Text>
              </Group>
            </Paper>
          ))}
          {more.map((m) => (
            <Paper component="li" key={`more-${m.module}`} withBorder p="sm" bg="gray.0">
              {m.href ? (
                <Link to={m.href}>{t("office:inbox.more", { count: m.count, module: t(`office:inbox.modules.${m.module}`) })}</Link>
              ) : (
                t("office:inbox.more", { count: m.count, module: t(`office:inbox.modules.${m.module}`) })
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
