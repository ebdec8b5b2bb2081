import coreCss from "@mantine/core/styles.css";
import {
  ColorSchemeScript,
  DirectionProvider,
  MantineProvider,
  mantineHtmlProps,
} from "@mantine/core";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getActor, renewSessionCookie } from "~/auth/session.server";
import { isOffice, can, memberOrganisations, organisationScope } from "~/auth/permissions";
import { AppLayout } from "~/components/app-layout";
import { ErrorPage } from "~/components/error-page";
import { directionOf } from "~/i18n/config";
import { getLanguage } from "~/i18n/i18next.server";
import { resourcesVersion, titlesFor } from "~/i18n/resources.server";
import { useRootData, type NavFlags, type RootData } from "~/root-data";
import { navTaskCount } from "~/modules/tasks/queue.server";
import { readFlash } from "~/utils/flash.server";
import { useNonce } from "~/utils/nonce";
import { theme, themeCssVersion } from "~/components/theme";
import appCss from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: coreCss },
  // The theme's CSS variables (Mantine would inline 15 KB of them into every page).
  { rel: "stylesheet", href: `/theme.css?v=${themeCssVersion()}` },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Ehrenamt-Hub" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Anonymous visitors are allowed on every page; each route decides what it needs.
  const [actor, lang, { flash, setCookie }, sessionCookie] = await Promise.all([
    getActor(request, context),
    getLanguage(request),
    readFlash(request),
    renewSessionCookie(request, context),
  ]);
  const nav: NavFlags = {
    office: isOffice(actor),
    organisations: can(actor, "read:organisation:any"),
    outbox: can(actor, "read:outbox:any"),
    legalPages: can(actor, "manage:legal-page:any"),
    users: can(actor, "manage:user:any"),
    volunteers: can(actor, "read:volunteer:any"),
    rooms: can(actor, "manage:room:any"),
    roomRequests: can(actor, "approve:booking:any"),
    households: can(actor, "read:household:any"),
    donations: can(actor, "manage:donation:any"),
    association: memberOrganisations(actor, "read:organisation:own").length > 0,
    associationVolunteers: !!actor && actor.organisationIds.some((id) => can(actor, "read:assigned-volunteer:own", { organisationId: id })),
    assignments: organisationScope(actor, "read:assignment") !== null,
    coverage: can(actor, "read:assignment:any"),
    certificates: can(actor, "manage:certificate:any"),
    sponsorships: can(actor, "manage:sponsorship:any"),
    imports: can(actor, "manage:import:any"),
    reports: can(actor, "read:report:any"),
    sealOffice: can(actor, "manage:seal:any"),
    privacy: can(actor, "manage:privacy"),
    sealApply: memberOrganisations(actor, "apply:seal:own").length > 0,
    messages: can(actor, "send:message:any"),
    associationTandems: memberOrganisations(actor, "manage:tandem:own").length > 0,
  };
  // The work queue's count beside its navigation entry (ADR 0036): office members only, capped (ADR 0049).
  const taskCount = can(actor, "work:task:any") && actor ? await navTaskCount(actor) : null;
  return data(
    {
      lang,
      dir: directionOf(lang),
      user: actor ? { name: actor.name, email: actor.email } : null,
      nav,
      flash,
      i18nVersion: resourcesVersion(lang),
      titles: titlesFor(lang),
      taskCount,
    } satisfies RootData,
    { headers: [setCookie, sessionCookie].filter((c): c is string => !!c).map((c) => ["Set-Cookie", c] as [string, string]) },
  );
}

export { useRootData, type RootData } from "~/root-data";

function Document({ children, lang, dir, i18nVersion }: { children: ReactNode; lang: string; dir: "ltr" | "rtl"; i18nVersion?: string }) {
  const nonce = useNonce();
  const localesHref = i18nVersion ? `/locales/${lang}?v=${i18nVersion}` : undefined;
  return (
    <html lang={lang} dir={dir} data-i18n-version={i18nVersion} {...mantineHtmlProps}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* The browser fetches this language's texts once per release (entry.client) and caches them. */}
        {localesHref ? <link rel="preload" href={localesHref} as="fetch" crossOrigin="anonymous" /> : null}
        <ColorSchemeScript nonce={nonce} defaultColorScheme="light" />
      </head>
      <body>
        <DirectionProvider initialDirection={dir} detectDirection={false}>
          <MantineProvider theme={theme} defaultColorScheme="light" withCssVariables={false}>
            {children}
          </MantineProvider>
        </DirectionProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRootData()!;
  return (
    <Document lang={data.lang} dir={data.dir} i18nVersion={data.i18nVersion}>
      <AppLayout>
        <Outlet />
      </AppLayout>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRootData();
  const { i18n } = useTranslation();
  const lang = data?.lang ?? i18n.language ?? "de";
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <Document lang={lang} dir={directionOf(lang)} i18nVersion={data?.i18nVersion}>
      {data ? (
        <AppLayout>
          <ErrorPage status={status} />
        </AppLayout>
      ) : (
        <ErrorPage status={status} />
      )}
    </Document>
  );
}
