import { describe, expect, it } from "vitest";
import { isoWeekday, isValidWindow, slotsOf } from "./handover-policy";

describe("handover windows", () => {
  it("validates windows", () => {
    expect(isValidWindow("10:00", "12:00")).toBe(true);
    expect(isValidWindow("12:00", "10:00")).toBe(false);
    expect(isValidWindow("10:00", "10:00")).toBe(false);
    expect(isValidWindow("08:00", "17:00")).toBe(false);
    expect(isValidWindow("24:00", "25:00")).toBe(false);
    expect(isValidWindow("9:00", "10:00")).toBe(false);
  });
  it("maps windows to availability slots", () => {
    expect(slotsOf("09:00", "11:00")).toEqual(["morning"]);
    expect(slotsOf("11:30", "12:30")).toEqual(["morning", "afternoon"]);
    expect(slotsOf("12:00", "17:00")).toEqual(["afternoon"]);
    expect(slotsOf("18:00", "20:00")).toEqual(["evening"]);
    expect(slotsOf("22:00", "23:00")).toEqual([]);
  });
  it("knows ISO weekdays", () => {
    expect(isoWeekday("2026-11-23")).toBe(1);
    expect(isoWeekday("2026-11-22")).toBe(7);
  });
});
