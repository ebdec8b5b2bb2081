import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_DOCS, EnvSchema } from "../../app/utils/env.server";

const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

describe("README", () => {
  it("documents every environment variable the server reads, and no others", () => {
    const documented = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(Object.keys(EnvSchema.shape)));
    expect(Object.keys(ENV_DOCS).sort()).toEqual(Object.keys(EnvSchema.shape).sort());
  });

  it("shows the two quick-start commands", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toMatch(/^npm test$/m);
  });
});
