import type { z } from "zod";
import { addError, type CellErrors } from "./kind.server";
import { safely } from "./volunteer-rows.server";

/** A row's cells by field: only non-blank cells are values (a blank cell is no value, never an empty one). */
export function rowReader(cells: readonly string[], mapping: readonly (string | null)[]) {
  const colOf = new Map<string, number>();
  mapping.forEach((f, i) => f && colOf.set(f, i));
  return {
    col: (f: string) => colOf.get(f) ?? -1,
    cell: (f: string) => {
      const i = colOf.get(f);
      if (i === undefined) return undefined;
      const v = (cells[i] ?? "").trim();
      return v === "" ? undefined : v;
    },
  };
}

/**
 * Checks the given values with a form schema's own field rules, field by field (so a good cell
 * keeps its value and no other message lands on it); a bad value gets the rule's message at its
 * column. Returns the parsed values of the good fields.
 */
export function checkFields(shape: Record<string, z.ZodTypeAny>, input: Record<string, { value: unknown; col: number }>, errors: CellErrors): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, { value, col }] of Object.entries(input)) {
    const one = safely(shape[key], value);
    if (one.success) out[key] = one.data;
    else for (const message of new Set(one.error.issues.map((i) => i.message))) addError(errors, col, message);
  }
  return out;
}

/** A choice from words the sheet may use (German, English, the form's own value), or undefined. */
export function choiceOf<T extends string>(words: Record<string, T>, value: string, fold: (s: string) => string): T | undefined {
  return words[fold(value)];
}
