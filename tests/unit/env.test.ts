import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../app/utils/env.server";

describe("parseEnv", () => {
  it("applies the documented defaults", () => {
    const e = parseEnv({});
    expect(e.PORT).toBe(3000);
    expect(e.NODE_ENV).toBe("development");
    expect(e.DATABASE_PATH).toBe("./data/ehrenamt.sqlite");
    expect(e.BASE_URL).toBe("http://localhost:3000");
    expect(e.SMTP_URL).toBeUndefined();
    expect(e.COOKIE_SECURE).toBe(false);
    expect(e.OUTBOX_MAX_ATTEMPTS).toBe(8);
    expect(e.LOGIN_MAX_FAILURES_PER_ACCOUNT).toBe(5);
    expect(e.LOGIN_MAX_FAILURES_PER_IP).toBe(30);
    expect(e.LOGIN_WINDOW_MINUTES).toBe(15);
    expect(e.BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });

  it("derives BASE_URL from PORT and strips a trailing slash", () => {
    expect(parseEnv({ PORT: "8080" }).BASE_URL).toBe("http://localhost:8080");
    expect(parseEnv({ BASE_URL: "https://hub.example.org/" }).BASE_URL).toBe("https://hub.example.org");
  });

  it("turns the secure cookie on in production unless told otherwise", () => {
    expect(parseEnv({ NODE_ENV: "production" }).COOKIE_SECURE).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", COOKIE_SECURE: "false" }).COOKIE_SECURE).toBe(false);
    expect(parseEnv({ COOKIE_SECURE: "yes" }).COOKIE_SECURE).toBe(true);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", SMTP_URL: "" }).PORT).toBe(3000);
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["PORT", "3.5"],
  ])("rejects %s=%s with a message naming the variable and value", (name, value) => {
    let error: unknown;
    try {
      parseEnv({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as Error).message).toContain("Invalid configuration");
    expect((error as Error).message).toContain(`${name}=${JSON.stringify(value)}`);
  });

  it("rejects an SMTP_URL that is not smtp:// or smtps://", () => {
    expect(() => parseEnv({ SMTP_URL: "http://mail.example.org" })).toThrow(EnvError);
    expect(() => parseEnv({ SMTP_URL: "http://mail.example.org" })).toThrow(/SMTP_URL="http:\/\/mail.example.org": must start with smtp:\/\/ or smtps:\/\//);
    expect(parseEnv({ SMTP_URL: "smtps://u:p@mail.example.org:465" }).SMTP_URL).toBe("smtps://u:p@mail.example.org:465");
  });

  it("lists every wrong variable at once", () => {
    expect(() => parseEnv({ PORT: "x", LOG_LEVEL: "loud", COOKIE_SECURE: "maybe" })).toThrow(/PORT=[\s\S]*COOKIE_SECURE=[\s\S]*LOG_LEVEL=|PORT=[\s\S]*LOG_LEVEL=[\s\S]*COOKIE_SECURE=/);
  });
});
