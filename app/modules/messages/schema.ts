import { z } from "zod";
import { msg, optionalText } from "~/utils/validation";

/** The languages a message can be written in: German (required) and the other UI languages. */
export const MESSAGE_LOCALES = ["de", "en", "ar", "uk", "fa", "tr", "ru"] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];
export const SUBJECT_MAX = 150;
export const BODY_MAX = 5000;

const filterId = z.coerce.number().int().positive().max(1_000_000);
const empty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Who receives a message: the volunteer list's filters (district, field of action, spoken language,
 * a part of a skill; `app/modules/volunteers/list.server.ts`), plus willingness to sponsor and the
 * association a volunteer currently works for. Stored with the message as JSON.
 */
export const MessageFilterSchema = z.object({
  districtId: z.preprocess(empty, filterId.optional()).catch(undefined),
  fieldId: z.preprocess(empty, filterId.optional()).catch(undefined),
  language: z.preprocess(empty, z.string().regex(/^[a-z]{2,3}$/).optional()).catch(undefined),
  skill: z.preprocess(empty, z.string().trim().min(1).max(40).optional()).catch(undefined),
  sponsor: z.preprocess(empty, z.enum(["yes", "no"]).optional()).catch(undefined),
  organisationId: z.preprocess(empty, filterId.optional()).catch(undefined),
});
export type MessageFilter = z.infer<typeof MessageFilterSchema>;

const choiceId = z.preprocess(empty, z.string().regex(/^[1-9]\d{0,6}$/, msg("errors.invalidChoice")).transform(Number).optional());
/**
 * The same filter in the form that sends: a malformed value is refused at its field (400), never
 * ignored, so a message never reaches more people than the office chose.
 */
const StrictFilterFields = {
  districtId: choiceId,
  fieldId: choiceId,
  language: z.preprocess(empty, z.string().regex(/^[a-z]{2,3}$/, msg("errors.invalidChoice")).optional()),
  skill: optionalText(40),
  sponsor: z.preprocess(empty, z.enum(["yes", "no"], { errorMap: () => ({ message: msg("errors.invalidChoice") }) }).optional()),
  organisationId: choiceId,
};
export const FILTER_FIELDS = ["districtId", "fieldId", "language", "skill", "sponsor", "organisationId"] as const;

/** A stored filter (JSON); anything unreadable is "nobody filtered out" only where it parses. */
export function parseStoredFilter(json: string): MessageFilter {
  try {
    return MessageFilterSchema.parse(JSON.parse(json));
  } catch {
    return {};
  }
}

/** The filter as its stored JSON (only the set fields, in a fixed order). */
export function filterJson(f: MessageFilter): string {
  return JSON.stringify(Object.fromEntries(FILTER_FIELDS.filter((k) => f[k] !== undefined).map((k) => [k, f[k]])));
}

const texts = {
  subject_de: optionalText(SUBJECT_MAX),
  body_de: optionalText(BODY_MAX),
  subject_en: optionalText(SUBJECT_MAX),
  body_en: optionalText(BODY_MAX),
  subject_ar: optionalText(SUBJECT_MAX),
  body_ar: optionalText(BODY_MAX),
  subject_uk: optionalText(SUBJECT_MAX),
  body_uk: optionalText(BODY_MAX),
  subject_fa: optionalText(SUBJECT_MAX),
  body_fa: optionalText(BODY_MAX),
  subject_tr: optionalText(SUBJECT_MAX),
  body_tr: optionalText(BODY_MAX),
  subject_ru: optionalText(SUBJECT_MAX),
  body_ru: optionalText(BODY_MAX),
};

/**
 * The one form of `/office/messages/new`; its submit buttons name the step: `count` (count the
 * recipients; only the filter is checked), `preview`, `draft` and `send` (German subject and body
 * required; another language needs both or neither). `draftId` continues a saved draft.
 */
export const MessageFormSchema = z.object({
  ...StrictFilterFields,
  intent: z.enum(["count", "preview", "draft", "send"]),
  draftId: z.preprocess(empty, filterId.optional()),
  ...texts,
}).superRefine((v, ctx) => {
  if (v.intent === "count") return;
  if (!v.subject_de) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["subject_de"], message: msg("errors.required") });
  if (!v.body_de) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["body_de"], message: msg("errors.required") });
  for (const l of MESSAGE_LOCALES) {
    if (l === "de") continue;
    const s = v[`subject_${l}`];
    const b = v[`body_${l}`];
    if (s && !b) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [`body_${l}`], message: msg("messages:errors.bodyWithSubject") });
    if (b && !s) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [`subject_${l}`], message: msg("messages:errors.subjectWithBody") });
  }
});
export type MessageForm = z.infer<typeof MessageFormSchema>;

export type MessageTexts = Partial<Record<MessageLocale, { subject: string; body: string }>>;

/** The texts a form holds, per language (German first). */
export function textsOf(v: Partial<Record<`${"subject" | "body"}_${MessageLocale}`, string | undefined>>): MessageTexts {
  const out: MessageTexts = {};
  for (const l of MESSAGE_LOCALES) {
    const subject = v[`subject_${l}`];
    const body = v[`body_${l}`];
    if (subject && body) out[l] = { subject, body };
  }
  return out;
}

/** The opt-out link's token: URL-safe, as `generateToken` makes them. */
export const OptOutTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/);

/**
 * The opt-out page's POST: its own button (`intent=opt-out`) or a mail program's one-click request
 * (RFC 8058: the body is `List-Unsubscribe=One-Click`).
 */
export const OptOutRequestSchema = z
  .object({ intent: z.literal("opt-out").optional(), "List-Unsubscribe": z.literal("One-Click").optional() })
  .refine((v) => v.intent || v["List-Unsubscribe"], { message: "errors.invalid", path: ["intent"] });

/** Opting out or back in at /me/einwilligungen. */
export const MessageConsentSchema = z.object({ intent: z.enum(["opt-out", "opt-in"]) });
