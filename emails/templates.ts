import type { TFunction } from "i18next";
import { getFixedT } from "~/i18n/i18next.server";
import { renderMail, type RenderedMail } from "./layout";

/**
 * One template per message. Each takes the recipient's language and its data and returns
 * subject, HTML and plain text; the texts live in `app/i18n/locales/<lang>/emails.json`.
 */
type Template<D> = (t: TFunction, data: D) => Parameters<typeof renderMail>[1];

const footer = (t: TFunction) => t("footer");

export const templates = {
  "verify-email": ((t, d: { name: string; url: string }) => ({
    subject: t("verifyEmail.subject"),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [t("verifyEmail.intro"), t("verifyEmail.validity", { hours: 48 })],
    action: { label: t("verifyEmail.action"), url: d.url },
    footer: footer(t),
  })) as Template<{ name: string; url: string }>,
  "register-existing": ((t, d: { name: string; loginUrl: string; resetUrl: string }) => ({
    subject: t("registerExisting.subject"),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [t("registerExisting.intro"), t("registerExisting.reset", { url: d.resetUrl }), t("registerExisting.ignore")],
    action: { label: t("registerExisting.action"), url: d.loginUrl },
    footer: footer(t),
  })) as Template<{ name: string; loginUrl: string; resetUrl: string }>,
  "reset-password": ((t, d: { name: string; url: string }) => ({
    subject: t("resetPassword.subject"),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [t("resetPassword.intro"), t("resetPassword.validity", { minutes: 60 }), t("resetPassword.ignore")],
    action: { label: t("resetPassword.action"), url: d.url },
    footer: footer(t),
  })) as Template<{ name: string; url: string }>,
  "confirm-email-change": ((t, d: { name: string; url: string; newEmail: string }) => ({
    subject: t("confirmEmailChange.subject"),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [t("confirmEmailChange.intro", { email: d.newEmail }), t("confirmEmailChange.validity", { hours: 48 })],
    action: { label: t("confirmEmailChange.action"), url: d.url },
    footer: footer(t),
  })) as Template<{ name: string; url: string; newEmail: string }>,
  "email-changed-notice": ((t, d: { name: string; newEmail: string }) => ({
    subject: t("emailChangedNotice.subject"),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [t("emailChangedNotice.intro", { email: d.newEmail }), t("emailChangedNotice.notYou")],
    footer: footer(t),
  })) as Template<{ name: string; newEmail: string }>,
  "password-changed-notice": ((t, d: { name: string }) => ({
    subject: t("passwordChangedNotice.subject"),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [t("passwordChangedNotice.intro"), t("passwordChangedNotice.notYou")],
    footer: footer(t),
  })) as Template<{ name: string }>,
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateData<N extends TemplateName> = Parameters<(typeof templates)[N]>[1];

export async function renderTemplate<N extends TemplateName>(name: N, lang: string, data: TemplateData<N>): Promise<RenderedMail> {
  const t = await getFixedT(lang, "emails");
  const template = templates[name] as Template<TemplateData<N>>;
  return renderMail(lang, template(t, data));
}
