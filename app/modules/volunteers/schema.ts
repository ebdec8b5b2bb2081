import { z } from "zod";
import { isValidDay } from "~/utils/dates";
import { normalizeSentValue } from "~/utils/digits";
import { enumOf, HOSTILE, msg, optionalPhone, personName, plainText } from "~/utils/validation";
import { CERTIFICATE_STATES } from "~/modules/coverage/policy";
import { birthYearRange, CONSENT_PURPOSES, GENDERS, LANGUAGE_LEVELS, MAX_SKILL_LENGTH, MAX_SKILLS, normaliseSkills, parseAvailability, VOLUNTEER_STATUSES } from "./policy";

/** Rows of the language table in the form; rows left empty are ignored. */
export const LANGUAGE_ROWS = 5;

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const toArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const languageRow = z.object({
  code: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z]{2,3}$/, msg("errors.invalidChoice")).optional()),
  level: z.preprocess(emptyToUndefined, enumOf([...LANGUAGE_LEVELS]).optional()),
});

const currentYear = new Date().getUTCFullYear();
const years = birthYearRange(currentYear);

export const ProfileSchema = z
  .object({
    name: personName(),
    phone: optionalPhone(),
    districtId: z.coerce.number({ invalid_type_error: "errors.invalidChoice", required_error: "errors.required" }).int().positive("errors.invalidChoice"),
    // Checked inside the array, so these messages come together with the other fields' ones.
    languages: z.preprocess(
      toArray,
      z
        .array(languageRow)
        .max(LANGUAGE_ROWS, "errors.invalid")
        .superRefine((rows, ctx) => {
          const codes = new Set<string>();
          rows.forEach((row, i) => {
            if (row.code && !row.level) ctx.addIssue({ code: "custom", path: [i, "level"], message: "volunteers:errors.levelRequired" });
            if (!row.code && row.level) ctx.addIssue({ code: "custom", path: [i, "code"], message: "volunteers:errors.languageRequired" });
            if (row.code && codes.has(row.code)) ctx.addIssue({ code: "custom", path: [i, "code"], message: "volunteers:errors.languageTwice" });
            if (row.code) codes.add(row.code);
          });
        }),
    ),
    // Optional: conform turns an empty text into undefined before zod sees it.
    skills: z
      .string({ invalid_type_error: "errors.invalid" })
      .max(800, msg("errors.tooLong", { max: 800 }))
      .refine((v) => !HOSTILE.test(v), msg("errors.forbiddenCharacters"))
      .optional()
      .transform((v) => normaliseSkills(v ?? ""))
      .refine((v) => v.length <= MAX_SKILLS, msg("volunteers:errors.tooManySkills", { max: MAX_SKILLS }))
      .refine((v) => v.every((s) => s.length <= MAX_SKILL_LENGTH), msg("volunteers:errors.skillTooLong", { max: MAX_SKILL_LENGTH })),
    fields: z.preprocess(toArray, z.array(z.coerce.number({ invalid_type_error: "errors.invalidChoice" }).int().positive("errors.invalidChoice")).max(30, "errors.invalid")),
    availability: z.preprocess(
      toArray,
      z
        .array(z.string({ invalid_type_error: "errors.invalid" }).max(20, "errors.invalid"))
        .max(21, "errors.invalid")
        .refine((v) => parseAvailability(v) !== null, "errors.invalidChoice")
        .transform((v) => parseAvailability(v)!),
    ),
    hasCar: z.preprocess((v) => v === "on", z.boolean()),
    gender: z.preprocess(emptyToUndefined, enumOf([...GENDERS]).optional()),
    birthYear: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ invalid_type_error: "volunteers:errors.birthYear" })
        .int("volunteers:errors.birthYear")
        .min(years.min, msg("volunteers:errors.birthYearRange", years))
        .max(years.max, msg("volunteers:errors.birthYearRange", years))
        .optional(),
    ),
  });

export type ProfileInput = z.infer<typeof ProfileSchema>;

export const ConsentSchema = z.object({
  dataConsent: z.literal("on", { errorMap: () => ({ message: "volunteers:errors.consentRequired" }) }),
  confidentiality: z.literal("on", { errorMap: () => ({ message: "volunteers:errors.confidentialityRequired" }) }),
  dataTextId: z.coerce.number({ invalid_type_error: "errors.invalid", required_error: "errors.invalid" }).int().positive(),
  confidentialityTextId: z.coerce.number({ invalid_type_error: "errors.invalid", required_error: "errors.invalid" }).int().positive(),
});

export const WithdrawConsentSchema = z.object({
  intent: z.literal("withdraw"),
  purpose: z.enum(CONSENT_PURPOSES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
});

export const DeleteAccountSchema = z.object({
  confirm: z.literal("on", { errorMap: () => ({ message: "volunteers:errors.confirmDeletion" }) }),
});

export const StatusChangeSchema = z.object({
  intent: z.literal("status"),
  to: z.enum(VOLUNTEER_STATUSES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  reason: plainText(500),
});

const day = () =>
  z
    .string({ required_error: "errors.required", invalid_type_error: "errors.invalid" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg("errors.invalidDate"))
    .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v), msg("errors.invalidDate"));

export const ScheduleIntakeSchema = z.object({
  intent: z.literal("schedule-intake"),
  intakeOn: day(),
});

export const RecordIntakeSchema = z.object({
  intent: z.literal("record-intake"),
  intakeOn: day(),
  notes: plainText(2000),
  // The talk took place: the person becomes active at once (no invitation is sent).
  activate: z.preprocess((v) => v === "on", z.boolean()),
});

const filterId = z.coerce.number().int().positive().max(1_000_000);
const yesNo = z.enum(["yes", "no"]);

/**
 * The volunteer list's filters (a GET form): malformed values are ignored, never an error.
 * The association view picks its subset (`AssociationVolunteerFilterSchema`).
 */
export const VolunteerFilterSchema = z.object({
  districtId: filterId.optional().catch(undefined),
  fieldId: filterId.optional().catch(undefined),
  language: z.string().regex(/^[a-z]{2,3}$/).optional().catch(undefined),
  skill: z.string().trim().min(1).max(40).optional().catch(undefined),
  status: z.enum(VOLUNTEER_STATUSES).optional().catch(undefined),
  cover: yesNo.optional().catch(undefined),
  certificate: z.enum(CERTIFICATE_STATES).optional().catch(undefined),
  karte: yesNo.optional().catch(undefined),
  organisationId: filterId.optional().catch(undefined),
  // A period (issue #16, the report's drill-down): active in it (an assignment on one of its days) or registered in it; days inclusive.
  in: z.enum(["active", "new"]).optional().catch(undefined),
  from: z.string().refine(isValidDay).optional().catch(undefined),
  to: z.string().refine(isValidDay).optional().catch(undefined),
});

export const OfficeVolunteerFilterSchema = VolunteerFilterSchema.omit({ organisationId: true });
export const AssociationVolunteerFilterSchema = VolunteerFilterSchema.pick({ districtId: true, language: true, skill: true, organisationId: true });

/** The filters of a list URL (empty values dropped), the search text and the page. */
export function parseVolunteerFilters<S extends typeof OfficeVolunteerFilterSchema | typeof AssociationVolunteerFilterSchema>(url: URL, schema: S, q: string | undefined, page: number) {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "").map(([k, v]) => [k, k === "from" || k === "to" ? normalizeSentValue(v.trim()) : v]));
  return { ...(schema.parse(raw) as z.infer<S>), q, page };
}
