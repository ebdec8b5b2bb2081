import { Notification } from "@mantine/core";
import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NAV_TASK_CAP } from "~/modules/tasks/kinds";
import { useRootData } from "~/root-data";
import { LanguageSwitcher } from "./language-switcher";

type NavItem = { to: string; label: string };

function useNavItems(): NavItem[] {
  const data = useRootData();
  const { t } = useTranslation();
  const items: NavItem[] = [
    { to: "/", label: t("nav.home") },
    { to: "/raum", label: t("nav.rooms") },
  ];
  if (!data) return items;
  if (!data.user) items.push({ to: "/mitmachen", label: t("nav.join") });
  items.push({ to: "/spenden", label: t("donations:nav.public") });
  items.push({ to: "/patenschaften", label: t("sponsorships:nav.public") });
  items.push({ to: "/vereine", label: t("associations:nav.directory") });
  items.push({ to: "/angebote", label: t("directory:nav.public") });
  items.push({ to: "/siegel", label: t("seal:nav.public") });
  if (data.user) items.push({ to: "/me", label: t("nav.account") });
  if (data.nav.association) items.push({ to: "/verein", label: t("nav.association") });
  if (data.nav.associationVolunteers) items.push({ to: "/verein/volunteers", label: t("volunteers:nav.association") });
  if (data.nav.sealApply) items.push({ to: "/verein/siegel", label: t("seal:nav.association") });
  if (data.nav.associationTandems) items.push({ to: "/verein/sponsorships", label: t("programmes:nav.verein") });
  if (data.nav.office) items.push({ to: "/office", label: data.taskCount ? t("tasks:navCount", { label: t("nav.inbox"), n: data.taskCount > NAV_TASK_CAP ? `${NAV_TASK_CAP}+` : data.taskCount }) : t("nav.inbox") });
  if (data.nav.volunteers) items.push({ to: "/office/volunteers", label: t("nav.volunteers") });
  if (data.nav.households) items.push({ to: "/office/households", label: t("donations:nav.households") });
  if (data.nav.donations) items.push({ to: "/office/donations", label: t("donations:nav.office") });
  if (data.nav.sponsorships) items.push({ to: "/office/sponsorships", label: t("sponsorships:nav.office") });
  if (data.nav.sealOffice) items.push({ to: "/office/seal", label: t("seal:nav.office") });
  if (data.nav.messages) items.push({ to: "/office/messages", label: t("messages:nav") });
  if (data.nav.organisations) items.push({ to: "/office/organisations", label: t("nav.organisations") });
  if (data.nav.assignments) items.push({ to: "/office/assignments", label: t("coverage:nav.assignments") }, { to: "/office/hours", label: t("coverage:nav.hours") });
  if (data.nav.coverage) items.push({ to: "/office/coverage", label: t("coverage:nav.coverage") }, { to: "/office/ehrenamtskarte", label: t("coverage:nav.karte") });
  if (data.nav.certificates) items.push({ to: "/office/certificates", label: t("coverage:nav.certificates") });
  if (data.nav.roomRequests) items.push({ to: "/office/rooms/requests", label: t("nav.roomRequests") });
  if (data.nav.rooms) items.push({ to: "/office/rooms", label: t("nav.roomsOffice") });
  if (data.nav.users) items.push({ to: "/office/users", label: t("nav.users") });
  if (data.nav.reports) items.push({ to: "/office/reports", label: t("reports:nav") });
  if (data.nav.legalPages) items.push({ to: "/office/seiten", label: t("legal:office.nav") });
  if (data.nav.imports) items.push({ to: "/office/import", label: t("import:nav.import") });
  if (data.nav.privacy) items.push({ to: "/office/privacy", label: t("privacy:nav") });
  if (data.nav.outbox) items.push({ to: "/office/outbox", label: t("nav.outbox") });
  return items;
}

