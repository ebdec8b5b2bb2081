/**
 * The actor is memoised per request in the load context (app/auth/session.server.ts; see
 * tests/integration/http-actor-memo.test.ts). A call without the context silently falls back to the
 * request copy as the key, so every loader of one page would look the session up again: every call in
 * app/ passes the context.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const appDir = path.resolve(import.meta.dirname, "../../app");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [file] : [];
  });
}

/** Calls of requireActor/getActor with a single argument (the request alone): their line numbers. */
function callsWithoutContext(src: string): number[] {
  const lines: number[] = [];
  for (const m of src.matchAll(/\b(?:requireActor|getActor)\(\s*([^,()]*?)\s*\)/g)) {
    lines.push(src.slice(0, m.index).split("\n").length);
  }
  return lines;
}

describe("the per-request actor memo", () => {
  it("the check itself sees a call without the context, and accepts one with it", () => {
    expect(callsWithoutContext("const a = await requireActor(request);")).toEqual([1]);
    expect(callsWithoutContext("x\nconst a = await getActor(\n  args.request\n);")).toEqual([2]);
    expect(callsWithoutContext("const a = await requireActor(request, context);")).toEqual([]);
    expect(callsWithoutContext("export function getActor(request: Request, context?: object) {}")).toEqual([]);
  });

  it("every requireActor/getActor call in app/ passes the load context", () => {
    const offenders = sourceFiles(appDir).flatMap((file) =>
      callsWithoutContext(fs.readFileSync(file, "utf8")).map((line) => `${path.relative(appDir, file)}:${line}`),
    );
    expect(offenders).toEqual([]);
  });
});
