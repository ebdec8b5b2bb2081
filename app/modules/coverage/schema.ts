import { z } from "zod";
import { msg, optionalText, plainText } from "~/utils/validation";
import { isCloseReasonCode } from "./close-reason";

/** Form schemas of the coverage module (shared with the browser). Messages are `common:errors.*` keys. */

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v);

export const day = () =>
  z
    .string({ required_error: "errors.required", invalid_type_error: "errors.invalid" })
    .trim()
    .min(1, "errors.required")
    .refine(isDay, msg("errors.invalidDate"));

export const optionalDayField = () => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), day().optional());

/** Empty is "required"; anything that is not a number is "invalid" (never coerced to 0). */
const toNumber = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : Number(v));
const number = (invalid: string) => z.number({ required_error: "errors.required", invalid_type_error: invalid });

const id = () =>
  z.preprocess(toNumber, number("errors.invalidChoice").int("errors.invalidChoice").positive("errors.invalidChoice").max(Number.MAX_SAFE_INTEGER, "errors.invalidChoice"));

const userId = () =>
  z
    .string({ required_error: "errors.required", invalid_type_error: "errors.invalid" })
    .trim()
    .min(1, "errors.required")
    .max(64, "errors.invalidChoice")
    .regex(/^[a-z0-9]+$/, "errors.invalidChoice");

const yesNo = () => z.enum(["yes", "no"], { required_error: "errors.required", invalid_type_error: "errors.invalidChoice", message: "errors.invalidChoice" } as never);

export const AssignmentSchema = z
  .object({
    volunteerId: userId(),
    activity: plainText(160),
    fieldOfActionId: id(),
    organisationId: id(),
    startDay: day(),
    endDay: optionalDayField(),
    documentRef: plainText(120),
    worksWithMinors: z.preprocess((v) => v === "on", z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (v.endDay && v.endDay < v.startDay) ctx.addIssue({ code: "custom", path: ["endDay"], message: "coverage:errors.endBeforeStart" });
  });
export type AssignmentInput = z.infer<typeof AssignmentSchema>;

export const CloseAssignmentSchema = z.object({
  intent: z.literal("close"),
  closedOn: day(),
  // The codes of system-written reasons (erasure) are not the office's to type.
  reason: plainText(300).refine((v) => !isCloseReasonCode(v), "errors.invalid"),
});

/** Corrections that keep the documented cover the same kind: the end day and the document reference. */
export const UpdateAssignmentSchema = z.object({
  intent: z.literal("update"),
  endDay: optionalDayField(),
  documentRef: plainText(120),
});

export const CoverageQuerySchema = z.object({
  volunteerId: userId(),
  day: day(),
  activity: optionalText(160),
});

export const InspectionSchema = z.object({
  volunteerId: userId(),
  inspected: yesNo(),
  certificateDate: day(),
  relevantConviction: yesNo(),
  inspectedOn: day(),
});
export type InspectionInput = z.infer<typeof InspectionSchema>;

export const HoursSchema = z.object({
  assignmentId: id(),
  day: day(),
  hours: z.preprocess(
    toNumber,
    number("coverage:errors.invalidHours")
      .min(0.25, "coverage:errors.invalidHours")
      .max(24, "coverage:errors.invalidHours")
      .refine((h) => Number.isInteger(h * 4), "coverage:errors.invalidHours"),
  ),
  note: optionalText(300),
});
export type HoursInput = z.infer<typeof HoursSchema>;

/** The decision on one hours entry (`/office/hours/:id/decide`; the entry is the route's id). */
export const DecideHoursEntrySchema = z
  .object({
    intent: z.enum(["confirm", "reject"], { message: "errors.invalidChoice" } as never),
    reason: optionalText(300),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "reject" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "coverage:errors.reasonRequired" });
  });

export const DecideHoursSchema = z
  .object({
    intent: z.enum(["confirm", "reject"], { message: "errors.invalidChoice" } as never),
    entryId: id(),
    reason: optionalText(300),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "reject" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "coverage:errors.reasonRequired" });
  });
