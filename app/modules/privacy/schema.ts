import { z } from "zod";
import { enumOf, msg, optionalEmail, optionalText, plainText } from "~/utils/validation";

/** The forms of the privacy desk (issue #17); messages are keys of `common` or `privacy:errors.*`. */
export const REQUEST_KINDS = ["access", "rectification", "erasure", "restriction", "objection"] as const;
export const SUBJECT_KINDS = ["volunteer", "household", "other"] as const;
export const CHANNELS = ["letter", "email", "in-person", "phone", "form"] as const;
export const IDENTITY_METHODS = ["id-document", "known-account", "known-in-person", "postal-address", "other"] as const;
export const OUTCOMES = ["answered", "rectified", "erased", "restricted", "objection-upheld", "refused", "withdrawn"] as const;
export const STATUS_FILTERS = ["open", "closed", "overdue", "all"] as const;

const day = () =>
  z
    .string({ required_error: "errors.required", invalid_type_error: "errors.invalid" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg("errors.invalidDate"))
    .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v), msg("errors.invalidDate"));

export const NewRequestSchema = z
  .object({
    kind: enumOf([...REQUEST_KINDS]),
    subjectKind: enumOf([...SUBJECT_KINDS]),
    requesterName: plainText(120),
    volunteerEmail: optionalEmail(),
    householdCode: optionalText(20),
    channel: enumOf([...CHANNELS]),
    receivedOn: day(),
    note: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.subjectKind === "volunteer" && !v.volunteerEmail) ctx.addIssue({ code: "custom", path: ["volunteerEmail"], message: "privacy:errors.volunteerRequired" });
    if (v.subjectKind === "household" && !v.householdCode) ctx.addIssue({ code: "custom", path: ["householdCode"], message: "privacy:errors.householdRequired" });
  });
export type NewRequest = z.infer<typeof NewRequestSchema>;

export const IdentitySchema = z.object({ intent: z.literal("identity"), method: enumOf([...IDENTITY_METHODS]) });
export const ExtendSchema = z.object({ intent: z.literal("extend"), reason: plainText(500) });
export const EraseSchema = z.object({
  intent: z.literal("erase"),
  confirm: z.literal("on", { errorMap: () => ({ message: "privacy:errors.confirmErase" }) }),
});
export const CloseSchema = z.object({ intent: z.literal("close"), outcome: enumOf([...OUTCOMES]), outcomeNote: plainText(1000) });

/** The forms of the request page, by intent (`parseIntentForm`). */
export const REQUEST_PAGE_FORMS = { identity: IdentitySchema, extend: ExtendSchema, erase: EraseSchema, close: CloseSchema };
