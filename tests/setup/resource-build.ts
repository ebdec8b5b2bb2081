/**
 * A small hand-made Remix server build of resource routes (loaders and actions whose answer is the
 * response; nothing is rendered), for tests of the HTTP layer that must not depend on the app's
 * production build (which may not exist when they run).
 */
import type { ServerBuild } from "@remix-run/node";

export type ResourceRoute = { id: string; path: string; parentId: string | undefined; index: undefined; caseSensitive: undefined; module: Record<string, unknown> };

export function resourceRoute(id: string, path: string, module: Record<string, unknown>, parentId: string | undefined = "root"): ResourceRoute {
  return { id, path, parentId, index: undefined, caseSensitive: undefined, module };
}

/** A production build with an empty root and `routes` under it. */
export function resourceBuild(routes: Record<string, ResourceRoute>): ServerBuild {
  return {
    mode: "production",
    basename: undefined,
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    isSpaMode: false,
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: false },
    entry: { module: { default: () => new Response("no documents in this build", { status: 500 }) } },
    assets: { entry: { module: "/build/entry.js", imports: [] }, routes: {}, url: "/build/manifest.js", version: "test" },
    routes: {
      root: { id: "root", path: "", parentId: undefined, index: undefined, caseSensitive: undefined, module: {} },
      ...routes,
    },
  } as unknown as ServerBuild;
}
