import { z } from "zod";
import { day } from "~/modules/coverage/schema";
import { enumOf, msg, optionalText } from "~/utils/validation";
import { MEETING_KINDS, TOPIC_TAGS } from "./tandem-rules";

/** Form schemas of the sponsor's meeting log (`/me/sponsorships/:id`). */

const toNumber = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : Number(v));

export const LogMeetingSchema = z.object({
  intent: z.literal("log"),
  day: day(),
  minutes: z.preprocess(
    toNumber,
    z
      .number({ required_error: "errors.required", invalid_type_error: "tandems:errors.invalidMinutes" })
      .int("tandems:errors.invalidMinutes")
      .min(5, "tandems:errors.invalidMinutes")
      .max(720, "tandems:errors.invalidMinutes"),
  ),
  kind: enumOf([...MEETING_KINDS]),
  // Checkboxes: none, one (a string) or several (an array).
  topics: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(TOPIC_TAGS, { message: "errors.invalidChoice" } as never)).max(TOPIC_TAGS.length)),
  // Short on purpose: the page says not to write health, asylum or other sensitive details here.
  note: optionalText(200),
});
export type LogMeetingInput = z.infer<typeof LogMeetingSchema>;

export const AddHoursSchema = z.object({
  intent: z.literal("hours"),
  meetingId: z.preprocess(toNumber, z.number({ required_error: "errors.required", invalid_type_error: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(Number.MAX_SAFE_INTEGER, "errors.invalidChoice")),
});

export const MEETING_SCHEMAS = { log: LogMeetingSchema, hours: AddHoursSchema } as const;

/** The household's one-tap confirmation (the token is the route's; the form carries only the intent). */
export const ConfirmMeetingSchema = z.object({ intent: z.literal("confirm", { errorMap: () => ({ message: msg("errors.invalid") }) }) });

/** The funding evidence's period (query string of the office page and the CSV). */
export const FundingQuerySchema = z
  .object({
    programmeId: z.preprocess(toNumber, z.number({ required_error: "errors.required", invalid_type_error: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice")),
    from: day(),
    to: day(),
  })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "tandems:errors.periodOrder" });
  });
