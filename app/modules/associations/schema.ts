import { z } from "zod";
import { email, enumOf, msg, newPassword, PASSWORD_MAX, optionalDay, optionalText, optionalUrl, personName, plainText } from "~/utils/validation";

/** The finer legal kinds of the registration; the organisation's `legal_form` is derived (`legalFormOf`). */
export const ASSOCIATION_KINDS = ["registered_association", "initiative", "church", "public_body", "other"] as const;
export type AssociationKind = (typeof ASSOCIATION_KINDS)[number];
export const TARGET_GROUPS = ["everyone", "children", "youth", "women", "families", "seniors"] as const;
export const OFFER_COSTS = ["free", "reduced", "fee"] as const;
export const MEMBER_ROLES = ["member", "admin"] as const;

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const toArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const checkbox = () => z.preprocess((v) => v === "on", z.boolean());
const optionalId = () =>
  z.preprocess(emptyToUndefined, z.coerce.number({ invalid_type_error: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(2_000_000_000, "errors.invalidChoice").optional());
const requiredId = () =>
  z.coerce.number({ invalid_type_error: "errors.invalidChoice", required_error: "errors.required" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(2_000_000_000, "errors.invalidChoice");
const ids = (message: string) =>
  z.preprocess(toArray, z.array(z.coerce.number({ invalid_type_error: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(2_000_000_000, "errors.invalidChoice")).min(1, message).max(30, "errors.invalid"));
const languageCodes = (message: string) =>
  z.preprocess(toArray, z.array(z.string({ invalid_type_error: "errors.invalid" }).regex(/^[a-z]{2,3}$/, msg("errors.invalidChoice"))).min(1, message).max(40, "errors.invalid"));
/**
 * Texts shown on the public pages must not carry a person's contact: an e-mail address or a phone
 * number there is refused (visitors reach the association through its role address and website).
 */
export const CONTACT_DATA = /[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}|(?:\+|\b0)\d[\d ()/-]{5,}\d/i;
const noContact = "associations:errors.noContactData";
const publicText = (max: number) => plainText(max).refine((v) => !CONTACT_DATA.test(v), noContact);
const optionalPublicText = (max: number) => optionalText(max).refine((v) => v === undefined || !CONTACT_DATA.test(v), noContact);
/** A longer text with line breaks (descriptions): no markup, no control or bidi characters. */
const longText = (max: number) => plainText(max);
const optionalLongText = (max: number) => optionalPublicText(max);

/** What an association says about itself: the registration and the admins' profile form alike. */
const profileFields = {
  name: plainText(160),
  kind: enumOf([...ASSOCIATION_KINDS]),
  registerCourt: optionalText(80),
  registerNumber: z.preprocess(
    emptyToUndefined,
    z.string({ invalid_type_error: "errors.invalid" }).trim().max(20, msg("errors.tooLong", { max: 20 })).regex(/^[A-Za-z]{1,4} ?\d{1,7} ?[A-Za-z]?$/, msg("associations:errors.registerNumber")).optional(),
  ),
  street: plainText(160),
  postalCode: z.string({ required_error: "errors.required", invalid_type_error: "errors.invalid" }).trim().min(1, "errors.required").regex(/^\d{5}$/, msg("errors.invalidPostalCode")),
  town: plainText(80),
  districtId: requiredId(),
  email: email(),
  website: optionalUrl(),
  description: optionalLongText(1000),
  fields: ids("associations:errors.fieldRequired"),
  languages: languageCodes("associations:errors.languageRequired"),
  barrierFree: checkbox(),
  fees: optionalPublicText(300),
  reducedFees: optionalPublicText(300),
  insurer: optionalText(160),
  policyNumber: optionalText(80),
  policyValidUntil: optionalDay(),
};

type ProfileShape = { kind: string; registerCourt?: string; registerNumber?: string; insurer?: string; policyNumber?: string; policyValidUntil?: string };
function profileRules(v: ProfileShape, ctx: z.RefinementCtx) {
  // A registered association: its register entry and its own liability policy are part of the record.
  if (v.kind === "registered_association") {
    if (!v.registerCourt) ctx.addIssue({ code: "custom", path: ["registerCourt"], message: "associations:errors.registerRequired" });
    if (!v.registerNumber) ctx.addIssue({ code: "custom", path: ["registerNumber"], message: "associations:errors.registerRequired" });
    if (!v.insurer) ctx.addIssue({ code: "custom", path: ["insurer"], message: "errors.policyRequired" });
    if (!v.policyNumber) ctx.addIssue({ code: "custom", path: ["policyNumber"], message: "errors.policyRequired" });
    if (!v.policyValidUntil) ctx.addIssue({ code: "custom", path: ["policyValidUntil"], message: "errors.policyRequired" });
  }
}

export const ProfileSchema = z.object({ intent: z.literal("save").optional(), ...profileFields }).superRefine(profileRules);
export type ProfileInput = z.infer<typeof ProfileSchema>;

/** The registration: the profile, and for anonymous visitors the first admin's account. */
export const RegistrationSchema = z
  .object({
    ...profileFields,
    accountName: personName(),
    accountEmail: email(),
    password: newPassword(),
    passwordRepeat: z.string({ required_error: "errors.required", invalid_type_error: "errors.invalid" }).max(PASSWORD_MAX, msg("errors.tooLong", { max: PASSWORD_MAX })),
    privacy: z.literal("on", { errorMap: () => ({ message: "errors.acceptPrivacy" }) }),
  })
  .superRefine((v, ctx) => {
    profileRules(v, ctx);
    if (v.password !== v.passwordRepeat) ctx.addIssue({ code: "custom", path: ["passwordRepeat"], message: msg("errors.passwordsDiffer") });
  });
export type RegistrationInput = z.infer<typeof RegistrationSchema>;

/** The registration by a signed-in user: no account fields. */
export const SignedInRegistrationSchema = z
  .object({ ...profileFields, privacy: z.literal("on", { errorMap: () => ({ message: "errors.acceptPrivacy" }) }) })
  .superRefine(profileRules);

/** The office's decision on a registration. */
export const VerifySchema = z.object({ intent: z.literal("verify-association") });
export const RejectSchema = z.object({ intent: z.literal("reject-association"), reason: longText(1000) });

export const InviteSchema = z.object({ intent: z.literal("invite"), email: email(), asAdmin: checkbox() });
export const MemberRoleSchema = z.object({
  intent: z.literal("set-role"),
  userId: z.string({ required_error: "errors.invalid" }).min(1, "errors.invalid").max(64, "errors.invalid"),
  role: enumOf([...MEMBER_ROLES]),
});
export const OfficeMemberRoleSchema = MemberRoleSchema.extend({ intent: z.literal("set-admin") });
export const RemoveMemberSchema = z.object({ intent: z.literal("remove"), userId: z.string({ required_error: "errors.invalid" }).min(1, "errors.invalid").max(64, "errors.invalid") });
export const RevokeInviteSchema = z.object({ intent: z.literal("revoke-invite"), inviteId: requiredId() });
export const AcceptInviteSchema = z.object({ intent: z.literal("accept") });

// ── The offers directory (issue #15, ADR 0039): texts in further languages, dates, helpers wanted ──
/** UI languages an offer may be translated into (German is the offer's own title and description; fa, tr, ru since migration 0060). */
export const OFFER_TEXT_LOCALES = ["en", "ar", "uk", "fa", "tr", "ru"] as const;
/** Weekly slots and single dates the /verein form offers (fixed rows: the form works without JavaScript). */
export const OFFER_WEEKLY_ROWS = 2;
export const OFFER_SINGLE_ROWS = 3;
const time = () =>
  z.preprocess(emptyToUndefined, z.string({ invalid_type_error: "errors.invalid" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, msg("directory:errors.time")).optional());
const weekday = () => z.preprocess(emptyToUndefined, z.coerce.number({ invalid_type_error: "errors.invalidChoice" }).int("errors.invalidChoice").min(1, "errors.invalidChoice").max(7, "errors.invalidChoice").optional());
const offerDirectoryFields = {
  titleEn: optionalPublicText(120),
  descriptionEn: optionalPublicText(2000),
  titleAr: optionalPublicText(120),
  descriptionAr: optionalPublicText(2000),
  titleUk: optionalPublicText(120),
  descriptionUk: optionalPublicText(2000),
  titleFa: optionalPublicText(120),
  descriptionFa: optionalPublicText(2000),
  titleTr: optionalPublicText(120),
  descriptionTr: optionalPublicText(2000),
  titleRu: optionalPublicText(120),
  descriptionRu: optionalPublicText(2000),
  volunteersWanted: checkbox(),
  weekly1Day: weekday(),
  weekly1From: time(),
  weekly1To: time(),
  weekly1Since: optionalDay(),
  weekly1Until: optionalDay(),
  weekly2Day: weekday(),
  weekly2From: time(),
  weekly2To: time(),
  weekly2Since: optionalDay(),
  weekly2Until: optionalDay(),
  single1Date: optionalDay(),
  single1From: time(),
  single1To: time(),
  single2Date: optionalDay(),
  single2From: time(),
  single2To: time(),
  single3Date: optionalDay(),
  single3From: time(),
  single3To: time(),
};
type OfferDirectoryShape = { [K in keyof typeof offerDirectoryFields]?: unknown };
const capital = (l: string) => l[0].toUpperCase() + l.slice(1);
function offerDirectoryRules(v: OfferDirectoryShape, ctx: z.RefinementCtx) {
  const r = v as Record<string, string | number | undefined>;
  // A translation is a title and a description, or nothing.
  for (const l of OFFER_TEXT_LOCALES) {
    const title = r[`title${capital(l)}`];
    const description = r[`description${capital(l)}`];
    if (title && !description) ctx.addIssue({ code: "custom", path: [`description${capital(l)}`], message: "directory:errors.translationPair" });
    if (description && !title) ctx.addIssue({ code: "custom", path: [`title${capital(l)}`], message: "directory:errors.translationPair" });
  }
  // A row: all of its required parts or none; the end after the start.
  const row = (prefix: string, parts: string[]) => {
    const given = parts.filter((p) => r[`${prefix}${p}`] !== undefined);
    if (given.length && given.length < parts.length) {
      for (const p of parts) if (r[`${prefix}${p}`] === undefined) ctx.addIssue({ code: "custom", path: [`${prefix}${p}`], message: "errors.required" });
      return;
    }
    const from = r[`${prefix}From`];
    const to = r[`${prefix}To`];
    if (typeof from === "string" && typeof to === "string" && to <= from) ctx.addIssue({ code: "custom", path: [`${prefix}To`], message: "directory:errors.endBeforeStart" });
  };
  for (let i = 1; i <= OFFER_WEEKLY_ROWS; i++) {
    row(`weekly${i}`, ["Day", "From", "To"]);
    const since = r[`weekly${i}Since`];
    const until = r[`weekly${i}Until`];
    if (typeof since === "string" && typeof until === "string" && until < since) ctx.addIssue({ code: "custom", path: [`weekly${i}Until`], message: "directory:errors.endBeforeStart" });
  }
  for (let i = 1; i <= OFFER_SINGLE_ROWS; i++) row(`single${i}`, ["Date", "From", "To"]);
}

export const OfferSchema = z.object({
  intent: z.literal("save").optional(),
  organisationId: requiredId(),
  title: plainText(120),
  description: publicText(2000),
  fieldId: requiredId(),
  languages: languageCodes("associations:errors.languageRequired"),
  districtId: optionalId(),
  place: optionalPublicText(160),
  times: publicText(200),
  targetGroup: enumOf([...TARGET_GROUPS]),
  cost: enumOf([...OFFER_COSTS]),
  feeNote: optionalPublicText(200),
  barrierFree: checkbox(),
  contactPath: publicText(300),
  published: checkbox(),
  ...offerDirectoryFields,
}).superRefine(offerDirectoryRules);
export type OfferInput = z.infer<typeof OfferSchema>;

/** The public directory's filters (query parameters; a bad value is ignored, never an error page). */
export const DirectoryFilterSchema = z.object({
  field: optionalId().catch(undefined),
  district: optionalId().catch(undefined),
  language: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z]{2,3}$/).optional()).catch(undefined),
  free: z.preprocess((v) => v === "1", z.boolean()).catch(false),
});
export type DirectoryFilter = z.infer<typeof DirectoryFilterSchema>;

// ── The public offers directory /angebote (issue #15, ADR 0039) ─────────────────────────
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Its filters (query parameters; a bad value is ignored, never an error page). */
export const OfferFilterSchema = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(32).optional()).catch(undefined),
  field: optionalId().catch(undefined),
  district: optionalId().catch(undefined),
  language: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z]{2,3}$/).optional()).catch(undefined),
  target: z.preprocess(emptyToUndefined, z.enum(TARGET_GROUPS).optional()).catch(undefined),
  weekday: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(7).optional()).catch(undefined),
  free: z.preprocess((v) => v === "1", z.boolean()).catch(false),
});
export type OfferFilter = z.infer<typeof OfferFilterSchema>;
export const OFFER_FILTER_PARAMS = ["q", "field", "district", "language", "target", "weekday", "free"] as const;

/** A visitor's message to an association about an offer (relayed by mail, the address stays hidden). */
export const OfferContactSchema = z.object({
  intent: z.literal("contact"),
  name: personName(),
  email: email(),
  message: longText(2000),
  privacy: z.literal("on", { errorMap: () => ({ message: "errors.acceptPrivacy" }) }),
});
export const OfferHelpSchema = z.object({ intent: z.literal("help") });
