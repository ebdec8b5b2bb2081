import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../app/utils/env.server";

describe("volunteer settings in the environment", () => {
  it("defaults to 10 years of cover retention and a 14-day intake reminder", () => {
    const e = parseEnv({});
    expect(e.VOLUNTEER_COVER_RETENTION_YEARS).toBe(10);
    expect(e.VOLUNTEER_INTAKE_REMINDER_DAYS).toBe(14);
  });
  it("accepts a configured period and refuses nonsense at start", () => {
    expect(parseEnv({ VOLUNTEER_COVER_RETENTION_YEARS: "30" }).VOLUNTEER_COVER_RETENTION_YEARS).toBe(30);
    for (const bad of ["0", "31", "drei", "2.5"]) expect(() => parseEnv({ VOLUNTEER_COVER_RETENTION_YEARS: bad })).toThrow(EnvError);
    expect(() => parseEnv({ VOLUNTEER_INTAKE_REMINDER_DAYS: "-1" })).toThrow(EnvError);
  });
});
