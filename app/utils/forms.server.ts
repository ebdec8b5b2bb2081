import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { badRequest, isAppError } from "./errors";

/** Reads the form body; an unreadable body is the client's fault (400), never a 500. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw badRequest();
  }
}

/** Parses a form with its zod schema (the same schema the browser validates with). */
export async function parseForm<S extends z.ZodTypeAny>(request: Request, schema: S) {
  const formData = await readForm(request);
  return { formData, submission: parseWithZod(formData, { schema }) };
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
