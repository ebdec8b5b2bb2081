/**
 * The one error class. Thrown 4xx AppErrors leave loaders/actions as responses with their status
 * (`http-errors.server.ts`, ADR 0020). `key` is a translation key (namespace `common`, prefix `errors.`),
 * `status` the HTTP status it maps to, `field` the form field it belongs to (if any).
 */
export class AppError extends Error {
  constructor(
    public readonly key: string,
    public readonly status: number = 400,
    public readonly field?: string,
    public readonly values?: Record<string, string | number>,
  ) {
    super(key);
    this.name = "AppError";
  }
}

export const notFound = () => new AppError("errors.notFound", 404);
export const forbidden = () => new AppError("errors.forbidden", 403);
/** A request no form of the page could have sent (unknown intent, unreadable body): 400. */
export const badRequest = () => new AppError("errors.invalid", 400);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
