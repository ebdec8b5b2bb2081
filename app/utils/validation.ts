import { z } from "zod";

/**
 * Building blocks for form schemas. Every message is a translation key of the `common`
 * namespace, optionally followed by `|` and JSON values for interpolation.
 */
export const msg = (key: string, values?: Record<string, string | number>) =>
  values ? `${key}|${JSON.stringify(values)}` : key;

const base = () => z.string({ required_error: "errors.required", invalid_type_error: "errors.invalid" });

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): in stored
 * text they reorder what others see ("abc\u202Egnp.exe" shows as "abcexe.png") and break the
 * isolation the UI puts around every value. The UI adds isolates itself where they are needed.
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
// Control characters (except tab/newline), bidi controls and angle brackets never belong in plain text.
export const HOSTILE = /[<>\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/** Plain text: trimmed, length-limited, no markup or control characters. */
export const plainText = (max: number, min = 1) =>
  base()
    .trim()
    .min(min, msg("errors.required"))
    .max(max, msg("errors.tooLong", { max }))
    .refine((v) => !HOSTILE.test(v), msg("errors.forbiddenCharacters"));

export const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), plainText(max).optional());

/** A person's name: letters (any script), spaces, apostrophes, hyphens, dots. */
export const personName = () =>
  plainText(120).refine((v) => /^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u.test(v), msg("errors.invalidName"));

export const email = () =>
  base()
    .trim()
    .max(254, msg("errors.tooLong", { max: 254 }))
    .email(msg("errors.invalidEmail"))
    .transform((v) => v.toLowerCase());

export const optionalEmail = () =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), email().optional());

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
export const newPassword = () =>
  base()
    .min(PASSWORD_MIN, msg("errors.passwordTooShort", { min: PASSWORD_MIN }))
    .max(PASSWORD_MAX, msg("errors.tooLong", { max: PASSWORD_MAX }));

export const currentPassword = () => base().min(1, msg("errors.required")).max(PASSWORD_MAX, msg("errors.tooLong", { max: PASSWORD_MAX }));

export const phone = () =>
  plainText(40).refine((v) => /^\+?[0-9 ()/-]{4,40}$/.test(v), msg("errors.invalidPhone"));
export const optionalPhone = () =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), phone().optional());

export const optionalUrl = () =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    base()
      .trim()
      .max(300, msg("errors.tooLong", { max: 300 }))
      .url(msg("errors.invalidUrl"))
      .refine((v) => /^https?:\/\//i.test(v), msg("errors.invalidUrl"))
      .optional(),
  );

export const optionalDay = () =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    base()
      .regex(/^\d{4}-\d{2}-\d{2}$/, msg("errors.invalidDate"))
      .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v), msg("errors.invalidDate"))
      .optional(),
  );

export const enumOf = <T extends [string, ...string[]]>(values: T) =>
  z.enum(values, { required_error: "errors.required", invalid_type_error: "errors.invalid", message: "errors.invalidChoice" } as never);
