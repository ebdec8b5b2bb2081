import { z } from "zod";
import { isUiLanguage } from "~/i18n/config";
import { email, enumOf, msg, optionalEmail, optionalPhone, optionalText, personName, plainText } from "~/utils/validation";

export const HOUSEHOLD_CONSENT_PURPOSES = ["donations", "sponsorship", "share-contact"] as const;
export const URGENCIES = ["normal", "urgent"] as const;
export const SEASONS = ["summer", "winter", "all"] as const;
export const NEED_STATUSES = ["open", "matched", "fulfilled", "cancelled"] as const;
export const SIZE_KINDS = ["none", "clothing", "shoes", "bicycle"] as const;
export const MAX_CHILDREN = 12;
export const MAX_QUANTITY = 99;

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const toArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** A required calendar day (YYYY-MM-DD). */
export const day = () =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string({ required_error: "errors.required", invalid_type_error: "errors.invalid" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.invalidDate")
      .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v), "errors.invalidDate"),
  );
const id = () => z.coerce.number({ invalid_type_error: "errors.invalidChoice", required_error: "errors.required" }).int().positive("errors.invalidChoice");

/** "2014, 2019 2021" → [2014, 2019, 2021]; every year between 18 years ago and next year. */
export function parseBirthYears(text: string, currentYear: number): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const years = parts.map((p) => (/^\d{4}$/.test(p) ? Number(p) : NaN));
  if (years.some((y) => !Number.isInteger(y) || y < currentYear - 18 || y > currentYear + 1)) return null;
  return years.sort((a, b) => a - b);
}

export const HouseholdSchema = (currentYear = new Date().getUTCFullYear()) =>
  z.object({
    contactName: personName(),
    contactPhone: optionalPhone(),
    contactEmail: optionalEmail(),
    street: optionalText(160),
    districtId: id(),
    adults: z.coerce.number({ invalid_type_error: "errors.invalid", required_error: "errors.required" }).int("errors.invalid").min(0, "donations:errors.notNegative").max(20, msg("donations:errors.atMost", { max: 20 })),
    // conform turns an empty field into undefined: no children is an empty list.
    childrenYears: optionalText(120)
      .refine((v) => parseBirthYears(v ?? "", currentYear) !== null, "donations:errors.birthYears")
      .transform((v) => parseBirthYears(v ?? "", currentYear)!)
      .refine((v) => v.length <= MAX_CHILDREN, msg("donations:errors.atMost", { max: MAX_CHILDREN })),
    languages: z.preprocess(toArray, z.array(z.string().regex(/^[a-z]{2,3}$/, "errors.invalidChoice")).max(10, "errors.invalid")),
    notes: optionalText(1000),
  });
export type HouseholdInput = z.infer<ReturnType<typeof HouseholdSchema>>;

export const ConsentSchema = z
  .object({
    intent: z.literal("consent"),
    purpose: enumOf([...HOUSEHOLD_CONSENT_PURPOSES]),
    languageShown: z.string({ required_error: "errors.required" }).refine(isUiLanguage, "errors.invalidChoice"),
    givenOn: day(),
    volunteerEmail: optionalEmail(),
  })
  .superRefine((v, ctx) => {
    // Sharing the contact is consent to one named person, never to "volunteers" in general.
    if (v.purpose === "share-contact" && !v.volunteerEmail) ctx.addIssue({ code: "custom", path: ["volunteerEmail"], message: "donations:errors.volunteerRequired" });
  });

export const WithdrawConsentSchema = z.object({ intent: z.literal("withdraw"), consentId: id() });

export const quantity = () =>
  z.coerce
    .number({ invalid_type_error: "errors.invalid", required_error: "errors.required" })
    .int("errors.invalid")
    .min(1, "donations:errors.quantityPositive")
    .max(MAX_QUANTITY, msg("donations:errors.atMost", { max: MAX_QUANTITY }));

export const sizeField = () => optionalText(30);

export const NeedSchema = z.object({
  intent: z.literal("need"),
  categoryId: id(),
  size: sizeField(),
  season: z.preprocess(emptyToUndefined, enumOf([...SEASONS]).optional()),
  quantity: quantity(),
  urgency: enumOf([...URGENCIES]),
  note: optionalText(500),
});
export type NeedInput = z.infer<typeof NeedSchema>;

export const NeedStatusSchema = z.object({
  intent: z.literal("need-status"),
  needId: id(),
  to: enumOf(["cancelled", "open"]),
  reason: optionalText(300),
});

export const CategorySchema = z.object({
  intent: z.literal("category"),
  categoryId: z.preprocess(emptyToUndefined, id().optional()),
  parentId: z.preprocess(emptyToUndefined, id().optional()),
  slug: plainText(40).refine((v) => /^[a-z0-9-]+$/.test(v), "donations:errors.slug"),
  nameDe: plainText(80),
  nameEn: plainText(80),
  nameAr: plainText(80),
  nameUk: plainText(80),
  // Persian, Turkish, Russian (migration 0060): optional, an empty name shows the German one.
  nameFa: optionalText(80),
  nameTr: optionalText(80),
  nameRu: optionalText(80),
  sizeKind: enumOf([...SIZE_KINDS]),
  seasonal: z.preprocess((v) => v === "on", z.boolean()),
  testedOnly: z.preprocess((v) => v === "on", z.boolean()),
  active: z.preprocess((v) => v === "on", z.boolean()),
});
export type CategoryInput = z.infer<typeof CategorySchema>;

export const EraseSchema = z.object({
  intent: z.literal("erase"),
  confirm: z.literal("on", { errorMap: () => ({ message: "donations:errors.confirmErase" }) }),
});

export const CONDITIONS = ["new", "good", "used"] as const;
/** The office offer list's filters (shared: the route renders them as a select in the browser). */
export const OFFER_FILTERS = ["pending", "accepted", "declined", "unconfirmed", "closed"] as const;
export type OfferFilter = (typeof OFFER_FILTERS)[number];

export const DELIVERIES = ["donor_brings", "needs_pickup"] as const;
export const MAX_OFFER_DAYS = 180;

const checkbox = () => z.preprocess((v) => v === "on", z.boolean());

/** The offer form; guests also give their name and e-mail (seen only by the office). */
export const OfferSchema = (guest: boolean) =>
  z
    .object({
      categoryId: id(),
      size: sizeField(),
      season: z.preprocess(emptyToUndefined, enumOf([...SEASONS]).optional()),
      quantity: quantity(),
      condition: enumOf([...CONDITIONS]),
      tested: checkbox(),
      description: optionalText(1000),
      districtId: id(),
      pickupStreet: optionalText(160),
      availableUntil: day(),
      delivery: enumOf([...DELIVERIES]),
      donorName: guest ? personName() : z.string().optional(),
      donorEmail: guest ? email() : z.string().optional(),
      donorPhone: optionalPhone(),
    })
    .superRefine((v, ctx) => {
      if (v.delivery === "needs_pickup" && !v.pickupStreet) ctx.addIssue({ code: "custom", path: ["pickupStreet"], message: "donations:errors.pickupStreetRequired" });
    });
export type OfferInput = z.infer<ReturnType<typeof OfferSchema>>;

export const OfferChangeSchema = z.object({
  intent: z.literal("change"),
  quantity: quantity(),
  availableUntil: day(),
  description: optionalText(1000),
});

export const OfferReviewSchema = z
  .object({
    offerId: id(),
    decision: enumOf(["accepted", "declined"]),
    reason: optionalText(300),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "declined" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "donations:errors.reasonRequired" });
  });

export const RevokeLinkSchema = z.object({ linkId: id() });
