import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "~/i18n/config";
import { enumOf, msg, optionalDay, optionalEmail, optionalPhone, optionalText, personName } from "~/utils/validation";
import { TIME_CODES } from "./times";

/** Zod schemas of the sponsorship forms (shared with the browser) and the module's fixed lists. */
export const HELP_KINDS = ["authorities", "german", "school", "housing", "work", "health", "leisure"] as const;
export const REQUEST_SOURCES = ["office", "public", "case_management"] as const;
/** Who may create a request in the office: from an intake talk, or a social worker of the county's case management. */
export const OFFICE_SOURCES = ["office", "case_management"] as const;
export const REQUEST_STATUSES = ["new", "open", "matched", "closed"] as const;
export const PROPOSAL_STATUSES = ["proposed", "accepted", "declined", "withdrawn", "closed"] as const;
export const DECLINE_REASONS = ["no_time", "distance", "language", "not_a_fit", "personal", "other"] as const;
export const GENDER_WISHES = ["female", "male"] as const;
export const SPONSOR_GENDERS = ["female", "male", "diverse"] as const;
/** The household consent texts exist in every UI language (migration 0054 added fa, tr, ru). */
export const CONSENT_LANGUAGES = SUPPORTED_LANGUAGES;
export const MAX_CAPACITY = 10;

const toArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** A number from a form field: missing is "required", anything that is no number gets `invalid`. */
const number = (invalid: string) =>
  z.preprocess((v) => (v === undefined || v === null ? undefined : typeof v === "string" ? Number(v.trim() === "" ? NaN : v) : NaN), z.number({ required_error: "errors.required", invalid_type_error: invalid }));
const id = () => number("errors.invalidChoice").pipe(z.number().int("errors.invalidChoice").positive("errors.invalidChoice").max(Number.MAX_SAFE_INTEGER, "errors.invalidChoice"));
const optionalId = () => z.preprocess(emptyToUndefined, id().optional());
const checkbox = () => z.preprocess((v) => v === "on", z.boolean());
/** A list of checkbox values, each one of `values`. */
const choices = <T extends readonly [string, ...string[]]>(values: T, max: number) =>
  z.preprocess(toArray, z.array(z.enum(values as unknown as [string, ...string[]], { errorMap: () => ({ message: "errors.invalidChoice" }) })).max(max, "errors.invalid")) as unknown as z.ZodType<
    T[number][],
    z.ZodTypeDef,
    unknown
  >;
const languages = () => z.preprocess(toArray, z.array(z.string({ invalid_type_error: "errors.invalidChoice" }).regex(/^[a-z]{2,3}$/, "errors.invalidChoice")).max(8, "errors.invalid"));
const times = () => choices(TIME_CODES as unknown as [string, ...string[]], TIME_CODES.length);
const help = () => choices(HELP_KINDS, HELP_KINDS.length).refine((v) => v.length > 0, "sponsorships:errors.helpRequired");
/** A user id (text key of `user`): anything else names nobody. */
const userId = () => z.string({ required_error: "errors.required", invalid_type_error: "errors.invalidChoice" }).regex(/^[A-Za-z0-9_-]{1,64}$/, "errors.invalidChoice");

/** The sponsorship part of a volunteer's profile (`/me/sponsorships`). */
export const SponsorProfileSchema = z.object({
  intent: z.literal("profile"),
  willing: checkbox(),
  capacity: number("errors.invalid").pipe(
    z
      .number()
      .int("errors.invalid")
      .min(1, msg("sponsorships:errors.capacityRange", { max: MAX_CAPACITY }))
      .max(MAX_CAPACITY, msg("sponsorships:errors.capacityRange", { max: MAX_CAPACITY })),
  ),
  help: choices(HELP_KINDS, HELP_KINDS.length),
  times: times(),
  districtId: optionalId(),
  gender: z.preprocess(emptyToUndefined, enumOf([...SPONSOR_GENDERS]).optional()),
  hasCar: checkbox(),
});
export type SponsorProfileInput = z.infer<typeof SponsorProfileSchema>;

/** What both request forms ask about the help wanted. */
const wishes = {
  languages: languages(),
  help: help(),
  times: times(),
  districtId: optionalId(),
  genderWish: z.preprocess(emptyToUndefined, enumOf([...GENDER_WISHES]).optional()),
  familyTandem: checkbox(),
};

/** The office creates a request for a household it knows (`/office/sponsorships/requests/new`). */
export const OfficeRequestSchema = z.object({
  householdId: id(),
  firstName: personName(),
  source: enumOf([...OFFICE_SOURCES]),
  ...wishes,
  note: optionalText(500),
  // The household's consent to the purpose "sponsorship", when none is in force yet: the day it was given and the language of the text shown.
  consentGivenOn: optionalDay(),
  consentLanguage: z.preprocess(emptyToUndefined, enumOf([...CONSENT_LANGUAGES]).optional()),
});
export type OfficeRequestInput = z.infer<typeof OfficeRequestSchema>;

/** The short public form on `/patenschaften`: no account, only what the office needs to call back. */
export const PublicRequestSchema = z
  .object({
    firstName: personName(),
    phone: optionalPhone(),
    email: optionalEmail(),
    ...wishes,
    hasChildren: checkbox(),
    consent: z.literal("on", { errorMap: () => ({ message: "sponsorships:errors.consentRequired" }) }),
  })
  .superRefine((v, ctx) => {
    if (!v.phone && !v.email) ctx.addIssue({ code: "custom", path: ["phone"], message: "sponsorships:errors.contactRequired" });
  });
export type PublicRequestInput = z.infer<typeof PublicRequestSchema>;

/** The office's forms on a request's page (`intent` picks one). */
export const ProposeSchema = z.object({ intent: z.literal("propose"), volunteerId: userId() });
export const WithdrawProposalSchema = z.object({ intent: z.literal("withdraw"), proposalId: id() });
export const AgreementSchema = z.object({ intent: z.literal("agree"), proposalId: id(), programmeId: id() });
export const ReviewRequestSchema = z.object({ intent: z.literal("open") });
export const CloseRequestSchema = z.object({ intent: z.literal("close"), reason: optionalText(300) });
export const REQUEST_PAGE_FORMS = {
  propose: ProposeSchema,
  withdraw: WithdrawProposalSchema,
  agree: AgreementSchema,
  open: ReviewRequestSchema,
  close: CloseRequestSchema,
};

/** The volunteer answers a proposal: accept, or decline with a reason code. */
export const AnswerProposalSchema = z
  .object({
    intent: z.literal("answer"),
    proposalId: id(),
    answer: enumOf(["accepted", "declined"]),
    reason: z.preprocess(emptyToUndefined, enumOf([...DECLINE_REASONS]).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.answer === "declined" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "sponsorships:errors.reasonRequired" });
  });
export const ME_PAGE_FORMS = { profile: SponsorProfileSchema, answer: AnswerProposalSchema };

/** The office list's filters (from the URL; a value not understood is left out and said so). */
export const REQUEST_LIST_STATUSES = ["waiting", ...REQUEST_STATUSES, "all"] as const;
export type RequestListStatus = (typeof REQUEST_LIST_STATUSES)[number];
