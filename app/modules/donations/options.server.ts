import { getDb } from "~/utils/db.server";

/** Districts and the most asked-for languages, for the household form. */
export async function householdFormOptions() {
  const db = getDb();
  const [districts, languages] = await Promise.all([
    db.selectFrom("district").select(["id", "name"]).where("active", "=", 1).orderBy("sort_order").execute(),
    db.selectFrom("language").select(["code", "name_native", "name_de"]).orderBy("sort_order").limit(16).execute(),
  ]);
  return { districts, languages };
}

/** Form values of a stored household (for the edit form). */
export function householdDefaults(h: {
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  street: string | null;
  district_id: number | null;
  adults: number;
  notes: string | null;
  languages: string[];
  childrenYears: number[];
}): Record<string, string | string[]> {
  return {
    contactName: h.contact_name ?? "",
    contactPhone: h.contact_phone ?? "",
    contactEmail: h.contact_email ?? "",
    street: h.street ?? "",
    districtId: h.district_id ? String(h.district_id) : "",
    adults: String(h.adults),
    childrenYears: h.childrenYears.join(", "),
    languages: h.languages,
    notes: h.notes ?? "",
  };
}
