import { z } from "zod";
import { email, enumOf, msg, optionalDay, optionalEmail, optionalPhone, optionalText, optionalUrl, plainText } from "~/utils/validation";

export const LEGAL_FORMS = ["city", "registered_association", "initiative", "other"] as const;

export const OrganisationSchema = z
  .object({
    name: plainText(160),
    legalForm: enumOf([...LEGAL_FORMS]),
    contactName: optionalText(120),
    email: optionalEmail(),
    phone: optionalPhone(),
    street: optionalText(160),
    postalCode: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.string({ invalid_type_error: "errors.invalid" }).trim().regex(/^\d{5}$/, msg("errors.invalidPostalCode")).optional(),
    ),
    town: optionalText(80),
    website: optionalUrl(),
    insurer: optionalText(160),
    policyNumber: optionalText(80),
    policyValidUntil: optionalDay(),
  })
  .superRefine((v, ctx) => {
    // A registered association insures its own volunteers: its policy is part of the record.
    if (v.legalForm === "registered_association") {
      if (!v.insurer) ctx.addIssue({ code: "custom", path: ["insurer"], message: "errors.policyRequired" });
      if (!v.policyNumber) ctx.addIssue({ code: "custom", path: ["policyNumber"], message: "errors.policyRequired" });
      if (!v.policyValidUntil) ctx.addIssue({ code: "custom", path: ["policyValidUntil"], message: "errors.policyRequired" });
    }
  });
export type OrganisationInput = z.infer<typeof OrganisationSchema>;

export const MemberSchema = z.object({
  intent: z.literal("add-member"),
  email: email(),
});
