import { describe, expect, it } from "vitest";
import { CONTACT_DATA, DirectoryFilterSchema, OfferSchema } from "../../app/modules/associations/schema";

describe("associations: public texts carry no contact data", () => {
  it("finds e-mail addresses and phone numbers, not times, prices or dates", () => {
    for (const text of ["Mail an trainer@privat.example.org", "Anruf: 02154 123456", "+49 170 1234567", "Tel. 0176/12345678"]) expect(CONTACT_DATA.test(text), text).toBe(true);
    for (const text of ["dienstags 17–19 Uhr", "60 € im Jahr", "ab 01.02.2027", "Sporthalle, Hauptstraße 10", "Kinder von 4 bis 8 Jahren", "jeden ersten Samstag, 15 Uhr"]) expect(CONTACT_DATA.test(text), text).toBe(false);
  });

  it("the offer form refuses them with the module's message", () => {
    const r = OfferSchema.safeParse({ organisationId: "1", title: "T", description: "Ruf an: 02154 123456", fieldId: "1", languages: "de", times: "montags", targetGroup: "everyone", cost: "free", contactPath: "vorbeikommen" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain("associations:errors.noContactData");
  });
});

describe("associations: directory filters", () => {
  it("keeps good values and drops bad ones without an error", () => {
    expect(DirectoryFilterSchema.parse({ field: "3", district: "2", language: "ar", free: "1" })).toEqual({ field: 3, district: 2, language: "ar", free: true });
    expect(DirectoryFilterSchema.parse({ field: "abc", district: "-1", language: "<script>", free: "yes" })).toEqual({ field: undefined, district: undefined, language: undefined, free: false });
    expect(DirectoryFilterSchema.parse({})).toEqual({ field: undefined, district: undefined, language: undefined, free: false });
  });
});
