import { z } from "zod";
import { enumOf, msg, optionalText, plainText } from "~/utils/validation";

export const REPORT_BLOCKS = ["A", "B", "C", "D"] as const;
export const EVENT_KINDS = ["information", "training", "meeting_point", "encounter", "other"] as const;
export const MAX_NARRATIVE = 20_000;

const day = () =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string({ required_error: "errors.required", invalid_type_error: "errors.invalid" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.invalidDate")
      .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v), "errors.invalidDate"),
  );
const count = (max: number) =>
  z.coerce
    .number({ invalid_type_error: "errors.invalid", required_error: "errors.required" })
    .int("errors.invalid")
    .min(0, "reports:errors.notNegative")
    .max(max, msg("reports:errors.atMost", { max }));
const optionalId = () =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.coerce.number({ invalid_type_error: "errors.invalidChoice" }).int().positive("errors.invalidChoice").optional());

/** An event of the register (`/office/reports/events`). */
export const EventSchema = z.object({
  intent: z.literal("event"),
  day: day(),
  kind: enumOf([...EVENT_KINDS]),
  block: enumOf([...REPORT_BLOCKS]),
  title: plainText(160),
  districtId: optionalId(),
  participants: count(100_000),
  volunteers: count(10_000),
});
export type EventInput = z.infer<typeof EventSchema>;

export const DeleteEventSchema = z.object({ intent: z.literal("delete"), eventId: z.coerce.number().int().positive() });

/** The office's narrative text of a period (KOMM-AN view). */
export const NarrativeSchema = z.object({
  intent: z.literal("narrative"),
  body: plainText(MAX_NARRATIVE),
});

/** Whether a booking counts for the integration purpose (room occupancy plan). */
export const BookingFlagSchema = z.object({
  intent: z.literal("flag"),
  bookingId: z.coerce.number().int().positive(),
  counts: z.enum(["0", "1"]),
  /** The list page the form was on (period, filter, page); checked on the server before it is followed. */
  back: z.string().max(2000).optional(),
});

/** The KOMM-AN bookings list's filter (`marked` in the URL): marked as counting, or not; absent: all. */
export const PLAN_MARKED = ["yes", "no"] as const;
export type PlanMarked = (typeof PLAN_MARKED)[number];
/** The id of the list's heading: its pager's links and the redirect after marking end in `#` and it. */
export const PLAN_BOOKINGS_ANCHOR = "bookings-h";

/** Freezing a report: a label people recognise it by ("Verwendungsnachweis 2026"). */
export const FreezeSchema = z.object({ intent: z.literal("freeze"), label: plainText(120), narrative: optionalText(MAX_NARRATIVE) });
