import { z } from "zod";
import { day } from "~/modules/coverage/schema";
import { enumOf, optionalText } from "~/utils/validation";
import { TASK_MODULES, TASK_VIEWS } from "./kinds";

/** The work queue's forms (shared with the browser). Messages are translation keys. */
const taskId = z.coerce.number({ invalid_type_error: "errors.invalid" }).int().positive();

export const AssignSchema = z.object({ intent: z.literal("assign"), taskId, assignee: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(100).optional()) });
export const SnoozeSchema = z.object({ intent: z.literal("snooze"), taskId, until: day(), note: optionalText(300) });
export const WakeSchema = z.object({ intent: z.literal("wake"), taskId });
export const DoneSchema = z.object({ intent: z.literal("done"), taskId });
export const DigestSchema = z.object({ intent: z.literal("digest"), digest: z.boolean().optional() });

/** The queue's query string; anything unknown falls back to the default (a filter link never 400s). */
export const TaskQuerySchema = z.object({
  view: enumOf([...TASK_VIEWS]).catch("all"),
  module: enumOf([...TASK_MODULES]).nullable().catch(null),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
