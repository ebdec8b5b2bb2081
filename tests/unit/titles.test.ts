import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TITLE_KEYS } from "../../app/i18n/titles";

const routes = path.resolve(import.meta.dirname, "../../app/routes");
const de = (ns: string) => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../app/i18n/locales/de/${ns}.json`), "utf8"));

describe("page titles", () => {
  const used = new Set<string>();
  for (const f of fs.readdirSync(routes)) {
    const file = path.join(routes, f);
    const src = fs.statSync(file).isDirectory() ? fs.readdirSync(file).map((g) => fs.readFileSync(path.join(file, g), "utf8")).join("\n") : fs.readFileSync(file, "utf8");
    for (const m of src.matchAll(/titleFrom\(matches, "([^"]+)"\)/g)) used.add(m[1]);
  }

  it("every title a route asks for is sent by the root loader", () => {
    expect([...used].filter((k) => !(TITLE_KEYS as readonly string[]).includes(k))).toEqual([]);
  });

  it("every title key exists in German", () => {
    const missing = TITLE_KEYS.filter((key) => {
      const [ns, p] = key.includes(":") ? key.split(":") : ["common", key];
      return typeof p.split(".").reduce<unknown>((n, part) => (n as Record<string, unknown>)?.[part], de(ns)) !== "string";
    });
    expect(missing).toEqual([]);
  });
});
