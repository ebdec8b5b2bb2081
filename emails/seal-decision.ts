import { defineTemplate } from "./define";

/** The office's decision on a seal application, with its rationale, in the association's language. */
export const sealDecision = defineTemplate(
  "seal-decision",
  (t, d: { name: string; organisation: string; decision: "award" | "decline" | "send-back"; reason: string; validUntil: string | null; conditions?: Array<{ text: string; due: string }>; url: string }) => ({
    subject: t(`seal:mail.decision.${d.decision}.subject`, { organisation: d.organisation }),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [
      t(`seal:mail.decision.${d.decision}.body`, { organisation: d.organisation, validUntil: d.validUntil ?? "" }),
      t("seal:mail.decision.reason", { reason: d.reason }),
      ...(d.conditions ?? []).map((c) => t("seal:mail.decision.condition", { text: c.text, due: c.due })),
    ],
    action: { label: t(`seal:mail.decision.${d.decision}.action`), url: d.url },
    footer: t("footer"),
  }),
);
