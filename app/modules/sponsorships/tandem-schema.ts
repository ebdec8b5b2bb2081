import { z } from "zod";
import { day } from "~/modules/coverage/schema";
import { enumOf, optionalText, plainText } from "~/utils/validation";
import { CHECK_IN_DECISIONS, END_REASONS, MODERATORS, TANDEM_STATUSES, TRIAL_DECISIONS } from "./tandem-rules";

/**
 * Form schemas of the tandem steps (the office's page `/office/sponsorships/tandems/:id`; shared
 * with the browser). Messages are `common:errors.*` keys or `tandems:errors.*`.
 */

const time = () =>
  z
    .string({ required_error: "errors.required", invalid_type_error: "errors.invalid" })
    .trim()
    .min(1, "errors.required")
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "tandems:errors.invalidTime");

export const PlanFirstMeetingSchema = z.object({
  intent: z.literal("plan"),
  day: day(),
  time: time(),
  place: plainText(160),
  moderator: enumOf([...MODERATORS]),
});

export const FirstMeetingHeldSchema = z.object({
  intent: z.literal("held"),
  note: optionalText(500),
});

export const TrialCheckInSchema = z
  .object({
    intent: z.literal("trial-check-in"),
    day: day(),
    decision: enumOf([...TRIAL_DECISIONS]),
    reason: z.preprocess((v) => (v === "" ? undefined : v), enumOf([...END_REASONS]).optional()),
    rematch: z.preprocess((v) => v === "on", z.boolean()),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "end" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "tandems:errors.reasonRequired" });
    if (v.decision === "adjust" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "tandems:errors.noteRequired" });
  });

export const CheckInSchema = z
  .object({
    intent: z.literal("check-in"),
    day: day(),
    decision: enumOf([...CHECK_IN_DECISIONS]),
    reason: z.preprocess((v) => (v === "" ? undefined : v), enumOf([...END_REASONS]).optional()),
    rematch: z.preprocess((v) => v === "on", z.boolean()),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "end" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "tandems:errors.reasonRequired" });
  });

export const EndTandemSchema = z.object({
  intent: z.literal("end"),
  day: day(),
  reason: enumOf([...END_REASONS]),
  rematch: z.preprocess((v) => v === "on", z.boolean()),
  note: optionalText(500),
});

/** The office revokes the confirmation links of one meeting (a row's form). */
export const RevokeLinksSchema = z.object({
  intent: z.literal("revoke-links"),
  meetingId: z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : Number(v)),
    z.number({ required_error: "errors.required", invalid_type_error: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(Number.MAX_SAFE_INTEGER, "errors.invalidChoice"),
  ),
});

export const TANDEM_STEP_SCHEMAS = {
  plan: PlanFirstMeetingSchema,
  held: FirstMeetingHeldSchema,
  "trial-check-in": TrialCheckInSchema,
  "check-in": CheckInSchema,
  end: EndTandemSchema,
  "revoke-links": RevokeLinksSchema,
} as const;
export type TandemStepIntent = keyof typeof TANDEM_STEP_SCHEMAS;

/** The list's filters (query string; anything unknown is ignored, never an error). */
export const TandemFiltersSchema = z.object({
  status: z.enum(TANDEM_STATUSES).optional().catch(undefined),
  programmeId: z.coerce.number().int().positive().optional().catch(undefined),
  due: z.enum(["check-in", "silent"]).optional().catch(undefined),
  q: z.string().trim().max(40).optional().catch(undefined),
});
export type TandemFilters = z.infer<typeof TandemFiltersSchema> & { page: number };

