import os from "node:os";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../app/utils/env.server";

describe("WEB_CONCURRENCY", () => {
  it("defaults to one process per core in production and to one otherwise", () => {
    expect(parseEnv({ NODE_ENV: "production" }).WEB_CONCURRENCY).toBe(Math.max(1, os.availableParallelism()));
    expect(parseEnv({ NODE_ENV: "development" }).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ NODE_ENV: "production", WEB_CONCURRENCY: "2" }).WEB_CONCURRENCY).toBe(2);
  });
  it("refuses nonsense", () => {
    expect(() => parseEnv({ WEB_CONCURRENCY: "0" })).toThrow(/WEB_CONCURRENCY/);
    expect(() => parseEnv({ WEB_CONCURRENCY: "many" })).toThrow(/WEB_CONCURRENCY/);
  });
});
