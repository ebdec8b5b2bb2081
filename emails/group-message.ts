import { defineTemplate } from "./define";

/**
 * A message of the office to a group of volunteers (issue #17): the office's own subject and text
 * (paragraphs at blank lines), in the recipient's language; the footer says why it arrived and
 * carries the one-click opt-out link. The layout sets the text direction of the language.
 */
export const groupMessage = defineTemplate("group-message", (t, d: { name: string; subject: string; body: string; optOutUrl: string }) => ({
  subject: d.subject,
  greeting: t("greeting", { name: d.name }),
  paragraphs: [
    ...d.body
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    t("messages:mail.why"),
  ],
  // The link on its own line (plain text) and as a button: never inside a sentence of another direction.
  action: { label: t("messages:mail.optOut"), url: d.optOutUrl },
  footer: t("footer"),
}));
