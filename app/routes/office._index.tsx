import { Alert, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { StatusBadge } from "~/components/list-page";
import { listInbox, type InboxItem } from "~/modules/office/inbox.server";
import { formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:inbox.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:office-inbox:any");
  return listInbox(actor);
}

export default function OfficeInbox() {
  const { t, i18n } = useTranslation();
  const { items, more } = useLoaderData<typeof loader>();
  const title = (item: Pick<InboxItem, "titleKey" | "values">) =>
    t(item.titleKey, { ...item.values, date: item.values?.date ? formatDate(String(item.values.date), i18n.language) : "" });
  const badge = (severity: InboxItem["severity"]) => (
    <StatusBadge color={severity === "urgent" ? "red" : severity === "normal" ? "blue" : "gray"}>{t(`office:inbox.severity.${severity}`)}</StatusBadge>
  );
  return (
    <Stack>
      <PageTitle description={t("office:inbox.intro")}>{t("office:inbox.title")}</PageTitle>
      {items.length === 0 ? (
        <Alert color="green" variant="light" role="status">
          {t("office:inbox.empty")}
        </Alert>
      ) : (
        <ul className="eh-inbox" aria-label={t("office:inbox.listLabel", { count: items.length })}>
          {items.map((item) =>
            item.children ? (
              <li key={item.id} data-group="">
                <details className="eh-inbox-group">
                  <summary>
                    <span className="eh-inbox-main">
                      {badge(item.severity)}
                      <span>{title(item)}</span>
                    </span>
                    <span className="eh-muted">{t(`office:inbox.modules.${item.module}`)}</span>
                  </summary>
                  <ul aria-label={t("office:inbox.groupItems")}>
                    {item.children.map((child) => (
                      <li key={child.id}>
                        <span className="eh-inbox-main">
                          {badge(child.severity)}
                          <Link to={child.href}>{title(child)}</Link>
                        </span>
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ) : (
              <li key={item.id}>
                <span className="eh-inbox-main">
                  {badge(item.severity)}
                  <Link to={item.href}>{title(item)}</Link>
                </span>
                <span className="eh-muted">{t(`office:inbox.modules.${item.module}`)}</span>
              </li>
            ),
          )}
          {more.map((m) => (
            <li key={`more-${m.module}`} data-more="">
              {m.href ? (
                <Link to={m.href}>{t("office:inbox.more", { count: m.count, module: t(`office:inbox.modules.${m.module}`) })}</Link>
              ) : (
                t("office:inbox.more", { count: m.count, module: t(`office:inbox.modules.${m.module}`) })
              )}
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}
