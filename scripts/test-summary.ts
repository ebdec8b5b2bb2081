/**
 * The failure summary that `npm run test:integration` prints again at the end of its output
 * (scripts/test-integration.ts): CI shows only the tail, where a failing first pass was otherwise
 * buried under the second.
 */
const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*m`, "g");
const MAX_SUMMARY_CHARS = 12_000;

/**
 * What vitest said about the failures of a pass: from its first failure block ("Failed Tests",
 * "Failed Suites", "Unhandled Errors") to its closing counts; or, when it printed none (it crashed),
 * the last lines it printed.
 */
export function failureSummary(output: string): string {
  const text = output.replace(ANSI, "");
  const start = text.search(/⎯+ (Failed (Tests|Suites)|Unhandled (Errors|Rejection))/);
  const end = text.search(/\n\s*Duration\s/);
  const part = start >= 0 ? text.slice(start, end > start ? end : undefined) : text.split("\n").slice(-40).join("\n");
  return part.length > MAX_SUMMARY_CHARS ? `${part.slice(0, MAX_SUMMARY_CHARS)}\n… (cut; the whole output is above)` : part;
}
