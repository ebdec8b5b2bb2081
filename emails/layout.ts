import { directionOf } from "~/i18n/config";

export type RenderedMail = { subject: string; html: string; text: string };
export type MailContent = {
  subject: string;
  greeting?: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** One layout for every message: simple HTML (inline styles, right-to-left aware) plus plain text. */
export function renderMail(lang: string, c: MailContent): RenderedMail {
  const dir = directionOf(lang);
  const paras = [c.greeting, ...c.paragraphs].filter(Boolean) as string[];
  const button = c.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(c.action.url)}" style="background:#1c4e80;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(c.action.label)}</a></p><p style="font-size:13px;color:#495057">${escapeHtml(c.action.url)}</p>`
    : "";
  const html = `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(c.subject)}</title></head><body style="font-family:system-ui,sans-serif;color:#1a1b1e;line-height:1.5;max-width:600px;margin:0 auto;padding:16px" dir="${dir}">${paras
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("")}${button}<hr style="border:none;border-top:1px solid #dee2e6"><p style="font-size:13px;color:#495057">${escapeHtml(c.footer)}</p></body></html>`;
  const text = [...paras, c.action ? `${c.action.label}:\n${c.action.url}` : "", "--", c.footer].filter(Boolean).join("\n\n");
  return { subject: c.subject, html, text };
}
