/**
 * The public offers directory /angebote (issue #15, ADR 0039): full-text search that ignores case,
 * umlauts and Arabic letter forms on both engines, filters in SQL, only published offers of verified
 * associations, texts in the visitor's language with the German fallback marked, the contact form
 * (bad input, rate limit, mail through the outbox, no address shown), "I'd like to help", the iCal
 * feed across the change to and from summer time, and the page cache's scope.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as list from "../../../app/routes/angebote._index";
import * as page from "../../../app/routes/angebote.$id._index";
import * as ics from "../../../app/routes/angebote.$id.kalender[.]ics";
import * as poster from "../../../app/routes/angebote.$id.aushang";
import * as editOffer from "../../../app/routes/verein.angebote.$id";
import { cacheKeyFor } from "../../../app/utils/page-cache.server";
import { readScopeVersions } from "../../../db/cache-scopes";
import { getDb, getEngine } from "../../../app/utils/db.server";
import { berlinToInstant } from "../../../app/utils/dates";
import { createTestUser } from "../../factories";
import { createTestAssociation, createTestAssociationOffer } from "../../factories/associations";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { withEnv } from "../helpers";

let fields: number[];
let districts: number[];
let orgId: number;
let adminCookie: string;
const ids: Record<string, number> = {};
const PREFIX = "Zz";

const lang = (l: string) => ({ headers: { "Accept-Language": l } });
const titles = async (query: string, l = "de") => {
  const res = await run(list.loader, makeRequest(`/angebote?${query}`, lang(l)));
  expect(res.status).toBe(200);
  return (res.data.result.items as Array<{ title: string }>).map((i) => i.title).filter((t) => t.startsWith(PREFIX) || /[\u0600-\u06FF]/.test(t)).sort();
};

beforeAll(async () => {
  const db = getDb();
  fields = (await db.selectFrom("field_of_action").select("id").orderBy("sort_order").execute()).map((f) => f.id);
  districts = (await db.selectFrom("district").select("id").orderBy("sort_order").execute()).map((d) => d.id);
  const admin = await createTestUser(db, { roles: [], name: "Vera Vorstand" });
  adminCookie = await sessionCookie(admin.id);
  orgId = (await createTestAssociation(db, { name: "Zz Hilfe e.V.", adminIds: [admin.id] })).id;
  await db.updateTable("organisation").set({ email: "kontakt-zz@verein.example.org" }).where("id", "=", orgId).execute();
  ids.translation = (
    await createTestAssociationOffer(db, orgId, {
      title: `${PREFIX} Übersetzung von Briefen`,
      description: "Wir helfen beim Lesen von Behördenpost.",
      fieldId: fields[0],
      districtId: districts[0],
      targetGroup: "everyone",
      cost: "free",
      languages: ["de", "ar"],
      texts: [{ locale: "en", title: `${PREFIX} Translating letters`, description: "We help you read official letters." }],
      dates: [{ kind: "weekly", weekday: 1, startTime: "18:00", endTime: "20:00", validFrom: "2027-03-22" }],
    })
  ).id;
  ids.arabic = (
    await createTestAssociationOffer(db, orgId, {
      title: `${PREFIX} Frauentreff`,
      description: "Gespräche und Tee.",
      fieldId: fields[1],
      districtId: districts[1],
      targetGroup: "women",
      cost: "fee",
      languages: ["ar"],
      texts: [{ locale: "ar", title: "لقاء النساء", description: "إرشاد وشاي ومحادثة" }],
      dates: [{ kind: "single", startsAt: "2027-10-30T08:00:00.000Z", endsAt: "2027-10-30T10:00:00.000Z" }],
      volunteersWanted: true,
    })
  ).id;
  ids.kids = (await createTestAssociationOffer(db, orgId, { title: `${PREFIX} Hausaufgabenhilfe`, fieldId: fields[1], districtId: districts[0], targetGroup: "children", cost: "free", languages: ["uk"] })).id;
  ids.draft = (await createTestAssociationOffer(db, orgId, { title: `${PREFIX} Entwurf`, published: false })).id;
  const pending = await createTestAssociation(db, { name: "Zz Ungeprüft", status: "pending" });
  ids.pending = (await createTestAssociationOffer(db, pending.id, { title: `${PREFIX} Übersetzung ungeprüft` })).id;
  const rejected = await createTestAssociation(db, { name: "Zz Abgelehnt", status: "rejected" });
  ids.rejected = (await createTestAssociationOffer(db, rejected.id, { title: `${PREFIX} Übersetzung abgelehnt` })).id;
});

describe("search and filters", () => {
  it("finds 'Übersetzung' as 'ubersetzung', 'UEBERSETZUNG'-free spellings and in any case", async () => {
    for (const q of ["Übersetzung", "ubersetzung", "ÜBERSETZUNG", "übersetz"]) expect(await titles(`q=${encodeURIComponent(q)}`), q).toEqual([`${PREFIX} Übersetzung von Briefen`]);
    // The translation is searched too.
    expect(await titles("q=translating")).toEqual([`${PREFIX} Übersetzung von Briefen`]);
    // LIKE's wildcards are plain characters.
    expect(await titles("q=%25")).toEqual([]);
  });

  it("finds an Arabic word whatever the alef's hamza (إرشاد as ارشاد)", async () => {
    for (const q of ["إرشاد", "ارشاد"]) expect(await titles(`q=${encodeURIComponent(q)}`), q).toEqual([`${PREFIX} Frauentreff`]);
    expect(await titles(`q=${encodeURIComponent("ارشاد")}`, "ar")).toEqual(["لقاء النساء"]);
  });

  it("filters by field, district, language, target group, weekday and free of charge", async () => {
    expect(await titles(`field=${fields[1]}`)).toEqual([`${PREFIX} Frauentreff`, `${PREFIX} Hausaufgabenhilfe`]);
    expect(await titles(`district=${districts[0]}`)).toEqual([`${PREFIX} Hausaufgabenhilfe`, `${PREFIX} Übersetzung von Briefen`].sort());
    expect(await titles("language=ar")).toEqual([`${PREFIX} Frauentreff`, `${PREFIX} Übersetzung von Briefen`].sort());
    expect(await titles("language=uk")).toEqual([`${PREFIX} Hausaufgabenhilfe`]);
    expect(await titles("target=women")).toEqual([`${PREFIX} Frauentreff`]);
    expect(await titles("weekday=1")).toEqual([`${PREFIX} Übersetzung von Briefen`]);
    expect(await titles("weekday=6")).toEqual([`${PREFIX} Frauentreff`]);
    expect(await titles("free=1")).toEqual([`${PREFIX} Hausaufgabenhilfe`, `${PREFIX} Übersetzung von Briefen`].sort());
    expect(await titles(`free=1&field=${fields[1]}&language=uk`)).toEqual([`${PREFIX} Hausaufgabenhilfe`]);
    // A bad value is ignored, not an error page.
    expect((await run(list.loader, makeRequest("/angebote?weekday=9&target=x&field=abc"))).status).toBe(200);
  });

  it("pages in SQL", async () => {
    const res = await run(list.loader, makeRequest("/angebote?page=999"));
    expect(res.data.result.page).toBe(Math.max(1, Math.ceil(res.data.result.total / res.data.result.pageSize)));
  });
});

describe("only published offers of verified associations", () => {
  it("never lists or shows an unverified or rejected association's offer, nor a draft", async () => {
    const text = JSON.stringify((await run(list.loader, makeRequest("/angebote?q=ubersetzung"))).data);
    expect(text).not.toContain("ungeprüft");
    expect(text).not.toContain("abgelehnt");
    for (const id of [ids.pending, ids.rejected, ids.draft, 999999]) {
      for (const route of [page, ics, poster]) expect((await run(route.loader, makeRequest(`/angebote/${id}`), { id: String(id) })).status, `${id}`).toBe(404);
    }
  });

  it("shows no personal data and not the association's address", async () => {
    const res = await run(page.loader, makeRequest(`/angebote/${ids.translation}`), { id: String(ids.translation) });
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.data);
    expect(text).not.toContain("kontakt-zz@verein.example.org");
    expect(text).not.toContain("Vera Vorstand");
  });
});

describe("languages", () => {
  it("shows the visitor's language when written, else German marked as the fallback", async () => {
    const en = await run(page.loader, makeRequest(`/angebote/${ids.translation}`, lang("en")), { id: String(ids.translation) });
    expect(en.data.offer).toMatchObject({ title: `${PREFIX} Translating letters`, fallback: false });
    const uk = await run(page.loader, makeRequest(`/angebote/${ids.translation}`, lang("uk")), { id: String(ids.translation) });
    expect(uk.data.offer).toMatchObject({ title: `${PREFIX} Übersetzung von Briefen`, fallback: true });
    const de = await run(page.loader, makeRequest(`/angebote/${ids.translation}`, lang("de")), { id: String(ids.translation) });
    expect(de.data.offer).toMatchObject({ title: `${PREFIX} Übersetzung von Briefen`, fallback: false });
    const ar = await run(list.loader, makeRequest(`/angebote?target=women`, lang("ar")));
    expect(ar.data.result.items[0]).toMatchObject({ title: "لقاء النساء", fallback: false });
  });

  it("the /verein form saves translations and dates; a title without its description is refused at the field", async () => {
    const base = {
      intent: "save",
      organisationId: String(orgId),
      title: `${PREFIX} Hausaufgabenhilfe`,
      description: "Jede Woche, alle sind willkommen.",
      fieldId: String(fields[1]),
      languages: ["uk"],
      districtId: String(districts[0]),
      place: "",
      times: "montags",
      targetGroup: "children",
      cost: "free",
      contactPath: "Einfach vorbeikommen",
      published: "on",
    };
    const bad = await run(editOffer.action, makeRequest(`/verein/angebote/${ids.kids}`, { form: { ...base, titleUk: "Допомога з домашнім завданням", weekly1Day: "3", weekly1From: "16:00", weekly1To: "15:00" }, cookie: adminCookie }), { id: String(ids.kids) });
    expect(bad.status).toBe(400);
    expect(bad.data.error.descriptionUk).toEqual(["directory:errors.translationPair"]);
    expect(bad.data.error.weekly1To).toEqual(["directory:errors.endBeforeStart"]);
    expect(bad.data.initialValue.titleUk).toBe("Допомога з домашнім завданням");
    const ok = await run(
      editOffer.action,
      makeRequest(`/verein/angebote/${ids.kids}`, {
        form: { ...base, titleUk: "Допомога з домашнім завданням", descriptionUk: "Щотижня", weekly1Day: "3", weekly1From: "16:00", weekly1To: "17:30", weekly1Since: "2027-01-06", single1Date: "2027-07-01", single1From: "10:00", single1To: "12:00" },
        cookie: adminCookie,
      }),
      { id: String(ids.kids) },
    );
    expect(ok.status).toBe(302);
    const texts = await getDb().selectFrom("association_offer_text").select(["locale", "title"]).where("offer_id", "=", ids.kids).execute();
    expect(texts).toEqual([{ locale: "uk", title: "Допомога з домашнім завданням" }]);
    const dates = await getDb().selectFrom("association_offer_date").select(["kind", "weekday", "start_time", "starts_at"]).where("offer_id", "=", ids.kids).orderBy("kind", "desc").execute();
    expect(dates).toEqual([
      { kind: "weekly", weekday: 3, start_time: "16:00", starts_at: null },
      { kind: "single", weekday: 4, start_time: null, starts_at: "2027-07-01T08:00:00.000Z" },
    ]);
    expect(await titles("weekday=3", "uk")).toEqual([]); // shown in Ukrainian now, not with the prefix
    const res = await run(list.loader, makeRequest("/angebote?weekday=3", lang("uk")));
    expect(res.data.result.items.map((i: { title: string }) => i.title)).toContain("Допомога з домашнім завданням");
    const form = await run(editOffer.loader, makeRequest(`/verein/angebote/${ids.kids}`, { cookie: adminCookie }), { id: String(ids.kids) });
    expect(form.data.defaults).toMatchObject({ titleUk: "Допомога з домашнім завданням", weekly1Day: "3", weekly1From: "16:00", single1Date: "2027-07-01", single1From: "10:00" });
  });
});

describe("the contact form", () => {
  const form = (over: Record<string, string> = {}) => ({ intent: "contact", name: "Nora Neugier", email: "nora@example.org", message: "Kann ich einfach vorbeikommen?", privacy: "on", ...over });
  const post = (f: Record<string, string>, ip: string, id = ids.translation) => run(page.action, makeRequest(`/angebote/${id}`, { form: f }), { id: String(id) }, { clientIp: ip });

  it("answers bad input at the fields with the input kept, and sends nothing", async () => {
    const before = await getDb().selectFrom("outbox").select("id").where("template", "=", "offer-contact-message").execute();
    const res = await post(form({ email: "keine-adresse", message: "", privacy: "" }), "10.1.0.1");
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.error).sort()).toEqual(["email", "message", "privacy"]);
    expect(res.data.initialValue.name).toBe("Nora Neugier");
    const after = await getDb().selectFrom("outbox").select("id").where("template", "=", "offer-contact-message").execute();
    expect(after.length).toBe(before.length);
  });

  it("relays the message to the association's role address through the outbox", async () => {
    const res = await post(form({ email: "relay@example.org", message: "Gibt es noch Plätze?" }), "10.1.0.2");
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/angebote/${ids.translation}`);
    const mail = await getDb().selectFrom("outbox").select(["to_address", "text", "locale"]).where("template", "=", "offer-contact-message").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(mail.to_address).toBe("kontakt-zz@verein.example.org");
    expect(mail.text).toContain("Gibt es noch Plätze?");
    expect(mail.text).toContain("relay@example.org");
    // An offer that is not public cannot be written to.
    expect((await post(form({ email: "x1@example.org" }), "10.1.0.3", ids.pending)).status).toBe(404);
  });

  it("is limited per address and per IP like the other anonymous forms", async () => {
    const restore = withEnv({ FORM_MAX_PER_ADDRESS: "2", FORM_MAX_PER_IP: "3" });
    try {
      for (let i = 0; i < 2; i++) expect((await post(form({ email: "viel@example.org" }), `10.2.0.${i + 1}`)).status).toBe(302);
      const before = await getDb().selectFrom("outbox").select("id").where("template", "=", "offer-contact-message").execute();
      const byAddress = await post(form({ email: "VIEL@example.org" }), "10.2.0.9");
      expect(byAddress.status).toBe(429);
      expect(byAddress.data.error[""][0]).toMatch(/^security:limits\.tooMany/);
      for (let i = 0; i < 3; i++) expect((await post(form({ email: `ip-${i}@example.org` }), "10.3.0.1")).status).toBe(302);
      expect((await post(form({ email: "ip-last@example.org" }), "10.3.0.1")).status).toBe(429);
      const after = await getDb().selectFrom("outbox").select("id").where("template", "=", "offer-contact-message").execute();
      expect(after.length).toBe(before.length + 3);
    } finally {
      restore();
    }
  });
});

describe("I'd like to help", () => {
  it("a signed-in volunteer tells the association once; it sees them in /verein; others cannot", async () => {
    const volunteer = await createTestUser(getDb(), { roles: ["volunteer"], name: "Hanna Hilfsbereit" });
    const cookie = await sessionCookie(volunteer.id);
    const shown = await run(page.loader, makeRequest(`/angebote/${ids.arabic}`, { cookie }), { id: String(ids.arabic) });
    expect(shown.data.help).toEqual({ signedIn: true, canHelp: true, helped: false });
    const res = await run(page.action, makeRequest(`/angebote/${ids.arabic}`, { form: { intent: "help" }, cookie }), { id: String(ids.arabic) });
    expect(res.status).toBe(302);
    const again = await run(page.action, makeRequest(`/angebote/${ids.arabic}`, { form: { intent: "help" }, cookie }), { id: String(ids.arabic) });
    expect(again.status).toBe(302);
    expect(await getDb().selectFrom("association_offer_help").select("user_id").where("offer_id", "=", ids.arabic).execute()).toEqual([{ user_id: volunteer.id }]);
    const mails = await getDb().selectFrom("outbox").select(["to_address", "text"]).where("template", "=", "offer-help-offered").execute();
    expect(mails).toHaveLength(1);
    expect(mails[0].to_address).toBe("kontakt-zz@verein.example.org");
    expect(mails[0].text).toContain("Hanna Hilfsbereit");
    expect((await run(page.loader, makeRequest(`/angebote/${ids.arabic}`, { cookie }), { id: String(ids.arabic) })).data.help.helped).toBe(true);
    // The association's admin sees who offered help (and the view is logged).
    const admin = await run(editOffer.loader, makeRequest(`/verein/angebote/${ids.arabic}`, { cookie: adminCookie }), { id: String(ids.arabic) });
    expect(admin.data.helpers.map((h: { name: string }) => h.name)).toEqual(["Hanna Hilfsbereit"]);
    const logged = await getDb().selectFrom("audit_log").select("id").where("action", "=", "view").where("entity", "=", "user").where("entity_id", "=", volunteer.id).execute();
    expect(logged.length).toBeGreaterThan(0);
    // An offer that does not look for helpers: 404; a signed-in account without the volunteer role: 403; anonymous: to the login.
    expect((await run(page.action, makeRequest(`/angebote/${ids.translation}`, { form: { intent: "help" }, cookie }), { id: String(ids.translation) })).status).toBe(404);
    const member = await createTestUser(getDb(), { roles: ["association_member"] });
    expect((await run(page.action, makeRequest(`/angebote/${ids.arabic}`, { form: { intent: "help" }, cookie: await sessionCookie(member.id) }), { id: String(ids.arabic) })).status).toBe(403);
    expect((await run(page.action, makeRequest(`/angebote/${ids.arabic}`, { form: { intent: "help" } }), { id: String(ids.arabic) })).status).toBe(302);
  });
});

/** The events of an iCalendar text: unfolded lines, property → value (parameters kept in the name). */
function parseIcs(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  const lines = text.replace(/\r\n /g, "").split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("BEGIN:VCALENDAR");
  expect(lines.at(-1)).toBe("END:VCALENDAR");
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT") {
      events.push(current!);
      current = null;
    } else if (current) {
      const i = line.indexOf(":");
      current[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return events;
}

/** The UTC instant of an event's local Berlin DTSTART plus `weeks` weekly repetitions. */
function occurrence(local: string, weeks: number) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})/.exec(local)!;
  const day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + weeks * 7)).toISOString().slice(0, 10);
  return berlinToInstant(day, `${m[4]}:${m[5]}`).toISOString();
}

