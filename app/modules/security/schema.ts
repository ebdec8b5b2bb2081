import { z } from "zod";
import { msg } from "~/utils/validation";

/** A six-digit code from the app, or a recovery code (xxxx-xxxx-xxxx-xxxx); spaces are ignored. */
const code = () =>
  z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, msg("errors.required"))
    .max(40, msg("errors.tooLong", { max: 40 }))
    .refine((v) => /^\d{6}$/.test(v.replace(/\s/g, "")) || /^[a-z0-9]{16}$/i.test(v.replace(/[\s-]/g, "")), "security:twoFactor.codeFormat");

export const SecondFactorSchema = z.object({
  code: code(),
  redirectTo: z.string().max(500).optional(),
});

export const EnrolSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("confirm"), code: z.string({ required_error: "errors.required" }).trim().regex(/^\d{6}$/, "security:twoFactor.sixDigits") }),
  z.object({ intent: z.literal("disable"), code: code() }),
]);
