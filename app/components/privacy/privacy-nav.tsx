import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge, type BadgeColor } from "~/components/list-page";
import type { DeadlineState } from "~/modules/privacy/deadline";

const TABS = [
  { to: "/office/privacy", key: "requests" },
  { to: "/office/privacy/new", key: "new" },
  { to: "/office/privacy/access-log", key: "accessLog" },
  { to: "/office/privacy/retention", key: "retention" },
  { to: "/office/privacy/consents", key: "consents" },
] as const;

/** The privacy desk's sections as plain links (no JavaScript needed); the current one is marked. */
export function PrivacyNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t("privacy:tabs.label")}>
      <ul className="eh-subnav" style={{ display: "flex", flexWrap: "wrap", gap: "var(--mantine-spacing-md)", listStyle: "none", paddingInlineStart: 0, margin: 0 }}>
        {TABS.map((tab) => (
          <li key={tab.to}>
            <Link to={tab.to} aria-current={pathname === tab.to ? "page" : undefined} style={{ fontWeight: pathname === tab.to ? 700 : undefined }}>
              {t(`privacy:tabs.${tab.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const STATE_COLOURS: Record<DeadlineState, BadgeColor> = { closed: "gray", overdue: "red", dueToday: "red", dueSoon: "orange", open: "blue" };

/** A request's deadline state as a badge. */
export function DeadlineBadge({ state }: { state: DeadlineState }) {
  const { t } = useTranslation();
  return <StatusBadge color={STATE_COLOURS[state]}>{t(`privacy:states.${state}`)}</StatusBadge>;
}
