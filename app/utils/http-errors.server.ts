import type { ServerBuild } from "@remix-run/node";
import type { AppError } from "./errors";

/**
 * The one place an `AppError` becomes HTTP (ADR 0020). Modules, `requirePermission`, `parseId`
 * and routes throw `AppError` (`notFound()`, `forbidden()`, …); a 4xx one that leaves a loader or
 * action is answered with its status, as a thrown Response would be (the route's error boundary
 * renders it). Anything else (a Response, a redirect, a bug) passes unchanged.
 */
const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 410: "Gone", 413: "Payload Too Large", 429: "Too Many Requests" };

/**
 * Recognised by name, not `instanceof`: the server (`scripts/serve.ts`, run from source) and the
 * Remix build (a bundle with its own copy of `errors.ts`) hold two AppError classes.
 */
function isAnyAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === "AppError" && typeof (error as AppError).status === "number";
}

export function toHttpError(error: unknown): unknown {
  if (isAnyAppError(error) && error.status >= 400 && error.status < 500) return new Response(STATUS_TEXT[error.status] ?? "Error", { status: error.status });
  return error;
}

/** A loader or action whose thrown `AppError`s are answered as above. */
export function answeringAppErrors<F extends (args: never) => unknown>(fn: F): F {
  return (async (args: never) => {
    try {
      return await fn(args);
    } catch (error) {
      throw toHttpError(error);
    }
  }) as F;
}

/** The server build with every route's loader and action wrapped (applied once, when the build is loaded). */
export function withAppErrors(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action } = route.module;
    routes[id] = { ...route, module: { ...route.module, ...(loader ? { loader: answeringAppErrors(loader) } : {}), ...(action ? { action: answeringAppErrors(action) } : {}) } };
  }
  return { ...build, routes };
}
