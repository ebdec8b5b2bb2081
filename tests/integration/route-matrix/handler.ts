/**
 * The Remix request handler in process, on the app's own source modules (no build): the route
 * tree comes from `app/routes` by Remix's flat-routes convention, as the compiler makes it.
 * Page requests go through single fetch (`/x.data`: every loader of the page, or the action),
 * resource routes as plain requests, so no page is rendered (the matrix is about who may load
 * and post what; rendering is covered by the browser tests).
 */
import path from "node:path";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { withAppErrors } from "../../../app/utils/http-errors.server";
import { handlersByRouteSubset } from "../../../app/utils/route-subsets.server";
import remixConfig from "../../../remix.config.js";

const APP = path.resolve(import.meta.dirname, "..", "..", "..", "app");

export type RouteEntry = { id: string; parentId?: string; path?: string; index?: boolean; file: string };

/** Every route of `app/routes`, keyed by its route id (`routes/office.users.$id`). */
export function routeManifest(): Record<string, RouteEntry> {
  return flatRoutes(APP, remixConfig.ignoredRouteFiles) as Record<string, RouteEntry>;
}

declare global {
  interface ImportMeta {
    /** Vite's (and so Vitest's) module glob, resolved at transform time. */
    glob(patterns: string[]): Record<string, () => Promise<unknown>>;
  }
}

const modules = import.meta.glob(["../../../app/root.tsx", "../../../app/routes/**/*.{ts,tsx}", "!**/*.test.{ts,tsx}"]);

export type Handled = {
  /** What the app reported through `handleError` since the list was last emptied. */
  errors: unknown[];
  handle: (request: Request, context: AppLoadContext) => Promise<Response>;
  /** A resource route (no component): asked for by its own URL, not through single fetch. */
  isResource: (routeId: string) => boolean;
  hasAction: (routeId: string) => boolean;
};

export async function createHandler(): Promise<Handled> {
  const manifest = { root: { id: "root", path: "", file: "root.tsx" } as RouteEntry, ...routeManifest() };
  const routes: ServerBuild["routes"] = {};
  const loaded = await Promise.all(
    Object.values(manifest).map(async (r) => {
      const load = modules[`../../../app/${r.file}`];
      if (!load) throw new Error(`route module app/${r.file} not found by import.meta.glob in ${import.meta.filename}`);
      return [r, (await load()) as Record<string, unknown>] as const;
    }),
  );
  for (const [r, module] of loaded) routes[r.id] = { id: r.id, parentId: r.parentId, path: r.path, index: r.index, caseSensitive: undefined, module: module as never };
  const moduleOf = (id: string) => routes[id]?.module as unknown as Record<string, unknown> | undefined;
  const errors: unknown[] = [];
  const build = {
    mode: "production",
    entry: {
      module: {
        // why: no page is rendered here (single fetch and resource requests only); a document request is a test bug.
        default: () => new Response("document requests are not made by the route matrix", { status: 599 }),
        handleError: (error: unknown) => void errors.push(error),
      },
    },
    routes,
    assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "matrix" },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: remixConfig.future,
    isSpaMode: false,
    basename: undefined,
  } as unknown as ServerBuild;
  // As scripts/serve.ts does: a thrown AppError is answered with its status, and each request is
  // handled with the routes that could match its path (ADR 0027), so every row checks that too.
  const handlerFor = handlersByRouteSubset(withAppErrors(build as ServerBuild), (subset) => createRequestHandler(subset, "production"));
  return {
    errors,
    handle: (request, context) => handlerFor(new URL(request.url).pathname)(request, context),
    isResource: (id) => moduleOf(id)?.default == null && moduleOf(id)?.ErrorBoundary == null,
    hasAction: (id) => typeof moduleOf(id)?.action === "function",
  };
}
