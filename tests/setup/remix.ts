/**
 * Calls Remix loaders and actions directly, as the server would, and normalises what they
 * return or throw (plain data, `data()`, Responses, redirects) into one shape.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createSession, SESSION_COOKIE } from "../../app/auth/sessions.server";
import { toHttpError } from "../../app/utils/http-errors.server";

export const BASE = "http://localhost:3000";

export type RouteResult = { status: number; data: any; headers: Headers; location: string | null };

type Fn = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

export function makeRequest(
  pathname: string,
  opts: { method?: string; form?: Record<string, string | string[]> | FormData; cookie?: string; headers?: Record<string, string> } = {},
): Request {
  const headers = new Headers(opts.headers);
  if (opts.cookie) headers.set("Cookie", opts.cookie);
  let body: BodyInit | undefined;
  if (opts.form) {
    if (opts.form instanceof FormData) body = opts.form;
    else {
      const fd = new URLSearchParams();
      for (const [k, v] of Object.entries(opts.form)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
      body = fd;
      headers.set("Content-Type", "application/x-www-form-urlencoded");
    }
  }
  return new Request(BASE + pathname, { method: opts.method ?? (opts.form ? "POST" : "GET"), headers, body });
}

async function normalise(value: unknown): Promise<RouteResult> {
  if (value instanceof Response) {
    const text = await value.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: value.status, data, headers: value.headers, location: value.headers.get("Location") };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const v = value as unknown as { data: unknown; init: ResponseInit | null };
    return { status: v.init?.status ?? 200, data: v.data, headers: new Headers(v.init?.headers), location: null };
  }
  return { status: 200, data: value, headers: new Headers(), location: null };
}

/** Runs a loader or action; thrown Responses and AppErrors (404, 403, redirects) are returned, not thrown. */
export async function run(fn: Fn | undefined, request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = {}): Promise<RouteResult> {
  if (!fn) throw new Error("route has no such function");
  try {
    return await normalise(await fn({ request, params, context: { nonce: "", clientIp: "127.0.0.1", ...context } } as never));
  } catch (caught) {
    // As the server does (`withAppErrors`): a thrown AppError is answered with its status.
    const thrown = toHttpError(caught);
    if (thrown instanceof Response) return normalise(thrown);
    throw thrown;
  }
}

/** A session cookie for a user, as the login would set it. */
export async function sessionCookie(userId: string): Promise<string> {
  const { token } = await createSession(userId, "full");
  return `${SESSION_COOKIE}=${token}`;
}

/** Cookies a response sets, joined for the next request. */
export function cookiesFrom(result: RouteResult, previous = ""): string {
  const jar = new Map(previous.split("; ").filter(Boolean).map((c) => [c.split("=")[0], c] as const));
  for (const set of result.headers.getSetCookie()) {
    const pair = set.split(";")[0];
    jar.set(pair.split("=")[0], pair);
  }
  return [...jar.values()].join("; ");
}