/**
 * The navigation as a plain list of links (styled in app.css), rendered once on every page: the
 * sidebar on wide screens, the menu that the header's "Menü" opens on small ones. As Mantine
 * NavLinks, and as two copies (sidebar and mobile menu), it cost more server time than many pages'
 * own content.
 */
function NavList({ items }: { items: NavItem[] }) {
  const { pathname } = useLocation();
  // The entry for the page, or for the section it is in (the longest matching path).
  const current = items.reduce<string | null>((best, item) => {
    const inside = item.to === "/" ? pathname === "/" : pathname === item.to || pathname.startsWith(item.to + "/");
    return inside && (!best || item.to.length > best.length) ? item.to : best;
  }, null);
  return (
    <ul className="eh-nav">
      {items.map((item) => (
        <li key={item.to}>
          <Link to={item.to} data-active={item.to === current ? "" : undefined} aria-current={pathname === item.to ? "page" : undefined}>
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function FlashToast() {
  const data = useRootData();
  const { t } = useTranslation();
  const [visible, setVisible] = useState(true);
  const flash = data?.flash;
  useEffect(() => setVisible(true), [flash?.key]);
  if (!flash || !visible) return null;
  return (
    <Notification
      role="status"
      color={flash.kind === "error" ? "red" : flash.kind === "info" ? "blue" : "green"}
      onClose={() => setVisible(false)}
      closeButtonProps={{ "aria-label": t("actions.close") }}
      mb="md"
      withBorder
    >
      {t(flash.key, flash.values)}
    </Notification>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const { t } = useTranslation();
  const items = useNavItems();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <header className="eh-header">
        <div className="eh-header-start">
          {/* On small screens this opens the one navigation below (app.css, `:has`); no second copy. */}
          <details className="mobile-nav">
            <summary aria-controls="main-navigation">{t("layout.menu")}</summary>
          </details>
          <Link to="/" className="eh-brand">
            Ehrenamt-Hub
          </Link>
        </div>
        <div className="eh-header-end">
          <LanguageSwitcher />
          {data?.user ? (
            <Form method="post" action="/logout" className="inline-form">
              <button type="submit" className="eh-button" data-variant="subtle" data-size="compact-sm">
                {t("actions.logout")}
                <span className="sr-only"> ({data.user.name})</span>
              </button>
            </Form>
          ) : (
            <div className="eh-header-actions">
              <Link to="/login" className="eh-button" data-variant="subtle" data-size="compact-sm">
                {t("actions.login")}
              </Link>
              <Link to="/register" className="eh-button" data-size="compact-sm">
                {t("nav.createAccount")}
              </Link>
            </div>
          )}
        </div>
      </header>
      <div className="eh-shell">
        <nav aria-label={t("layout.mainNavigation")} className="eh-navbar" id="main-navigation">
          <NavList items={items} />
        </nav>
        <main id="main" tabIndex={-1} className="eh-main">
          <div className="eh-content">
            <FlashToast />
            {children}
          </div>
        </main>
      </div>
      <SiteFooter />
    </>
  );
}

/** Links every page carries (§ 5 DDG Impressum, contact, privacy, accessibility statement, help). */
export const FOOTER_LINKS = [
  { to: "/impressum", key: "legal:footer.impressum" },
  { to: "/kontakt", key: "legal:footer.contact" },
  { to: "/datenschutz", key: "legal:footer.privacy" },
  { to: "/barrierefreiheit", key: "legal:footer.accessibility" },
  { to: "/hilfe", key: "legal:footer.help" },
] as const;

function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="eh-footer">
      <nav aria-label={t("legal:footer.label")}>
        <ul>
          {FOOTER_LINKS.map((l) => (
            <li key={l.to}>
              <Link to={l.to}>{t(l.key)}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </footer>
  );
}

/** The page's heading (an h1 in the size of Mantine's h2) and an optional line below it. */
export function PageTitle({ children, description }: { children: ReactNode; description?: ReactNode }) {
  return (
    <div className="eh-page-title">
      <h1>{children}</h1>
      {description ? <p>{description}</p> : null}
    </div>
  );
}
