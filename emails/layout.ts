import { directionOf } from "~/i18n/config";

export type RenderedMail = { subject: string; html: string; text: string };
export type MailContent = {
  subject: string;
  greeting?: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
  /**
   * Texts inside the paragraphs that are in another language than the mail (an office text with no
   * translation, shown in German): the HTML wraps each in `<span lang="…">`, so screen readers
   * switch to that language for it. The plain text stays as it is.
   */
  foreign?: Array<{ text: string; lang: string }>;
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Wraps each foreign text (escaped, as it stands in the escaped paragraph) in a span with its language, in one pass. */
function markForeign(escaped: string, foreign: MailContent["foreign"], lang: string): string {
  const langOf = new Map<string, string>();
  for (const f of foreign ?? []) if (f.text && f.lang !== lang) langOf.set(escapeHtml(f.text), f.lang);
  if (!langOf.size) return escaped;
  // Longest first, so a text inside another is not cut out of it.
  const needles = [...langOf.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return escaped.replace(new RegExp(needles.join("|"), "g"), (m) => `<span lang="${escapeHtml(langOf.get(m)!)}" dir="auto">${m}</span>`);
}

/** One layout for every message: simple HTML (inline styles, right-to-left aware) plus plain text. */
export function renderMail(lang: string, c: MailContent): RenderedMail {
  const dir = directionOf(lang);
  const paras = [c.greeting, ...c.paragraphs].filter(Boolean) as string[];
  const button = c.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(c.action.url)}" style="background:#1c4e80;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(c.action.label)}</a></p><p style="font-size:13px;color:#495057">${escapeHtml(c.action.url)}</p>`
    : "";
  const html = `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(c.subject)}</title></head><body style="font-family:system-ui,sans-serif;color:#1a1b1e;line-height:1.5;max-width:600px;margin:0 auto;padding:16px" dir="${dir}">${paras
    .map((p) => `<p>${markForeign(escapeHtml(p), c.foreign, lang)}</p>`)
    .join("")}${button}<hr style="border:none;border-top:1px solid #dee2e6"><p style="font-size:13px;color:#495057">${escapeHtml(c.footer)}</p></body></html>`;
  const text = [...paras, c.action ? `${c.action.label}:\n${c.action.url}` : "", "--", c.footer].filter(Boolean).join("\n\n");
  return { subject: c.subject, html, text };
}
