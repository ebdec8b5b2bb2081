import { z } from "zod";
import { msg } from "~/utils/validation";
import { FIELDS_BY_KIND } from "./fields";
import { ENABLED_KINDS } from "./limits";

const rowNo = z.coerce.number({ invalid_type_error: "errors.invalid", required_error: "errors.invalid" }).int().positive().max(1_000_000);

/** The upload form (multipart): the file itself is read by `readUploadForm`. */
export const UploadSchema = z.object({
  kind: z.enum(ENABLED_KINDS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  sheet: z.string().trim().max(100, "errors.invalid").optional(),
});

export const HeaderSchema = z.object({
  intent: z.literal("header"),
  headerRow: z.coerce.number({ invalid_type_error: "errors.invalidChoice", required_error: "errors.required" }).int("errors.invalidChoice").min(1, "errors.invalidChoice").max(20, "errors.invalidChoice"),
});

// Any kind's field: the batch's kind decides which are kept (`saveMapping`).
const ALL_FIELDS = [...new Set(Object.values(FIELDS_BY_KIND).flat())] as [string, ...string[]];
const fieldChoice = z.union([z.enum(ALL_FIELDS), z.literal("")], { errorMap: () => ({ message: "errors.invalidChoice" }) });

export const MappingSchema = z.object({
  intent: z.literal("mapping"),
  // One select per column; conform turns "" into undefined.
  columns: z.array(fieldChoice.optional()).max(60, "errors.invalid").default([]),
});

export const FixSchema = z.object({
  intent: z.literal("fix"),
  row: rowNo,
  // Only the cells shown for fixing are sent; a cell may be emptied (no value).
  cells: z.array(z.string().max(2000, msg("errors.tooLong", { max: 2000 })).optional()).max(60, "errors.invalid").default([]),
});

export const DecideSchema = z.object({
  intent: z.literal("decide"),
  row: rowNo,
  decision: z.enum(["create", "update", "skip", "include"], { errorMap: () => ({ message: "errors.invalidChoice" }) }),
});

export const BackSchema = z.object({ intent: z.literal("back"), step: z.enum(["header", "mapping"], { errorMap: () => ({ message: "errors.invalidChoice" }) }) });
/** The dry run's choices: imported associations are already verified (else they are pending). */
export const OptionsSchema = z.object({ intent: z.literal("options"), verified: z.preprocess((v) => v === "on", z.boolean()) });
export const ConfirmSchema = z.object({ intent: z.literal("confirm") });
export const CancelSchema = z.object({ intent: z.literal("cancel") });
export const ResumeSchema = z.object({ intent: z.literal("resume") });
export const UndoSchema = z.object({ intent: z.literal("undo") });
