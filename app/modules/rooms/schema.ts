import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "~/i18n/config";
import { email, enumOf, msg, optionalDay, optionalPhone, optionalText, personName, plainText } from "~/utils/validation";
import { partsField, ROOM_TEXT_LANGUAGES, textField, type RoomTextLanguage } from "./translations";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const timeOfDay = () =>
  z.string({ required_error: "errors.required" }).trim().regex(TIME, msg("rooms:errors.invalidTime"));

export const day = () =>
  z
    .string({ required_error: "errors.required" })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg("errors.invalidDate"))
    .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v), msg("errors.invalidDate"));

const intField = (min: number, max: number) =>
  z.coerce
    .number({ required_error: "errors.required", invalid_type_error: "rooms:errors.wholeNumber" })
    .int("rooms:errors.wholeNumber")
    .min(min, msg("rooms:errors.min", { min }))
    .max(max, msg("rooms:errors.max", { max }));

const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()).max(20));
const days = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(day()).max(60));

/** The slot and details every request has (guest or logged in). */
const slotFields = {
  day: day(),
  startTime: timeOfDay(),
  endTime: timeOfDay(),
  parts: ids,
  purpose: plainText(300),
  attendees: intField(1, 1000),
  responsibleAdult: personName(),
  phone: optionalPhone(),
  groupName: optionalText(160),
};

const seriesFields = {
  repeat: z.preprocess((v) => v || "none", z.enum(["none", "weekly", "biweekly"], { message: "errors.invalidChoice" })),
  until: optionalDay(),
  count: z.preprocess(blank, intField(1, 520).optional()),
  dates: days,
  intent: z.preprocess((v) => v || "request", z.enum(["preview", "request"], { message: "errors.invalidChoice" })),
};

const acceptFields = {
  rulesVersion: z.coerce.number().int().positive(),
  acceptRules: z.literal("on", { errorMap: () => ({ message: "rooms:errors.acceptRules" }) }),
};

export const MemberRequestSchema = z.object({ ...slotFields, ...seriesFields, ...acceptFields });
export const GuestRequestSchema = MemberRequestSchema.extend({ name: personName(), email: email() });
/** "Termine prüfen" needs the slot and the series only: no name, no accepted house rules yet. */
export const PreviewRequestSchema = MemberRequestSchema.extend({ acceptRules: z.string().optional() });
export type RequestInput = z.infer<typeof MemberRequestSchema> & { name?: string; email?: string; locale?: string };

/** A requester changing their own booking through the manage link. */
export const ChangeSchema = z.object({
  day: day(),
  startTime: timeOfDay(),
  endTime: timeOfDay(),
  parts: ids,
  purpose: plainText(300),
  attendees: intField(1, 1000),
  responsibleAdult: personName(),
  phone: optionalPhone(),
});
export type ChangeInput = z.infer<typeof ChangeSchema>;

export const SeriesTimesSchema = z.object({ startTime: timeOfDay(), endTime: timeOfDay() });

/** Which dates a guest cancels through the link: one (`bookingId`, default the link's own) or the series. */
export const CancelOwnSchema = z.object({
  scope: z.preprocess((v) => v || "one", z.enum(["one", "series"], { message: "errors.invalidChoice" })),
  bookingId: z.coerce.number().int().positive().optional(),
});

/** A reason the office gives for declining or cancelling (mailed to the requester). */
export const ReasonSchema = z.object({ reason: z.string({ required_error: "rooms:errors.reasonRequired" }).trim().min(1, "rooms:errors.reasonRequired").pipe(plainText(500)) });

/** The queue's one-click decision: approve only (declining mails a reason: its own confirmation step). */
export const DecisionSchema = z.object({
  intent: enumOf(["approve"]),
});

/** Office direct booking: the office books for someone, confirmed at once. */
export const OfficeBookingSchema = z.object({
  day: day(),
  startTime: timeOfDay(),
  endTime: timeOfDay(),
  parts: ids,
  purpose: plainText(300),
  attendees: intField(1, 1000),
  responsibleAdult: personName(),
  name: personName(),
  email: email(),
  phone: optionalPhone(),
  groupName: optionalText(160),
  locale: z.preprocess((v) => v || "de", z.enum(SUPPORTED_LANGUAGES, { message: "errors.invalidChoice" })),
});
export type OfficeBookingInput = z.infer<typeof OfficeBookingSchema>;

const hoursOf = (i: number) => ({
  [`open${i}`]: z.preprocess(blank, timeOfDay().optional()),
  [`close${i}`]: z.preprocess(blank, timeOfDay().optional()),
});

/** The optional translations of one room text (`rulesEn` … `rulesRu`), each as long as the German one may be. */
const translationsOf = (base: string, max: number) => Object.fromEntries(ROOM_TEXT_LANGUAGES.map((lang) => [textField(base, lang), optionalText(max)]));

/** Texts whose German version is optional: a translation needs the German text (German binds). */
const GERMAN_FIRST = ["description", "feeNote", "keyPickupPlace", "keyPickupHours"] as const;

