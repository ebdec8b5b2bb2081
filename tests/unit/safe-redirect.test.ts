import { describe, expect, it } from "vitest";
import { safeRedirectTarget } from "../../app/utils/flash.server";

describe("safeRedirectTarget", () => {
  it.each(["/me", "/office/organisations/3?tab=members", "/office#inbox"])("keeps the local path %s", (to) => {
    expect(safeRedirectTarget(to)).toBe(to);
  });

  it.each([
    "//evil.com",
    "/\\evil.com",
    "https://evil.com",
    "http://localhost:3000.evil.com/",
    "javascript:alert(1)",
    "evil.com",
    "",
    // Browsers drop tabs and newlines from URLs: these become //evil.com.
    "/\t/evil.com",
    "/\n/evil.com",
    "/\r\n/evil.com",
    "\t//evil.com",
    "/\\/evil.com",
  ])("refuses %j", (to) => {
    expect(safeRedirectTarget(to, "/fallback")).toBe("/fallback");
  });

  it("refuses non-strings (a File from a form)", () => {
    expect(safeRedirectTarget(new File(["x"], "x.txt"))).toBe("/");
    expect(safeRedirectTarget(null)).toBe("/");
    expect(safeRedirectTarget(undefined, "/me")).toBe("/me");
  });
});
