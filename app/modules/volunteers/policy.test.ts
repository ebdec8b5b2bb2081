import { describe, expect, it } from "vitest";
import { allowedTransitions, birthYearRange, canTransition, nextRegistrationStep, normaliseSkills, notifiesVolunteer, parseAvailability, VOLUNTEER_STATUSES } from "./policy";

describe("status transitions", () => {
  it("follows registered → intake scheduled → active ⇄ paused → left", () => {
    expect(canTransition("registered", "intake_scheduled")).toBe(true);
    expect(canTransition("intake_scheduled", "active")).toBe(true);
    expect(canTransition("active", "paused")).toBe(true);
    expect(canTransition("paused", "active")).toBe(true);
    expect(canTransition("paused", "left")).toBe(true);
    expect(canTransition("left", "registered")).toBe(true);
  });
  it("refuses skipping the intake, staying put and leaving 'left' sideways", () => {
    expect(canTransition("registered", "active")).toBe(false);
    expect(canTransition("registered", "paused")).toBe(false);
    expect(canTransition("active", "active")).toBe(false);
    expect(canTransition("left", "active")).toBe(false);
    expect(canTransition("active", "intake_scheduled")).toBe(false);
  });
  it("every status can reach 'left' or come back from it; no status is unknown", () => {
    for (const s of VOLUNTEER_STATUSES) expect(s === "left" ? allowedTransitions(s) : allowedTransitions(s).includes("left")).toBeTruthy();
    expect(allowedTransitions("nonsense" as never)).toEqual([]);
  });
  it("tells the volunteer about the changes that matter", () => {
    expect(notifiesVolunteer("active")).toBe(true);
    expect(notifiesVolunteer("left")).toBe(true);
    expect(notifiesVolunteer("registered")).toBe(false);
  });
});

describe("availability parsing", () => {
  it("parses, deduplicates and sorts cells", () => {
    expect(parseAvailability(["3-evening", "1-morning", "1-morning", "1-evening"])).toEqual([
      { weekday: 1, slot: "morning" },
      { weekday: 1, slot: "evening" },
      { weekday: 3, slot: "evening" },
    ]);
    expect(parseAvailability([])).toEqual([]);
  });
  it("rejects anything that is not a weekday × slot cell", () => {
    for (const bad of ["0-morning", "8-morning", "1-night", "1-Morning", " 1-morning", "1-morning;drop", "", "11-morning"]) {
      expect(parseAvailability([bad])).toBeNull();
    }
  });
});

describe("skills", () => {
  it("normalises free tags: trim, single spaces, unique ignoring case, NFC; keeps the casing as typed", () => {
    expect(normaliseSkills(" Kochen,  Fahrrad   reparieren ;kochen,\nMATHE ,, ")).toEqual(["Kochen", "Fahrrad reparieren", "MATHE"]);
    expect(normaliseSkills("Nachhilfe Mathe")).toEqual(["Nachhilfe Mathe"]);
    expect(normaliseSkills("Cafe\u0301, Café, CAFÉ")).toEqual(["Café"]);
    expect(normaliseSkills("")).toEqual([]);
  });
});

describe("registration steps and birth years", () => {
  it("derives the next step from the stored state", () => {
    expect(nextRegistrationStep({ loggedIn: false, hasProfile: false, hasConsents: false })).toBe("konto");
    expect(nextRegistrationStep({ loggedIn: true, hasProfile: false, hasConsents: true })).toBe("profil");
    expect(nextRegistrationStep({ loggedIn: true, hasProfile: true, hasConsents: false })).toBe("einwilligung");
    expect(nextRegistrationStep({ loggedIn: true, hasProfile: true, hasConsents: true })).toBeNull();
  });
  it("accepts birth years from 110 to 14 years back", () => {
    expect(birthYearRange(2026)).toEqual({ min: 1916, max: 2012 });
  });
});
