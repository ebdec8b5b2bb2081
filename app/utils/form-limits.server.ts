import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { transaction } from "./db.server";
import { env } from "./env.server";

/**
 * Limits for anonymous forms that send mail or take uploads (guest room requests, donation
 * offers; later sponsorship and contact forms): at most `FORM_MAX_PER_IP` accepted submissions per
 * client IP and `FORM_MAX_PER_ADDRESS` per e-mail address and form within `FORM_WINDOW_MINUTES`;
 * submissions with photos also count against `UPLOAD_MAX_PER_IP`. Check and record happen in one
 * immediate transaction, so a parallel burst gets no more than the limit through.
 *
 * Usage in an action, for anonymous visitors only, before the command runs:
 *   const limited = await takeFormSlot("room-request", { ip: clientIp(context), address: email });
 *   if (limited) return invalid(submission, { formErrors: [limited] });
 * The answer is a form-error key (`security:limits.tooMany|{"count":minutes}`) for `FormErrors`.
 */
export type FormSlotRequest = { ip: string; address?: string | null; upload?: boolean; now?: Date };

const UPLOAD_FORM = "upload";

async function countSince(trx: Kysely<DB>, form: string | null, column: "ip" | "address", value: string, since: string) {
  let q = trx
    .selectFrom("form_submission")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("created_at").as("first")])
    .where(column, "=", value)
    .where("created_at", ">", since);
  if (form) q = q.where("form", "=", form);
  const r = await q.executeTakeFirstOrThrow();
  return { n: Number(r.n), first: r.first };
}

/** Checks only, records nothing: minutes until a slot is free, or null if one is free now. */
async function blockedMinutes(trx: Kysely<DB>, form: string, req: FormSlotRequest, now: Date): Promise<number | null> {
  const e = env();
  const windowMs = e.FORM_WINDOW_MINUTES * 60_000;
  const since = new Date(now.getTime() - windowMs).toISOString();
  const checks: Array<Promise<{ n: number; first: string | null; max: number }>> = [
    countSince(trx, form, "ip", req.ip, since).then((r) => ({ ...r, max: e.FORM_MAX_PER_IP })),
  ];
  const address = req.address?.trim().toLowerCase();
  if (address) checks.push(countSince(trx, form, "address", address, since).then((r) => ({ ...r, max: e.FORM_MAX_PER_ADDRESS })));
  if (req.upload) checks.push(countSince(trx, UPLOAD_FORM, "ip", req.ip, since).then((r) => ({ ...r, max: e.UPLOAD_MAX_PER_IP })));
  const results = [];
  for (const c of checks) results.push(await c);
  const blocked = results.filter((r) => r.n >= r.max && r.first).map((r) => new Date(r.first as string).getTime() + windowMs);
  if (!blocked.length) return null;
  return Math.max(1, Math.ceil((Math.max(...blocked) - now.getTime()) / 60_000));
}

/** The form-error key a refused submission shows (translated, with the minutes to wait). */
export const formLimitError = (minutes: number) => `security:limits.tooMany|${JSON.stringify({ count: minutes })}`;

/**
 * Takes one submission slot of `form` for this IP (and address): null when taken, else the
 * translated refusal (nothing recorded). Call it only when the submission is otherwise valid.
 */
export async function takeFormSlot(form: string, req: FormSlotRequest): Promise<string | null> {
  const now = req.now ?? new Date();
  return transaction(async (trx) => {
    const minutes = await blockedMinutes(trx, form, req, now);
    if (minutes !== null) return formLimitError(minutes);
    const address = req.address?.trim().toLowerCase() || null;
    const rows = [{ form, ip: req.ip, address, created_at: now.toISOString() }];
    if (req.upload) rows.push({ form: UPLOAD_FORM, ip: req.ip, address: null, created_at: now.toISOString() });
    await trx.insertInto("form_submission").values(rows).execute();
    return null;
  });
}

/** Checks the IP limits before a costly step (reading the form's fields, decoding photos); records nothing. */
export async function formSlotFree(form: string, req: FormSlotRequest): Promise<string | null> {
  const now = req.now ?? new Date();
  return transaction(async (trx) => {
    const minutes = await blockedMinutes(trx, form, { ip: req.ip, upload: req.upload }, now);
    return minutes === null ? null : formLimitError(minutes);
  });
}

/** Daily housekeeping: rows older than a day (longer than any window) go. */
export async function deleteOldFormSubmissions(trx: Kysely<DB>, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - 86_400_000).toISOString();
  return Number((await trx.deleteFrom("form_submission").where("created_at", "<", cutoff).executeTakeFirst()).numDeletedRows);
}
