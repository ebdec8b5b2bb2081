import { z } from "zod";
import { currentPassword, email, msg, newPassword, PASSWORD_MAX, personName } from "~/utils/validation";

// Every message is a translation key, also for a value that is too long or not text at all.
const passwordRepeat = () =>
  z.string({ required_error: "errors.required", invalid_type_error: "errors.invalid" }).max(PASSWORD_MAX, msg("errors.tooLong", { max: PASSWORD_MAX }));

export const LoginSchema = z.object({
  email: email(),
  password: currentPassword(),
  redirectTo: z.string({ invalid_type_error: "errors.invalid" }).max(500, msg("errors.tooLong", { max: 500 })).optional(),
});

export const RegisterSchema = z
  .object({
    name: personName(),
    email: email(),
    password: newPassword(),
    passwordRepeat: passwordRepeat(),
    terms: z.literal("on", { errorMap: () => ({ message: "errors.acceptPrivacy" }) }),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ["passwordRepeat"], message: msg("errors.passwordsDiffer") });

export const ForgotPasswordSchema = z.object({ email: email() });

export const ResetPasswordSchema = z
  .object({
    password: newPassword(),
    passwordRepeat: passwordRepeat(),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ["passwordRepeat"], message: msg("errors.passwordsDiffer") });

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("change-password"),
    currentPassword: currentPassword(),
    password: newPassword(),
    passwordRepeat: passwordRepeat(),
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
