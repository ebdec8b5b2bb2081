/**
 * The public legal and help pages whose town-specific text the office keeps (table
 * `legal_page`, one row per page and language; German required, other languages fall back to
 * it). Pure data, shared by the routes, the footer and the office's editor.
 */
export const HELP_GROUPS = ["ehrenamt", "verein", "spenden", "raum", "koordination"] as const;
export type HelpGroup = (typeof HELP_GROUPS)[number];

export const LEGAL_SLUGS = ["impressum", "kontakt", "barrierefreiheit", ...HELP_GROUPS.map((g) => `hilfe-${g}` as const)] as const;
export type LegalSlug = (typeof LEGAL_SLUGS)[number];

export function isLegalSlug(v: unknown): v is LegalSlug {
  return typeof v === "string" && (LEGAL_SLUGS as readonly string[]).includes(v);
}

export function isHelpGroup(v: unknown): v is HelpGroup {
  return typeof v === "string" && (HELP_GROUPS as readonly string[]).includes(v);
}

/** The public address of a page. */
export function legalPath(slug: LegalSlug): string {
  return slug.startsWith("hilfe-") ? `/hilfe/${slug.slice("hilfe-".length)}` : `/${slug}`;
}

/** A stored text as paragraphs: blank lines separate them; single line breaks stay (addresses). */
export function paragraphsOf(body: string): string[][] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.split("\n").map((l) => l.trimEnd()))
    .filter((p) => p.some((l) => l.trim()));
}
