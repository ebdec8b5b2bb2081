/**
 * Per-request route subsets (app/utils/route-subsets.server.ts, ADR 0027): for every route of the
 * app, and for dynamic values, odd spellings and paths that match nothing, the routes the subset
 * matches are the routes the full route set matches, as React Router's `matchRoutes` (what the
 * server runtime, its static handler and `RemixServer` call) finds them.
 */
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import { describe, expect, it } from "vitest";
import { buildWithRoutes, handlersByRouteSubset, routeIdsFor, routePatterns } from "~/utils/route-subsets.server";

const APP = path.resolve(import.meta.dirname, "..", "..", "app");
// The app's route table as the build has it (remix.config.js: flat routes, tests ignored).
const manifest = flatRoutes(APP, ["**/.*", "**/*.test.{ts,tsx}"]);
const table = {
  root: { id: "root", path: "", parentId: undefined, index: undefined, caseSensitive: undefined, module: {} },
  ...Object.fromEntries(
    Object.values(manifest).map((r) => [r.id, { id: r.id, path: r.path, parentId: r.parentId, index: r.index, caseSensitive: r.caseSensitive, module: {} }]),
  ),
} as unknown as ServerBuild["routes"];
const build = {
  routes: table,
  assets: { routes: Object.fromEntries(Object.keys(table).map((id) => [id, { id }])) },
} as unknown as ServerBuild;

type TreeRoute = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: TreeRoute[] };
/** The nested routes React Router matches against, as Remix builds them from the flat table. */
function tree(routes: ServerBuild["routes"], parentId?: string): TreeRoute[] {
  return Object.values(routes)
    .filter((r) => r.parentId === parentId)
    .map((r) => {
      const children = tree(routes, r.id);
      return { id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, ...(children.length > 0 && !r.index ? { children } : {}) };
    });
}
const fullTree = tree(table);
// The tree has what React Router's route objects have (index routes never have children).
const matchedIds = (routes: TreeRoute[], pathname: string) => matchRoutes(routes as Parameters<typeof matchRoutes>[0], pathname)?.map((m) => m.route.id) ?? null;

/** Each route's full path with its dynamic segments filled in (two ways) and its splat filled in. */
function examplePaths(): string[] {
  const full = (id: string): string => {
    const r = table[id];
    const own = r.path ?? "";
    return r.parentId ? [full(r.parentId), own].filter(Boolean).join("/") : own;
  };
  const out = new Set<string>();
  for (const id of Object.keys(table)) {
    const p = full(id);
    for (const fill of [(s: string) => (s.startsWith(":") ? "42" : s), (s: string) => (s.startsWith(":") ? "a-B_9" : s)]) {
      const filled = p
        .split("/")
        .filter(Boolean)
        .map((s) => (s === "*" ? "x/y" : fill(s)));
      out.add(`/${filled.join("/")}`);
    }
  }
  return [...out];
}

const paths = examplePaths();
const odd = [
  "/",
  "/_root.data",
  "/gibt-es-nicht",
  "/office/gibt-es-nicht",
  "/office/volunteers/42/zu-viel",
  "/OFFICE/Volunteers",
  "/office/volunteers/",
  "/office/volunteers//",
  "/office//volunteers",
  "//office",
  "/%6Fffice/volunteers",
  "/office%2Fvolunteers",
  "/raum/1/kalender.ics",
  "/raum/1/KALENDER.ICS",
  "/datenschutz.data",
  "/office/volunteers.data",
  "/office/volunteers/42.data",
  "/hilfe/%E2%80%93",
  "/%E0%A4%A",
  "/__manifest",
];

describe("route subsets", () => {
  const patterns = routePatterns(table);

  it("knows the app's routes", () => {
    expect(Object.keys(table).length).toBeGreaterThan(100);
    expect(paths).toContain("/office/volunteers/42");
  });

  it.each([...paths, ...odd, ...paths.map((p) => `${p}.data`)])("%s matches the same routes in its subset as in the full set", (pathname) => {
    const ids = routeIdsFor(patterns, pathname);
    if (ids === null) return; // the full build answers
    const subset = tree(buildWithRoutes(build, ids).routes);
    const normalised = pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
    for (const p of new Set([pathname, normalised])) expect(matchedIds(subset, p), p).toEqual(matchedIds(fullTree, p));
  });

  it("hands a request the few routes that could match, and the full build what it cannot judge", () => {
    expect(routeIdsFor(patterns, "/datenschutz")?.sort()).toEqual(["root", "routes/$", "routes/datenschutz"]);
    expect(routeIdsFor(patterns, "/office/volunteers")!.length).toBeLessThan(10);
    expect(routeIdsFor(patterns, "/__manifest")).toBeNull();
    expect(routeIdsFor(patterns, "/%E0%A4%A")).toBeNull();
    const subset = buildWithRoutes(build, ["root", "routes/datenschutz"]);
    expect(Object.keys(subset.assets.routes)).toEqual(["root", "routes/datenschutz"]);
  });

  it("makes one handler per subset and keeps it", () => {
    const made: ServerBuild[] = [];
    const handlerFor = handlersByRouteSubset(build, (b) => {
      made.push(b);
      return made.length;
    });
    expect(handlerFor("/datenschutz")).toBe(handlerFor("/Datenschutz/"));
    expect(handlerFor("/office/volunteers/1")).toBe(handlerFor("/office/volunteers/2"));
    expect(handlerFor("/__manifest")).not.toBe(handlerFor("/datenschutz"));
    expect(handlerFor(null)).toBe(handlerFor("/__manifest"));
    expect(made.length).toBe(3);
    expect(Object.keys(made[2].routes).length).toBe(Object.keys(table).length);
  });
});
