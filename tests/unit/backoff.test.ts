import { describe, expect, it } from "vitest";
import { backoffSeconds } from "../../app/modules/mail/sender.server";

describe("backoffSeconds", () => {
  it("doubles from 30 seconds", () => {
    expect([1, 2, 3, 4, 5].map(backoffSeconds)).toEqual([30, 60, 120, 240, 480]);
  });
  it("never waits less than 30 s, never more than an hour", () => {
    expect(backoffSeconds(0)).toBe(30);
    expect(backoffSeconds(-3)).toBe(30);
    expect(backoffSeconds(8)).toBe(3600);
    expect(backoffSeconds(50)).toBe(3600);
  });
});
