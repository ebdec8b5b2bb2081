/**
 * HTTP stays in routes (docs/architecture.md): modules take plain values and an actor, return data
 * or throw `AppError`; they never see a `Request`, build a `Response` or use Remix's HTTP helpers.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const modulesDir = path.resolve(import.meta.dirname, "../../app/modules");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [file] : [];
  });
}

const HTTP = [
  { what: "a Request parameter", re: /:\s*Request\b/ },
  { what: "a Response built", re: /\bnew Response\(/ },
  { what: "Remix's HTTP helpers", re: /from "@remix-run\/(node|server-runtime)"/ },
  { what: "the session's request helpers", re: /\b(requireActor|getActor)\(/ },
];

describe("modules know no HTTP", () => {
  it("no module takes a Request, builds a Response or reads the actor from a request", () => {
    const offenders = sourceFiles(modulesDir).flatMap((file) => {
      const src = fs.readFileSync(file, "utf8");
      return HTTP.filter((h) => h.re.test(src)).map((h) => `${path.relative(modulesDir, file)}: ${h.what}`);
    });
    expect(offenders).toEqual([]);
  });
});
