/**
 * Demo data of the associations' directory (issue #15): fictitious associations (verified and one
 * pending registration) and their offers in several languages. Existing demo organisations keep
 * working: the Arbeitskreis gets a profile and `verein@example.org` becomes its admin.
 */
import type { Kysely } from "kysely";
import type { DB } from "../schema";
import { addTestAssociationProfile, createTestAssociation, createTestAssociationOffer } from "../../tests/factories/associations";
import { createTestUser } from "../../tests/factories/index";

async function ids(db: Kysely<DB>) {
  const fields = Object.fromEntries((await db.selectFrom("field_of_action").select(["id", "slug"]).execute()).map((f) => [f.slug, f.id]));
  const districts = Object.fromEntries((await db.selectFrom("district").select(["id", "name"]).execute()).map((d) => [d.name, d.id]));
  const org = async (name: string) => (await db.selectFrom("organisation").select("id").where("name", "=", name).executeTakeFirst())?.id ?? null;
  return { fields, districts, org };
}

export async function seedAssociationsDemo(db: Kysely<DB>, password: string) {
  const { fields, districts, org } = await ids(db);

  // The demo association of the existing seed: verified, with verein@ as its admin.
  const arbeitskreis = await org("Arbeitskreis Miteinander e.V.");
  if (arbeitskreis) {
    await addTestAssociationProfile(db, arbeitskreis, {
      status: "verified",
      districtId: districts["Alt-Willich"] ?? null,
      description: "Wir begleiten Neuzugewanderte im Alltag: Sprachcafé, Hilfe bei Behördengängen, gemeinsame Feste.",
      fieldIds: [fields["culture-education"], fields["housing-care-integration"], fields["volunteering"]].filter(Boolean),
      languages: ["de", "en", "ar", "fa"],
      fees: "24 € im Jahr",
      reducedFees: "Für Neuzugewanderte beitragsfrei",
      barrierFree: true,
    });
    const member = await db.selectFrom("user").select("id").where("email", "=", "verein@example.org").executeTakeFirst();
    if (member) await db.updateTable("organisation_member").set({ association_admin: 1 }).where("user_id", "=", member.id).where("organisation_id", "=", arbeitskreis).execute();
    await createTestAssociationOffer(db, arbeitskreis, {
      title: "Sprachcafé am Donnerstag",
      description: "Deutsch sprechen bei Kaffee und Kuchen, ohne Anmeldung. Kinder dürfen mitkommen.",
      fieldId: fields["culture-education"],
      districtId: districts["Alt-Willich"] ?? null,
      place: "Begegnungsstätte am Markt",
      times: "donnerstags 16–18 Uhr",
      targetGroup: "everyone",
      cost: "free",
      barrierFree: true,
      contactPath: "Einfach vorbeikommen",
      languages: ["de", "ar", "fa", "en"],
      // The offers directory (issue #15): texts in further languages, a weekly slot, helpers wanted.
      texts: [
        { locale: "en", title: "Language café on Thursdays", description: "Speak German over coffee and cake, no registration needed. Children are welcome." },
        { locale: "ar", title: "مقهى اللغة يوم الخميس", description: "تحدث الألمانية مع القهوة والكعك، دون تسجيل. الأطفال مرحب بهم." },
        { locale: "uk", title: "Мовне кафе по четвергах", description: "Розмовляйте німецькою за кавою та тортом, без реєстрації. Діти можуть прийти разом." },
        { locale: "fa", title: "کافهٔ زبان در روزهای پنجشنبه", description: "با قهوه و کیک آلمانی صحبت کنید، بدون ثبت‌نام. بچه‌ها هم می‌توانند بیایند." },
        { locale: "tr", title: "Perşembe günleri dil kafesi", description: "Kahve ve pasta eşliğinde Almanca konuşun, kayıt gerekmez. Çocuklar da gelebilir." },
        { locale: "ru", title: "Языковое кафе по четвергам", description: "Говорите по-немецки за кофе и пирогом, без записи. Дети могут прийти вместе с вами." },
      ],
      dates: [{ kind: "weekly", weekday: 4, startTime: "16:00", endTime: "18:00", validFrom: "2026-01-08" }],
      volunteersWanted: true,
    });
    await createTestAssociationOffer(db, arbeitskreis, {
      title: "Begleitung zu Behörden",
      description: "Ehrenamtliche begleiten zu Terminen bei Ämtern und Ärzten und helfen beim Ausfüllen von Formularen.",
      fieldId: fields["housing-care-integration"],
      districtId: null,
      place: null,
      times: "nach Absprache",
      targetGroup: "families",
      cost: "free",
      contactPath: "Im Sprachcafé ansprechen",
      languages: ["de", "ar"],
    });
  }

  // The sports club of the seed: verified, reduced fees for newcomers.
  const sv = await org("SV Grün-Weiß Niersufer 1921 e.V.");
  if (sv) {
    await addTestAssociationProfile(db, sv, {
      status: "verified",
      districtId: districts["Neersen"] ?? null,
      description: "Fußball, Turnen und Leichtathletik für alle Altersgruppen.",
      fieldIds: [fields["health"], fields["childcare-language"]].filter(Boolean),
      languages: ["de", "en", "uk"],
      fees: "Kinder 8 €, Erwachsene 12 € im Monat",
      reducedFees: "Im ersten Jahr beitragsfrei für Neuzugewanderte",
    });
    await createTestAssociationOffer(db, sv, {
      title: "Kinderturnen",
      description: "Bewegungsspiele für Kinder von 4 bis 8 Jahren.",
      fieldId: fields["health"],
      districtId: districts["Neersen"] ?? null,
      place: "Turnhalle Neersen",
      times: "montags 16–17 Uhr",
      targetGroup: "children",
      cost: "free",
      contactPath: "Zum Probetraining einfach vorbeikommen",
      languages: ["de", "uk"],
      texts: [{ locale: "uk", title: "Гімнастика для дітей", description: "Рухливі ігри для дітей від 4 до 8 років." }],
      dates: [{ kind: "weekly", weekday: 1, startTime: "16:00", endTime: "17:00", validFrom: "2026-01-05" }],
    });
    await createTestAssociationOffer(db, sv, {
      title: "Frauenfußball für Einsteigerinnen",
      description: "Training ohne Vorkenntnisse, Umkleiden nur für Frauen.",
      fieldId: fields["women-equality"],
      districtId: districts["Neersen"] ?? null,
      place: "Sportplatz am Niersufer",
      times: "mittwochs 19–20:30 Uhr",
      targetGroup: "women",
      cost: "reduced",
      feeNote: "Die ersten drei Monate kostenlos",
      contactPath: "Anmeldung über die Website des Vereins",
      languages: ["de", "en"],
    });
  }

  // New, self-registered associations: one verified with offers in Arabic and Ukrainian, a church
  // group, and one registration still waiting for the office (it shows in the office inbox).
  const kultur = await createTestAssociation(db, {
    name: "Kulturverein Brückenschlag e.V.",
    status: "verified",
    town: "Willich-Schiefbahn",
    districtId: districts["Schiefbahn"] ?? null,
    description: "Musik, Theater und Erzählcafés in vielen Sprachen.",
    fieldIds: [fields["culture-education"]].filter(Boolean),
    languages: ["de", "ar", "uk", "ru", "tr"],
    barrierFree: true,
  });
  await createTestAssociationOffer(db, kultur.id, {
    title: "Erzählcafé: Geschichten aus zwei Heimaten",
    description: "Wir erzählen und hören zu, auf Deutsch, Arabisch und Ukrainisch. Übersetzung durch Ehrenamtliche.",
    fieldId: fields["culture-education"],
    districtId: districts["Schiefbahn"] ?? null,
    place: "Bürgerhaus Schiefbahn",
    times: "jeden ersten Samstag im Monat, 15 Uhr",
    targetGroup: "everyone",
    cost: "free",
    barrierFree: true,
    contactPath: "Ohne Anmeldung",
    languages: ["de", "ar", "uk"],
    texts: [{ locale: "ar", title: "مقهى الحكايات: قصص من وطنين", description: "نحكي ونستمع بالألمانية والعربية والأوكرانية. ترجمة من متطوعين." }],
    dates: [
      { kind: "single", startsAt: "2027-01-02T14:00:00.000Z", endsAt: "2027-01-02T16:00:00.000Z" },
      { kind: "single", startsAt: "2027-02-06T14:00:00.000Z", endsAt: "2027-02-06T16:00:00.000Z" },
    ],
  });
  await createTestAssociationOffer(db, kultur.id, {
    title: "Chor „Viele Stimmen“",
    description: "Wir singen Lieder aus aller Welt. Noten lesen ist nicht nötig.",
    fieldId: fields["culture-education"],
    districtId: districts["Schiefbahn"] ?? null,
    place: "Musikschule Schiefbahn",
    times: "dienstags 19–20:30 Uhr",
    targetGroup: "everyone",
    cost: "fee",
    feeNote: "5 € im Monat, ermäßigt auf Nachfrage",
    contactPath: "Zur Probe einfach vorbeikommen",
    languages: ["de", "uk"],
  });
  const gemeinde = await createTestAssociation(db, {
    name: "Ev. Kirchengemeinde Beispielfeld – Begegnungskreis",
    kind: "church",
    status: "verified",
    town: "Willich-Anrath",
    districtId: districts["Anrath"] ?? null,
    description: "Offener Treff für Familien, Kleiderstube und Hausaufgabenhilfe.",
    fieldIds: [fields["childcare-language"], fields["livelihood-work"]].filter(Boolean),
    languages: ["de", "en", "fa"],
    fees: null,
    reducedFees: null,
  });
  await createTestAssociationOffer(db, gemeinde.id, {
    title: "Hausaufgabenhilfe",
    description: "Schülerinnen und Schüler bekommen Hilfe bei den Hausaufgaben; Eltern können dabei Deutsch üben.",
    fieldId: fields["childcare-language"],
    districtId: districts["Anrath"] ?? null,
    place: "Gemeindehaus Anrath",
    times: "montags und mittwochs 15–17 Uhr, nicht in den Ferien",
    targetGroup: "youth",
    cost: "free",
    contactPath: "Einfach vorbeikommen",
    languages: ["de", "fa"],
  });
  // A pending registration by its (fictitious) admin, who can log in and see the state at /verein.
  const applicant = await createTestUser(db, { email: "neuverein@example.org", name: "Nora Neumann", password, roles: [] });
  await createTestAssociation(db, {
    name: "Nachbarschaftsgarten Niersweg",
    kind: "initiative",
    status: "pending",
    town: "Willich-Neersen",
    districtId: districts["Neersen"] ?? null,
    description: "Gemeinsam gärtnern am Niersweg: Beete, Kräuter und ein Sommerfest.",
    fieldIds: [fields["housing-care-integration"]].filter(Boolean),
    languages: ["de", "ar"],
    fees: null,
    reducedFees: null,
    adminIds: [applicant.id],
  });
}
