import { z } from "zod";
import { normalizeSentValue, normalizeTypedValue } from "./digits";
import { notFound } from "./errors";

/** A numeric route id; anything else is a 404, never a 500. */
export function parseId(value: string | undefined): number {
  const r = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).safeParse(value);
  if (!r.success || !/^\d+$/.test(value ?? "")) throw notFound();
  return r.data;
}

export function pageParam(url: URL): number {
  const n = Number(url.searchParams.get("page") ?? "1");
  return Number.isInteger(n) && n > 0 && n < 100000 ? n : 1;
}

/** A filter or search value of a GET form; digits typed on a Persian or Arabic keyboard read as Western digits (`normalizeTypedValue`). */
export function searchParam(url: URL, name = "q", max = 100): string | undefined {
  const raw = url.searchParams.get(name)?.trim();
  const v = raw ? normalizeTypedValue(raw) : raw;
  return v ? v.slice(0, max) : undefined;
}

/** The asked page within the pages there are (1 when there are none). */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(Math.max(1, page), Math.max(1, Math.ceil(total / pageSize)));
}

/**
 * A date, month or time of a GET filter (`from`, `to`, `day`, `month`): typed on a Persian or
 * Arabic keyboard on a right-to-left page (a text field there, ADR 0043 (8)), read with Western
 * digits, a day written year first with `/` or `.` or day first with a four-digit year (the German
 * order), and a month written month first („12.2026“), as ISO (`normalizeSentValue`). Empty when missing; the
 * caller checks the value.
 */
export function dateParam(url: URL, name: string): string {
  return normalizeSentValue((url.searchParams.get(name) ?? "").trim().slice(0, 40));
}
