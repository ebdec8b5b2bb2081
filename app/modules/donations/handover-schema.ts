import { z } from "zod";
import { enumOf, optionalText } from "~/utils/validation";
import { HANDOVER_MODES, isTime } from "./handover-policy";
import { day } from "./schema";

const time = () => z.string({ required_error: "errors.required" }).refine(isTime, "donations:errors.time");

export const PlanSchema = z.object({
  intent: z.literal("plan"),
  mode: enumOf([...HANDOVER_MODES]),
  day: day(),
  from: time(),
  to: time(),
  volunteerId: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[a-z0-9]{1,40}$/, "errors.invalidChoice").optional()),
});

export const OutcomeSchema = z
  .object({
    intent: z.literal("outcome"),
    outcome: enumOf(["handed_over", "failed"]),
    reason: optionalText(300),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "failed" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "donations:errors.reasonRequired" });
  });

export const AnswerSchema = z.object({
  transportId: z.coerce.number({ invalid_type_error: "errors.invalid" }).int().positive("errors.invalid"),
  answer: enumOf(["accepted", "declined"]),
  reason: optionalText(300),
});
