/**
 * Renders a route's page on the server as Remix would, without a build: the route's real loader
 * runs against the test database (through `run`), then its component renders with that data
 * inside a data router, the page's i18next instance and Mantine. A component that throws fails
 * the render (no error boundary on the server), so "the page answers 200" is tested for real.
 */
import { DirectionProvider, MantineProvider } from "@mantine/core";
import { createStaticHandler } from "@remix-run/router";
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { Outlet } from "react-router-dom";
import { createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { theme } from "../../app/components/theme";
import { directionOf, type UiLanguage } from "../../app/i18n/config";
import { createRequestI18n } from "../../app/i18n/i18next.server";
import { BASE, makeRequest, run } from "./remix";

type RouteModule = { loader?: (...args: never[]) => unknown; default: ComponentType };

export type Rendered = { status: number; html: string; text: string };

/** The visible text of rendered HTML (tags dropped, entities of the usual kind decoded). */
export function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

export async function renderRoute(
  mod: RouteModule,
  path: string,
  /**
   * `actionData`: what the route's action answered (e.g. a refused form's conform reply, from `run`):
   * the page renders as after that POST, so a form shows its messages and the input it kept.
   */
  opts: { cookie?: string; params?: Record<string, string>; lang?: UiLanguage; actionData?: unknown } = {},
): Promise<Rendered> {
  const lang = opts.lang ?? "de";
  const request = makeRequest(path, { cookie: opts.cookie });
  const loaded = mod.loader ? await run(mod.loader as never, request, opts.params ?? {}) : { status: 200, data: null };
  if (loaded.status !== 200) return { status: loaded.status, html: "", text: "" };
  const Page = mod.default;
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ lang, dir: directionOf(lang), user: null, nav: {}, flash: null }),
      element: <Outlet />,
      // "/" itself is matched by an index route only (a splat child does not render at the root).
      children: [
        {
          id: "page",
          ...(new URL(BASE + path).pathname === "/" ? { index: true } : { path: "*" }),
          loader: () => loaded.data,
          ...(opts.actionData !== undefined ? { action: () => opts.actionData as object } : {}),
          element: <Page />,
        },
      ],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(opts.actionData !== undefined ? new Request(BASE + path, { method: "POST", body: new URLSearchParams() }) : new Request(BASE + path));
  if (context instanceof Response) throw new Error(`router answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const i18n = await createRequestI18n(lang);
  const html = renderToString(
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={directionOf(lang)} detectDirection={false}>
        <MantineProvider theme={theme} defaultColorScheme="light" withCssVariables={false}>
          <div dir={directionOf(lang)} lang={lang}>
            <StaticRouterProvider router={router} context={context} hydrate={false} />
          </div>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>,
  );
  return { status: 200, html, text: textOf(html) };
}
