import { sql, type RawBuilder } from "kysely";

/** `%text%` with `%`, `_` and `\` taken literally (pair with `escape '\'`). */
export function likePattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/**
 * `column LIKE '%text%' ESCAPE '\'`: a substring search in which the user's `%`, `_` and `\`
 * are plain characters. (Without ESCAPE, SQLite would treat the backslashes as text.)
 */
export function contains(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${likePattern(text)} escape '\\'`;
}
