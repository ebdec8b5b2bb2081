import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "~/i18n/config";
import { enumOf, optionalEmail, optionalText } from "~/utils/validation";

/**
 * One language of a page. German must have a title and a text; another language with both
 * fields empty has no translation (the page falls back to German with a note).
 */
export const LegalPageSchema = z
  .object({
    locale: enumOf([...SUPPORTED_LANGUAGES] as [string, ...string[]]),
    title: optionalText(200),
    body: optionalText(20000),
  })
  .superRefine((v, ctx) => {
    if (v.locale !== "de" && !v.title && !v.body) return;
    const message = v.locale === "de" ? "legal:errors.germanRequired" : "errors.required";
    if (!v.title) ctx.addIssue({ code: "custom", path: ["title"], message });
    if (!v.body) ctx.addIssue({ code: "custom", path: ["body"], message });
  });

/** The contact form and the accessibility feedback form (anonymous; an address only for an answer). */
export const ContactSchema = z.object({
  name: optionalText(120),
  email: optionalEmail(),
  message: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string({ required_error: "errors.required", invalid_type_error: "errors.invalid" })
      .trim()
      .min(10, "legal:errors.messageTooShort")
      .max(4000, 'errors.tooLong|{"max":4000}')
      .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), "errors.forbiddenCharacters"),
  ),
  page: optionalText(300),
});
export type ContactInput = z.infer<typeof ContactSchema>;
