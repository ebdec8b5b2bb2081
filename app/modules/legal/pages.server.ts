import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { isUiLanguage, SUPPORTED_LANGUAGES } from "~/i18n/config";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { getDb, transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import type { LegalSlug } from "./pages";
import type { ContactInput } from "./schema";

/**
 * A public page's text in the reader's language, else German (`fallback: true`, the page says
 * so); null when the office has not written it yet. Public: no personal data is stored here.
 */
export async function getLegalPage(slug: LegalSlug, locale: string) {
  const lang = isUiLanguage(locale) ? locale : "de";
  const rows = await getDb().selectFrom("legal_page").select(["locale", "title", "body", "updated_at"]).where("slug", "=", slug).where("locale", "in", [lang, "de"]).execute();
  const own = rows.find((r) => r.locale === lang);
  const de = rows.find((r) => r.locale === "de");
  const page = own ?? de;
  return page ? { ...page, fallback: !own } : null;
}

/** The office's overview: which language of which page is written. */
export async function listLegalPages(actor: Actor) {
  requirePermission(actor, "manage:legal-page:any");
  return getDb().selectFrom("legal_page").select(["slug", "locale", "title", "updated_at"]).orderBy("slug").orderBy("locale").execute();
}

/** Every language of one page, for the editor. */
export async function getLegalPageTexts(actor: Actor, slug: LegalSlug) {
  requirePermission(actor, "manage:legal-page:any");
  const rows = await getDb().selectFrom("legal_page").select(["locale", "title", "body", "updated_at"]).where("slug", "=", slug).execute();
  return Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, rows.find((r) => r.locale === l) ?? null]));
}

/** Saves one language of a page; empty title and text of a translation remove it (German stays required). */
export async function saveLegalPage(actor: Actor, slug: LegalSlug, args: { locale: string; title?: string; body?: string }, now = new Date()) {
  requirePermission(actor, "manage:legal-page:any");
  await transaction(async (trx) => {
    if (!args.title || !args.body) {
      await trx.deleteFrom("legal_page").where("slug", "=", slug).where("locale", "=", args.locale).where("locale", "!=", "de").execute();
    } else {
      const values = { title: args.title, body: args.body, updated_by: actor.userId, updated_at: now.toISOString() };
      await trx
        .insertInto("legal_page")
        .values({ slug, locale: args.locale, ...values })
        .onConflict((oc) => oc.columns(["slug", "locale"]).doUpdateSet(values))
        .execute();
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "legal_page", entityId: slug, details: { locale: args.locale }, now });
  });
}

/**
 * An anonymous message from the contact page or the accessibility feedback form: one mail to
 * every coordinator through the outbox (nothing else is stored). The sender's address, if
 * given, is only there for an answer.
 */
export async function sendContactMessage(kind: "contact" | "accessibility", input: ContactInput, senderLocale: string, now = new Date()) {
  await transaction(async (trx) => {
    const office = await trx
      .selectFrom("user as u")
      .innerJoin("user_role as r", "r.user_id", "u.id")
      .select(["u.email", "u.name", "u.locale"])
      .where("r.role", "=", "coordinator")
      .where("u.disabled_at", "is", null)
      .execute();
    for (const o of office) {
      await enqueueMail(trx, {
        to: o.email,
        locale: o.locale,
        template: "office-contact-message",
        data: { name: o.name, kind, senderName: input.name ?? "", senderEmail: input.email ?? "", senderLocale, page: input.page ?? "", message: input.message, url: `${env().BASE_URL}/office` },
        now,
      });
    }
  });
}
