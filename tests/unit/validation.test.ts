import { describe, expect, it } from "vitest";
import { z } from "zod";
import { email, newPassword, optionalDay, optionalUrl, personName, phone, plainText } from "../../app/utils/validation";

const messages = (schema: z.ZodTypeAny, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("validation building blocks", () => {
  it("plainText trims, limits length and refuses markup and control characters", () => {
    const s = plainText(10);
    expect(s.parse("  Hallo  ")).toBe("Hallo");
    expect(messages(s, "   ")).toContain("errors.required");
    expect(messages(s, "x".repeat(11))).toContain('errors.tooLong|{"max":10}');
    expect(messages(s, "<b>x</b>")).toContain("errors.forbiddenCharacters");
    expect(messages(s, "a\u0000b")).toContain("errors.forbiddenCharacters");
    // Bidirectional controls: "abc\u202Egnp.exe" would show as "abcexe.png".
    for (const c of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(messages(s, `a${c}b`), `U+${c.charCodeAt(0).toString(16)}`).toContain("errors.forbiddenCharacters");
    }
    expect(plainText(40).parse("محمد, 12 Jahre")).toBe("محمد, 12 Jahre");
    expect(messages(s, 42)).toEqual(["errors.invalid"]);
    expect(messages(s, undefined)).toEqual(["errors.required"]);
  });

  it("personName accepts names in any script and refuses code", () => {
    const s = personName();
    for (const ok of ["Erika Mustermann", "Jean-Luc O'Neill", "Олена Коваленко", "محمد أحمد", "Dr. Ö. Şahin"]) expect(s.parse(ok)).toBe(ok);
    expect(messages(s, "x'); DROP TABLE user;--")).toContain("errors.invalidName");
    expect(messages(s, "123")).toContain("errors.invalidName");
    expect(messages(s, "<script>alert(1)</script>")).toContain("errors.forbiddenCharacters");
  });

  it("email lower-cases and rejects malformed addresses", () => {
    const s = email();
    expect(s.parse(" Lea@Example.ORG ")).toBe("lea@example.org");
    expect(messages(s, "not-an-address")).toContain("errors.invalidEmail");
    expect(messages(s, "x'); DROP TABLE user;--@example.org")).toContain("errors.invalidEmail");
    expect(messages(s, `${"a".repeat(250)}@example.org`)).toContain('errors.tooLong|{"max":254}');
  });

  it("newPassword enforces a minimum and a maximum", () => {
    expect(messages(newPassword(), "short")).toEqual(['errors.passwordTooShort|{"min":8}']);
    expect(messages(newPassword(), "x".repeat(201))).toEqual(['errors.tooLong|{"max":200}']);
    expect(messages(newPassword(), "lang genug")).toEqual([]);
  });

  it("optionalUrl accepts http(s) only", () => {
    const s = optionalUrl();
    expect(s.parse("")).toBeUndefined();
    expect(s.parse("https://verein.example.org")).toBe("https://verein.example.org");
    expect(messages(s, "javascript:alert(1)")).toContain("errors.invalidUrl");
    expect(messages(s, "ftp://example.org")).toContain("errors.invalidUrl");
    expect(messages(s, "no url")).toContain("errors.invalidUrl");
  });

  it("optionalDay accepts real calendar days only", () => {
    const s = optionalDay();
    expect(s.parse("2026-12-31")).toBe("2026-12-31");
    expect(s.parse("")).toBeUndefined();
    for (const bad of ["2026-02-30", "2026-13-01", "31.12.2026", "2026-12-31T00:00"]) expect(messages(s, bad)).toContain("errors.invalidDate");
  });

  it("phone accepts digits and separators only", () => {
    expect(phone().parse("+49 2154 123-45")).toBe("+49 2154 123-45");
    expect(messages(phone(), "call me")).toContain("errors.invalidPhone");
  });
});

describe("bidi controls outside the shared helpers", () => {
  it("skills refuse them and room part names drop them", async () => {
    const { parsePartNames } = await import("../../app/modules/rooms/schema");
    expect(parsePartNames("Saal\u202E, Küche\u2066")).toEqual(["Saal", "Küche"]);
  });
});
