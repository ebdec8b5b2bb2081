import type { Submission as ConformSubmission, SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import { z } from "zod";
import { normalizeFormData } from "./digits";
import { badRequest, isAppError } from "./errors";

/**
 * Reads the form body; an unreadable body is the client's fault (400), never a 500. Persian and
 * Arabic-Indic digits in numbers, dates, times, phone numbers and postcodes are read as Western
 * digits here, for every form (`normalizeFormData`).
 */
export async function readForm(request: Request): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw badRequest();
  }
  return normalizeFormData(formData);
}

/** Parses a form with its zod schema (the same schema the browser validates with). */
export async function parseForm<S extends z.ZodTypeAny>(request: Request, schema: S) {
  const formData = await readForm(request);
  return { formData, submission: parseWithZod(formData, { schema }) };
}

/** One form of a page with several: its intent, and the submission parsed with that form's schema. */
export type IntentSubmission<M extends Record<string, z.ZodTypeAny>> = {
  [K in keyof M & string]: { formData: FormData; intent: K; submission: ConformSubmission<z.input<M[K]>, string[], z.output<M[K]>> };
}[keyof M & string];

/**
 * A page with several forms, told apart by their hidden `intent`: the intent (parsed by a schema like
 * every other field; one that names no form of the page is a 400) picks the form's schema. The
 * answer is the same conform reply as everywhere (`invalid`, `replyWithError`); the page gives it to
 * the form whose intent it carries (`replyFor` in `app/components/form.tsx`). Narrow on `.intent` of
 * the result (not destructured) to get the form's values typed.
 */
export async function parseIntentForm<M extends Record<string, z.ZodTypeAny>>(request: Request, schemas: M): Promise<IntentSubmission<M>> {
  return parseIntentFormData(await readForm(request), schemas);
}

/** `parseIntentForm` for a body read otherwise (a multipart upload: `readUploadForm`). */
export function parseIntentFormData<M extends Record<string, z.ZodTypeAny>>(formData: FormData, schemas: M): IntentSubmission<M> {
  const names = Object.keys(schemas) as [string, ...string[]];
  const picked = parseWithZod(formData, { schema: z.object({ intent: z.enum(names) }) });
  if (picked.status !== "success") throw badRequest();
  const intent = picked.value.intent;
  return { formData, intent, submission: parseWithZod(formData, { schema: schemas[intent] }) } as IntentSubmission<M>;
}

type Submission = { reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]> };

/** The 400 answer that re-renders the form with field messages and the user's input kept. */
export function invalid(submission: Submission, extra?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) {
  return data(submission.reply(extra ? { formErrors: extra.formErrors, fieldErrors: extra.fieldErrors } : undefined), { status: 400 });
}

/**
 * Turns an AppError from a command into a form answer; a 404/403 (and anything else) is rethrown,
 * to be answered with its status where every AppError is (`app/utils/http-errors.server.ts`).
 */
export function replyWithError(submission: Submission, error: unknown) {
  if (isAppError(error)) {
    if (error.status === 404 || error.status === 403) throw error;
    return invalid(
      submission,
      error.field ? { fieldErrors: { [error.field]: [error.values ? `${error.key}|${JSON.stringify(error.values)}` : error.key] } } : { formErrors: [error.values ? `${error.key}|${JSON.stringify(error.values)}` : error.key] },
    );
  }
  throw error;
}

/** The client IP as the HTTP server determined it (honouring TRUST_PROXY); never a raw header. */
export function clientIp(context: { clientIp?: string } | undefined): string {
  return context?.clientIp ?? "unknown";
}
