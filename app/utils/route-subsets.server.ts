/**
 * Per-request route subsets (ADR 0027). Remix and React Router match a request against every route
 * of the build, several times per request: the server runtime and its static handler each flatten,
 * rank and compile all ~110 routes (`matchRoutes`), and `RemixServer` builds the whole route tree
 * again for the render. That work grows with the number of routes in the build, not with the page.
 *
 * Here each request is handed to an ordinary Remix request handler (`createRequestHandler`, public
 * API) whose build holds only the routes that could match its path: every route whose pattern is
 * compatible with the path's segments (literal segments equal ignoring case, dynamic segments any,
 * splats their prefix, anything with an optional segment always), plus their ancestors and the
 * root. Which route matches is therefore unchanged: the route the full set picks is in the subset,
 * and every route the subset ranks above it is ranked above it in the full set too and did not
 * match there. tests/unit/route-subsets.test.ts checks that for every route of the app.
 *
 * The browser is unaffected: it loads the full route manifest from its static file
 * (`assets.url`), as before. Handlers are made once per distinct subset and kept.
 */
import type { ServerBuild } from "@remix-run/node";

type RouteTable = ServerBuild["routes"];
type Segment = { kind: "literal"; lower: string } | { kind: "dynamic" } | { kind: "splat" } | { kind: "optional" };
type RoutePattern = { id: string; ancestors: string[]; segments: Segment[] };

/** The path Remix's lazy route discovery asks for other routes' manifests: always the full build. */
const MANIFEST_PATH = "/__manifest";
/** Beyond this many distinct subsets (only odd paths make new ones) requests use the full build. */
const MAX_SUBSETS = 1000;
/** Paths whose handler is remembered (the subset is worked out again for others). */
const MAX_PATHS = 2000;

function parseSegment(raw: string): Segment {
  if (raw.endsWith("?")) return { kind: "optional" };
  if (raw === "*") return { kind: "splat" };
  if (raw.startsWith(":")) return { kind: "dynamic" };
  // Only ASCII literals are compared here (every route of the app); anything else counts as "any".
  return /^[\x00-\x7f]*$/.test(raw) ? { kind: "literal", lower: raw.toLowerCase() } : { kind: "dynamic" };
}

/** Each route's full pattern (its ancestors' paths joined with its own) and its ancestors, root first. */
export function routePatterns(routes: RouteTable): RoutePattern[] {
  const memo = new Map<string, { ancestors: string[]; segments: Segment[] }>();
  const resolve = (id: string): { ancestors: string[]; segments: Segment[] } => {
    const known = memo.get(id);
    if (known) return known;
    const route = routes[id];
    if (!route) throw new Error(`route ${id} is not in the build`);
    const parent = route.parentId ? resolve(route.parentId) : { ancestors: [], segments: [] };
    const own = (route.path ?? "").split("/").filter(Boolean).map(parseSegment);
    const result = { ancestors: route.parentId ? [...parent.ancestors, route.parentId] : [], segments: [...parent.segments, ...own] };
    memo.set(id, result);
    return result;
  };
  return Object.keys(routes).map((id) => ({ id, ...resolve(id) }));
}

/**
 * The path's segments as React Router compares them: decoded one by one, trailing slashes
 * ignored. `null` when a segment does not decode (React Router then matches the raw path).
 */
function pathSegments(pathname: string): string[] | null {
  const parts = pathname.split("/").slice(1);
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  try {
    return parts.map((p) => decodeURIComponent(p).replace(/\//g, "%2F").toLowerCase());
  } catch {
    return null;
  }
}

function couldMatch(segments: Segment[], path: string[]): boolean {
  if (segments.some((s) => s.kind === "optional")) return true;
  const splat = segments.length > 0 && segments[segments.length - 1].kind === "splat";
  const fixed = splat ? segments.length - 1 : segments.length;
  if (splat ? fixed > path.length : fixed !== path.length) return false;
  for (let i = 0; i < fixed; i++) {
    const s = segments[i];
    if (s.kind === "literal" && s.lower !== path[i]) return false;
  }
  return true;
}

/**
 * The ids of the routes that could match `pathname` (and the path its single-fetch `.data` URL
 * stands for), with their ancestors, in the build's order; `null` for "all of them".
 */
export function routeIdsFor(patterns: RoutePattern[], pathname: string): string[] | null {
  if (pathname === MANIFEST_PATH) return null;
  const paths = [pathname];
  if (pathname.endsWith(".data")) paths.push(pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/"));
  const keep = new Set<string>();
  for (const p of paths) {
    const segments = pathSegments(p);
    if (!segments) return null;
    for (const route of patterns) {
      if (keep.has(route.id) || !couldMatch(route.segments, segments)) continue;
      keep.add(route.id);
      for (const a of route.ancestors) keep.add(a);
    }
  }
  return patterns.filter((r) => keep.has(r.id)).map((r) => r.id);
}

/** The build with only the given routes (server routes and the assets manifest alike). */
export function buildWithRoutes(build: ServerBuild, ids: string[]): ServerBuild {
  const routes: RouteTable = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  for (const id of ids) {
    routes[id] = build.routes[id];
    if (build.assets.routes[id]) assetRoutes[id] = build.assets.routes[id];
  }
  return { ...build, routes, assets: { ...build.assets, routes: assetRoutes } };
}

/**
 * `handlerFor(pathname)`: the handler `make` made for the build reduced to the routes that could
 * match `pathname` (made on first use, then kept), or for the full build (`null`: a path not known).
 */
export function handlersByRouteSubset<H>(build: ServerBuild, make: (build: ServerBuild) => H): (pathname: string | null) => H {
  const patterns = routePatterns(build.routes);
  let full: H | undefined;
  const bySubset = new Map<string, H>();
  const byPath = new Map<string, H>();
  const forPath = (pathname: string | null): H => {
    const ids = pathname === null ? null : routeIdsFor(patterns, pathname);
    if (!ids) return (full ??= make(build));
    const key = ids.join("\n");
    let handler = bySubset.get(key);
    if (!handler) {
      if (bySubset.size >= MAX_SUBSETS) return (full ??= make(build));
      handler = make(buildWithRoutes(build, ids));
      bySubset.set(key, handler);
    }
    return handler;
  };
  return (pathname) => {
    if (pathname === null) return forPath(null);
    let handler = byPath.get(pathname);
    if (!handler) {
      // The paths seen recently (office pages repeat); the map starts over when full.
      if (byPath.size >= MAX_PATHS) byPath.clear();
      handler = forPath(pathname);
      byPath.set(pathname, handler);
    }
    return handler;
  };
}
