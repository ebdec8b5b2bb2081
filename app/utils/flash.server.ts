import { createCookie } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { env } from "./env.server";

/**
 * One-shot toast after a redirect. The cookie carries only a translation key from the
 * `flash.` namespace and, optionally, counts for it (nothing personal, nothing that could inject markup).
 */
const flashCookie = createCookie("eh_flash", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 });

export type Flash = { key: string; kind: "success" | "info" | "error"; values?: Record<string, number> };

export async function redirectWithFlash(to: string, flash: Flash, init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await flashCookie.serialize(flash, { secure: env().COOKIE_SECURE }));
  return redirect(to, { ...init, headers });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const raw = await flashCookie.parse(request.headers.get("Cookie"));
  if (!raw || typeof raw !== "object" || typeof raw.key !== "string" || !raw.key.startsWith("flash.")) {
    return { flash: null, setCookie: null };
  }
  const kind = raw.kind === "error" || raw.kind === "info" ? raw.kind : "success";
  // Only whole numbers pass as values (counts): never text from the cookie into a message.
  const values = raw.values && typeof raw.values === "object" ? Object.fromEntries(Object.entries(raw.values as Record<string, unknown>).filter((e): e is [string, number] => /^[a-z]+$/i.test(e[0]) && Number.isInteger(e[1]))) : undefined;
  return {
    flash: { key: raw.key, kind, ...(values && Object.keys(values).length ? { values } : {}) },
    setCookie: await flashCookie.serialize("", { maxAge: 0, secure: env().COOKIE_SECURE }),
  };
}

/** Only local paths are accepted as redirect targets (no open redirect). */
export function safeRedirectTarget(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines from URLs ("/\t/evil.com" becomes "//evil.com"): no control characters.
  if (/[\u0000-\u001F\u007F]/.test(to)) return fallback;
  // Whatever remains must resolve to this site.
  if (new URL(to, "http://local.invalid").origin !== "http://local.invalid") return fallback;
  return to;
}
