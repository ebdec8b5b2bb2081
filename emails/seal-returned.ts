import { defineTemplate } from "./define";

/** The office's screening found the seal application incomplete: its message, back to the association. */
export const sealReturned = defineTemplate("seal-returned", (t, d: { name: string; organisation: string; message: string; url: string }) => ({
  subject: t("seal:mail.returned.subject", { organisation: d.organisation }),
  greeting: t("greeting", { name: d.name }),
  paragraphs: [t("seal:mail.returned.body", { organisation: d.organisation }), d.message],
  action: { label: t("seal:mail.returned.action"), url: d.url },
  footer: t("footer"),
}));
