/**
 * The failure summary printed again at the end of `npm run test:integration`: CI shows only the
 * tail of the output, so what failed in the first pass must be repeated after the second.
 */
import { describe, expect, it } from "vitest";
import { failureSummary } from "../../scripts/test-summary";

const red = (s: string) => `\u001b[31m${s}\u001b[39m`;

// The shape vitest 4 prints (colours included): the file list, the failure blocks, the counts.
const failedRun = [
  " ✓  integration  tests/integration/healthz.test.ts (2 tests) 116ms",
  ` ${red("❯")}  integration  tests/integration/rooms/time.test.ts (6 tests | 1 failed) 439ms`,
  "",
  `${red("⎯⎯⎯⎯⎯⎯⎯")}\u001b[1m\u001b[41m Failed Tests 1 \u001b[49m\u001b[22m${red("⎯⎯⎯⎯⎯⎯⎯")}`,
  "",
  " FAIL   integration  tests/integration/rooms/time.test.ts > keeps the Berlin day across the DST change",
  `${red("AssertionError: expected 2 to be 3")}`,
  "",
  `${red("⎯⎯⎯⎯⎯⎯")} Unhandled Errors ${red("⎯⎯⎯⎯⎯⎯")}`,
  "Error: late boom",
  "",
  " Test Files  1 failed | 129 passed (130)",
  "      Tests  1 failed | 2589 passed (2590)",
  "   Start at  01:47:02",
  "   Duration  468.31s (transform 50.35s)",
  "",
].join("\n");

describe("failureSummary", () => {
  it("gives the failure blocks and the counts, without colours, the passing files or the timing", () => {
    const s = failureSummary(failedRun);
    expect(s.startsWith("⎯⎯⎯⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯⎯⎯⎯")).toBe(true);
    expect(s).toContain("tests/integration/rooms/time.test.ts > keeps the Berlin day across the DST change");
    expect(s).toContain("AssertionError: expected 2 to be 3");
    expect(s).toContain("Unhandled Errors");
    expect(s).toContain("Error: late boom");
    expect(s).toContain("Tests  1 failed | 2589 passed (2590)");
    expect(s).not.toContain("healthz.test.ts");
    expect(s).not.toContain("Duration");
    expect(s).not.toContain("\u001b[");
  });

  it("starts at an unhandled error when no test failed", () => {
    const s = failureSummary(failedRun.replace(/⎯+\u001b\[39m\u001b\[1m\u001b\[41m Failed Tests 1 [^\n]*\n/, ""));
    expect(s.startsWith("⎯⎯⎯⎯⎯⎯ Unhandled Errors")).toBe(true);
  });

  it("gives the last 40 lines when vitest printed no failure block (it crashed)", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`);
    const s = failureSummary([...lines, "Error: worker exited unexpectedly"].join("\n"));
    const kept = s.split("\n");
    expect(kept).toHaveLength(40);
    expect(kept[0]).toBe("line 62");
    expect(kept.at(-1)).toBe("Error: worker exited unexpectedly");
  });

  it("cuts a very long summary and says so", () => {
    const long = `⎯⎯ Failed Tests 900 ⎯⎯\n${"AssertionError: x\n".repeat(5_000)}   Duration  1s`;
    const s = failureSummary(long);
    expect(s.length).toBeLessThan(12_100);
    expect(s.endsWith("… (cut; the whole output is above)")).toBe(true);
  });
});
