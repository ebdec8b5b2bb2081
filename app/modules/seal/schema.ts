import { z } from "zod";
import { email, enumOf, msg, optionalDay, optionalText, plainText } from "~/utils/validation";

/** The forms of the seal (issue #15); messages are keys of `common` or `seal`. */

const id = () => z.coerce.number({ invalid_type_error: "errors.invalidChoice", required_error: "errors.required" }).int().positive("errors.invalidChoice");
const score = () =>
  z.coerce
    .number({ invalid_type_error: "errors.invalidChoice", required_error: "errors.required" })
    .int("errors.invalidChoice")
    .min(0, "errors.invalidChoice")
    .max(4, "errors.invalidChoice");

export const CRITERION_KINDS = ["mandatory", "elective"] as const;
export const SCORES = [0, 1, 2, 3, 4] as const;

// ── the office: catalogue, jurors, screening, decision, revocation ────────────────────
export const CriterionSchema = z.object({
  intent: z.literal("criterion"),
  criterionId: id().optional(),
  code: z
    .string({ required_error: "errors.required", invalid_type_error: "errors.invalid" })
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, "seal:errors.code"),
  kind: enumOf<["mandatory", "elective"]>(["mandatory", "elective"]),
  weight: z.coerce.number({ invalid_type_error: "errors.invalid", required_error: "errors.required" }).int("errors.invalid").min(1, msg("seal:errors.weight")).max(5, msg("seal:errors.weight")),
  titleDe: plainText(200),
  titleEn: optionalText(200),
  titleAr: optionalText(200),
  titleUk: optionalText(200),
  titleFa: optionalText(200),
  titleTr: optionalText(200),
  titleRu: optionalText(200),
  evidenceDe: plainText(1000),
  evidenceEn: optionalText(1000),
  evidenceAr: optionalText(1000),
  evidenceUk: optionalText(1000),
  evidenceFa: optionalText(1000),
  evidenceTr: optionalText(1000),
  evidenceRu: optionalText(1000),
});
export type CriterionInput = z.infer<typeof CriterionSchema>;

export const NewVersionSchema = z.object({ intent: z.literal("new-version") });
export const PublishSchema = z.object({
  intent: z.literal("publish"),
  electiveMin: z.coerce.number({ invalid_type_error: "errors.invalid", required_error: "errors.required" }).int("errors.invalid").min(0, "errors.invalid").max(50, "errors.invalid"),
});

export const AddJurorSchema = z.object({ intent: z.literal("add-juror"), email: email() });
export const RemoveJurorSchema = z.object({ intent: z.literal("remove-juror"), userId: z.string({ required_error: "errors.required" }).min(1).max(100) });

export const ScreenSchema = z
  .object({
    intent: z.literal("screen"),
    outcome: enumOf<["accept", "return"]>(["accept", "return"]),
    message: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "return" && !v.message) ctx.addIssue({ code: "custom", path: ["message"], message: "seal:errors.messageRequired" });
  });

export const AssignSchema = z.object({ intent: z.literal("assign"), jurorId: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(100, "errors.invalidChoice") });

/** An award may come with up to three conditions, each with the day it is due. */
export const CONDITION_SLOTS = [1, 2, 3] as const;

export const DecideSchema = z
  .object({
    intent: z.literal("decide"),
    decision: enumOf<["award", "decline", "send-back"]>(["award", "decline", "send-back"]),
    reason: plainText(4000),
    validityYears: z.coerce.number({ invalid_type_error: "errors.invalid" }).int("errors.invalid").min(1, "seal:errors.validity").max(3, "seal:errors.validity").default(3),
    conditionText1: optionalText(500),
    conditionDue1: optionalDay(),
    conditionText2: optionalText(500),
    conditionDue2: optionalDay(),
    conditionText3: optionalText(500),
    conditionDue3: optionalDay(),
  })
  .superRefine((v, ctx) => {
    for (const n of CONDITION_SLOTS) {
      const text = v[`conditionText${n}`];
      const due = v[`conditionDue${n}`];
      if (text && !due) ctx.addIssue({ code: "custom", path: [`conditionDue${n}`], message: "seal:errors.conditionDue" });
      if (due && !text) ctx.addIssue({ code: "custom", path: [`conditionText${n}`], message: "seal:errors.conditionText" });
      if (text && v.decision !== "award") ctx.addIssue({ code: "custom", path: [`conditionText${n}`], message: "seal:errors.conditionOnlyAward" });
    }
  });
export type DecideInput = z.infer<typeof DecideSchema>;

/** The conditions filled in on the decision form. */
export function conditionsOf(v: DecideInput): Array<{ slot: number; text: string; dueOn: string }> {
  return CONDITION_SLOTS.flatMap((n) => {
    const text = v[`conditionText${n}`];
    const due = v[`conditionDue${n}`];
    return text && due ? [{ slot: n, text, dueOn: due }] : [];
  });
}

export const FulfilSchema = z.object({ intent: z.literal("fulfil-condition"), conditionId: id() });

export const RevokeSchema = z.object({ intent: z.literal("revoke"), reason: plainText(2000) });

/** The optional interim check about a year after the award: what the office found. */
export const InterimSchema = z.object({ intent: z.literal("interim-check"), note: plainText(2000) });

// ── the association ───────────────────────────────────────────────────────────────────
export const StartSchema = z.object({ intent: z.literal("start"), organisationId: id() });

export const AnswerSchema = z.object({
  intent: z.literal("answer"),
  criterionId: id(),
  selfScore: score(),
  statement: plainText(4000),
  evidence: optionalText(4000),
});
export type AnswerInput = z.infer<typeof AnswerSchema>;

export const SubmitSchema = z.object({ intent: z.literal("submit") });

/** The file itself is read apart (`readUploadForm`) and checked by content (`prepareEvidence`). */
export const EvidenceSchema = z.object({ intent: z.literal("evidence"), criterionId: id() });
export const DeleteEvidenceSchema = z.object({ intent: z.literal("delete-evidence"), evidenceId: id() });

// ── the jury ──────────────────────────────────────────────────────────────────────────
export const DeclareSchema = z
  .object({
    intent: z.literal("declare"),
    conflict: enumOf<["none", "declared"]>(["none", "declared"]),
    note: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.conflict === "declared" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "seal:errors.noteRequired" });
  });

export const ScoreSchema = z.object({
  intent: z.literal("score"),
  criterionId: id(),
  score: score(),
  justification: plainText(2000),
});

export const SubmitReviewSchema = z.object({ intent: z.literal("submit-review"), recommendation: enumOf<["award", "decline"]>(["award", "decline"]) });