export const RoomSchema = z
  .object({
    name: plainText(120),
    address: plainText(200),
    description: optionalText(2000),
    // Translations for visitors (ADR 0022); empty = the German text is shown.
    descriptionEn: optionalText(2000),
    descriptionAr: optionalText(2000),
    descriptionUk: optionalText(2000),
    descriptionFa: optionalText(2000),
    descriptionTr: optionalText(2000),
    descriptionRu: optionalText(2000),
    capacity: intField(1, 1000),
    minMinutes: intField(15, 24 * 60),
    maxMinutes: intField(15, 24 * 60),
    bufferMinutes: intField(0, 240),
    leadDays: intField(0, 60),
    horizonMonths: intField(1, 24),
    keyDeposit: intField(0, 100000),
    fee: intField(0, 100000),
    feeNote: optionalText(300),
    keyPickupPlace: optionalText(200),
    keyPickupHours: optionalText(200),
    nightRestStart: timeOfDay(),
    nightRestEnd: timeOfDay(),
    rules: plainText(10000),
    // Issue #18: the fee note, the key pickup texts and the house rules in the visitors' languages; empty = German.
    ...translationsOf("feeNote", 300),
    ...translationsOf("keyPickupPlace", 200),
    ...translationsOf("keyPickupHours", 200),
    ...translationsOf("rules", 10000),
    ...hoursOf(1), ...hoursOf(2), ...hoursOf(3), ...hoursOf(4), ...hoursOf(5), ...hoursOf(6), ...hoursOf(7),
  })
  .superRefine((v, ctx) => {
    const values = v as Record<string, unknown>;
    for (const base of GERMAN_FIRST) {
      if (values[base]) continue;
      for (const lang of ROOM_TEXT_LANGUAGES) if (values[textField(base, lang)]) ctx.addIssue({ code: "custom", path: [textField(base, lang)], message: "rooms:errors.germanFirst" });
    }
    if (v.maxMinutes < v.minMinutes) ctx.addIssue({ code: "custom", path: ["maxMinutes"], message: "rooms:errors.maxBelowMin" });
    for (let i = 1; i <= 7; i++) {
      const open = (v as Record<string, unknown>)[`open${i}`] as string | undefined;
      const close = (v as Record<string, unknown>)[`close${i}`] as string | undefined;
      if (!!open !== !!close) ctx.addIssue({ code: "custom", path: [open ? `close${i}` : `open${i}`], message: "rooms:errors.hoursIncomplete" });
      else if (open && close && close <= open) ctx.addIssue({ code: "custom", path: [`close${i}`], message: "rooms:errors.closeBeforeOpen" });
    }
  });
export type RoomInput = z.infer<typeof RoomSchema>;

export const BlackoutSchema = z
  .object({ intent: z.literal("add-blackout"), from: day(), to: day(), reason: plainText(200) })
  .refine((v) => v.to >= v.from, { path: ["to"], message: "rooms:errors.toBeforeFrom" });

export const KeyOutSchema = z.object({
  handedTo: personName(),
  deposit: intField(0, 100000),
  conditionOut: optionalText(1000),
});
export const KeyBackSchema = z.object({
  depositOutcome: enumOf(["returned", "kept", "partly_kept"]),
  conditionBack: optionalText(1000),
  damages: optionalText(1000),
});

export const MAX_PARTS = 10;

/**
 * The bookable parts as the office types them (comma-separated): trimmed, without markup,
 * at most 80 characters each, no duplicates, at most `MAX_PARTS`.
 */
/**
 * The parts' names in another language, in the order of the German list (an empty place: no
 * translation). Separated by a comma, also the Arabic comma "،" that Arabic and Persian keyboards type.
 */
export function parsePartTranslations(raw: FormDataEntryValue | null): string[] {
  return String(raw ?? "")
    .split(/[,\u060C]/)
    .map((p) => p.replace(/[<>\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, "").trim().slice(0, 80))
    .slice(0, MAX_PARTS);
}

/** The parts as the office typed them: German names and, per language, their translations. */
export function readPartsForm(formData: FormData): RoomParts | undefined {
  // Without the field (an older form) the parts stay as they are.
  if (!formData.has("parts")) return undefined;
  const translations: RoomParts["translations"] = {};
  for (const lang of ROOM_TEXT_LANGUAGES) translations[lang] = parsePartTranslations(formData.get(partsField(lang)));
  return { names: parsePartNames(formData.get("parts")), translations };
}
export type RoomParts = { names: string[]; translations: Partial<Record<RoomTextLanguage, string[]>> };

export function parsePartNames(raw: FormDataEntryValue | null): string[] {
  const names = String(raw ?? "")
    .split(",")
    .map((p) => p.replace(/[<>\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, "").trim().slice(0, 80))
    .filter(Boolean);
  return [...new Set(names)].slice(0, MAX_PARTS);
}
