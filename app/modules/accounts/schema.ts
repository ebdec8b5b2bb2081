import { z } from "zod";
import { currentPassword, email, msg, newPassword, personName } from "~/utils/validation";

export const LoginSchema = z.object({
  email: email(),
  password: currentPassword(),
  redirectTo: z.string().max(500).optional(),
});

export const RegisterSchema = z
  .object({
    name: personName(),
    email: email(),
    password: newPassword(),
    passwordRepeat: z.string({ required_error: "errors.required" }).max(200),
    terms: z.literal("on", { errorMap: () => ({ message: "errors.acceptPrivacy" }) }),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ["passwordRepeat"], message: msg("errors.passwordsDiffer") });

export const ForgotPasswordSchema = z.object({ email: email() });

export const ResetPasswordSchema = z
  .object({
    password: newPassword(),
    passwordRepeat: z.string({ required_error: "errors.required" }).max(200),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ["passwordRepeat"], message: msg("errors.passwordsDiffer") });

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("change-password"),
    currentPassword: currentPassword(),
    password: newPassword(),
    passwordRepeat: z.string({ required_error: "errors.required" }).max(200),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ["passwordRepeat"], message: msg("errors.passwordsDiffer") });

export const ChangeEmailSchema = z.object({
  intent: z.literal("change-email"),
  newEmail: email(),
  currentPassword: currentPassword(),
});

export const ChangeNameSchema = z.object({
  intent: z.literal("change-profile"),
  name: personName(),
});