describe("the iCalendar feed", () => {
  it("writes the weekly slot as an RRULE in Europe/Berlin: 18:00 stays 18:00 across the spring change", async () => {
    const res = await run(ics.loader, makeRequest(`/angebote/${ids.translation}/kalender.ics`), { id: String(ids.translation) });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/calendar");
    const text = typeof res.data === "string" ? res.data : String(res.data);
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin");
    const [e] = parseIcs(text);
    expect(e["DTSTART;TZID=Europe/Berlin"]).toBe("20270322T180000");
    expect(e["DTEND;TZID=Europe/Berlin"]).toBe("20270322T200000");
    expect(e.RRULE).toBe("FREQ=WEEKLY;BYDAY=MO");
    // Before the change 18:00 is 17:00 UTC, after it 16:00 UTC.
    expect(occurrence(e["DTSTART;TZID=Europe/Berlin"], 0)).toBe("2027-03-22T17:00:00.000Z");
    expect(occurrence(e["DTSTART;TZID=Europe/Berlin"], 1)).toBe("2027-03-29T16:00:00.000Z");
    // The same data gives the same ETag.
    const again = await run(ics.loader, makeRequest(`/angebote/${ids.translation}/kalender.ics`), { id: String(ids.translation) });
    expect(again.headers.get("ETag")).toBe(res.headers.get("ETag"));
  });

  it("writes single dates in local time, before and after the autumn change", async () => {
    const id = (
      await createTestAssociationOffer(getDb(), orgId, {
        title: `${PREFIX} Herbstfest`,
        dates: [
          { kind: "single", startsAt: "2027-10-30T08:00:00.000Z", endsAt: "2027-10-30T10:00:00.000Z" },
          { kind: "single", startsAt: "2027-11-01T09:00:00.000Z", endsAt: "2027-11-01T11:00:00.000Z" },
          { kind: "weekly", weekday: 5, startTime: "19:00", endTime: "21:00", validFrom: "2027-10-20", validUntil: "2027-11-30" },
        ],
      })
    ).id;
    const res = await run(ics.loader, makeRequest(`/angebote/${id}/kalender.ics`), { id: String(id) });
    const events = parseIcs(String(res.data));
    const starts = events.map((e) => e["DTSTART;TZID=Europe/Berlin"]).sort();
    expect(starts).toEqual(["20271022T190000", "20271030T100000", "20271101T100000"]);
    const weekly = events.find((e) => e.RRULE)!;
    expect(weekly.RRULE).toBe(`FREQ=WEEKLY;BYDAY=FR;UNTIL=${berlinToInstant("2027-11-30", "23:59").toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")}`);
    expect(occurrence(weekly["DTSTART;TZID=Europe/Berlin"], 0)).toBe("2027-10-22T17:00:00.000Z");
    expect(occurrence(weekly["DTSTART;TZID=Europe/Berlin"], 2)).toBe("2027-11-05T18:00:00.000Z");
  });
});

