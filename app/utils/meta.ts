import type { MetaDescriptor } from "@remix-run/node";

type Match = { id: string; data: unknown };

/** Translated `<title>` from the texts the root loader already sent (`ns:dotted.key`). */
export function titleFrom(matches: Match[], key: string): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { i18n?: Record<string, unknown> } | undefined;
  const [ns, path] = key.includes(":") ? key.split(":") : ["common", key];
  let node: unknown = root?.i18n?.[ns];
  for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  const text = typeof node === "string" ? node : "";
  return [{ title: text ? `${text} · Ehrenamt-Hub` : "Ehrenamt-Hub" }];
}