describe("the page cache", () => {
  it("caches /angebote with its filters and the offer pages; an edit of an offer, its texts or dates bumps the scope", async () => {
    const req = (path: string, search = "") => ({ method: "GET", path, search, header: () => undefined });
    expect(cacheKeyFor(req("/angebote", "q=tee&weekday=1&target=women"))).not.toBeNull();
    expect(cacheKeyFor(req("/angebote", "other=1"))).toBeNull();
    for (const p of [`/angebote/${ids.translation}`, `/angebote/${ids.translation}/kalender.ics`, `/angebote/${ids.translation}/aushang`]) expect(cacheKeyFor(req(p)), p).not.toBeNull();
    const version = async () => (await readScopeVersions(getDb(), getEngine(), ["organisations"])).get("organisations")!;
    let v = await version();
    const edited = await run(
      editOffer.action,
      makeRequest(`/verein/angebote/${ids.translation}`, {
        form: {
          intent: "save",
          organisationId: String(orgId),
          title: `${PREFIX} Übersetzung von Briefen`,
          description: "Wir helfen beim Lesen von Behördenpost, jetzt auch samstags.",
          fieldId: String(fields[0]),
          languages: ["de", "ar"],
          districtId: String(districts[0]),
          times: "montags",
          targetGroup: "everyone",
          cost: "free",
          contactPath: "Einfach vorbeikommen",
          published: "on",
          titleEn: `${PREFIX} Translating letters`,
          descriptionEn: "We help you read official letters.",
          weekly1Day: "1",
          weekly1From: "18:00",
          weekly1To: "20:00",
          weekly1Since: "2027-03-22",
        },
        cookie: adminCookie,
      }),
      { id: String(ids.translation) },
    );
    expect(edited.status).toBe(302);
    expect(await version()).toBeGreaterThan(v);
    for (const write of [
      () => getDb().updateTable("association_offer_text").set({ title: `${PREFIX} Letters` }).where("offer_id", "=", ids.translation).execute(),
      () => getDb().updateTable("association_offer_date").set({ start_time: "18:30" }).where("offer_id", "=", ids.translation).execute(),
    ]) {
      v = await version();
      await write();
      expect(await version()).toBeGreaterThan(v);
    }
    const page2 = await run(page.loader, makeRequest(`/angebote/${ids.translation}`, lang("en")), { id: String(ids.translation) });
    expect(page2.data.offer.title).toBe(`${PREFIX} Letters`);
  });
});
