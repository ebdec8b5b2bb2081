/**
 * Impressum, contact, accessibility statement and help pages: public, in every language (German
 * fallback with a note), their text kept by the office (a change shows at once); the contact
 * and accessibility forms queue one mail per coordinator and validate.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/utils/db.server";
import { SUPPORTED_LANGUAGES } from "../../app/i18n/config";
import { HELP_GROUPS } from "../../app/modules/legal/pages";
import { seedLegalPages } from "../../db/seed/legal";
import * as impressum from "../../app/routes/impressum";
import * as kontakt from "../../app/routes/kontakt";
import * as barrierefreiheit from "../../app/routes/barrierefreiheit";
import * as hilfe from "../../app/routes/hilfe.$group";
import * as officeList from "../../app/routes/office.seiten._index";
import * as officeEdit from "../../app/routes/office.seiten.$slug";
import { makeRequest, run, sessionCookie } from "../setup/remix";
import { createTestUser, createTestVolunteer } from "../factories";

let coordinator: string;
let volunteer: string;
const lang = (l: string) => ({ headers: { "Accept-Language": l } });

beforeAll(async () => {
  await seedLegalPages(getDb());
  coordinator = await sessionCookie((await createTestUser(getDb(), { roles: ["coordinator"], email: "office-a@example.org" })).id);
  await createTestUser(getDb(), { roles: ["coordinator"], email: "office-b@example.org", locale: "en" });
  volunteer = await sessionCookie((await createTestVolunteer(getDb())).id);
});

describe("public legal pages", () => {
  it("render for anonymous visitors in every language, falling back to German with a note", async () => {
    const pages: Array<[string, { loader: (a: never) => unknown }, Record<string, string>]> = [
      ["/impressum", impressum, {}],
      ["/kontakt", kontakt, {}],
      ["/barrierefreiheit", barrierefreiheit, {}],
      ...HELP_GROUPS.map((g) => [`/hilfe/${g}`, hilfe, { group: g }] as [string, typeof hilfe, Record<string, string>]),
    ];
    for (const [path, route, params] of pages) {
      for (const l of SUPPORTED_LANGUAGES) {
        const res = await run(route.loader as never, makeRequest(path, lang(l)), params);
        expect(res.status, `${path} ${l}`).toBe(200);
        expect(res.data.page, `${path} ${l}`).not.toBeNull();
        expect(res.data.page.locale === l || (res.data.page.locale === "de" && res.data.page.fallback), `${path} ${l}`).toBe(true);
      }
    }
    const en = await run(impressum.loader, makeRequest("/impressum", lang("en")));
    expect(en.data.page).toMatchObject({ locale: "en", title: "Legal notice", fallback: false });
    const ar = await run(impressum.loader, makeRequest("/impressum", lang("ar")));
    expect(ar.data.page).toMatchObject({ locale: "de", title: "Impressum", fallback: true });
    expect((await run(hilfe.loader, makeRequest("/hilfe/nichts"), { group: "nichts" })).status).toBe(404);
  });
});

describe("the office edits the texts", () => {
  it("a change shows on the public page at once; German is required, a translation optional", async () => {
    const post = (form: Record<string, string>, cookie = coordinator) => run(officeEdit.action, makeRequest("/office/seiten/impressum", { cookie, form }), { slug: "impressum" });
    expect((await run(officeList.loader, makeRequest("/office/seiten", { cookie: coordinator }))).status).toBe(200);
    expect((await run(officeList.loader, makeRequest("/office/seiten", { cookie: volunteer }))).status).toBe(403);
    expect((await post({ locale: "de", title: "Impressum", body: "x" }, volunteer)).status).toBe(403);
    expect((await run(officeEdit.loader, makeRequest("/office/seiten/etwas", { cookie: coordinator }), { slug: "etwas" })).status).toBe(404);

    const empty = await post({ locale: "de", title: "", body: "" });
    expect(empty.status).toBe(400);
    expect(empty.data.error.body).toEqual(["legal:errors.germanRequired"]);

    expect((await post({ locale: "de", title: "Impressum", body: "Stadt Neustadt\nRathausplatz 7" })).status).toBe(302);
    const de = await run(impressum.loader, makeRequest("/impressum", lang("de")));
    expect(de.data.page.body).toBe("Stadt Neustadt\nRathausplatz 7");

    expect((await post({ locale: "uk", title: "Вихідні дані", body: "Місто Нойштадт" })).status).toBe(302);
    expect((await run(impressum.loader, makeRequest("/impressum", lang("uk")))).data.page).toMatchObject({ locale: "uk", fallback: false });
    // An empty translation is removed: the German text shows again, with the note.
    expect((await post({ locale: "uk", title: "", body: "" })).status).toBe(302);
    expect((await run(impressum.loader, makeRequest("/impressum", lang("uk")))).data.page).toMatchObject({ locale: "de", fallback: true });
    // Half a translation is refused.
    expect((await post({ locale: "en", title: "Only a title", body: "" })).data.error.body).toEqual(["errors.required"]);
  });
});

describe("contact and accessibility feedback", () => {
  it("queue one mail per coordinator (anonymous) and validate", async () => {
    const outbox = () => getDb().selectFrom("outbox").select(["to_address", "subject", "text", "locale"]).where("template", "=", "office-contact-message").execute();
    const bad = await run(kontakt.action, makeRequest("/kontakt", { form: { message: "kurz", email: "keine-adresse" } }));
    expect(bad.status).toBe(400);
    expect(bad.data.error.message).toEqual(["legal:errors.messageTooShort"]);
    expect(bad.data.error.email).toEqual(["errors.invalidEmail"]);
    expect(await outbox()).toHaveLength(0);

    const ok = await run(kontakt.action, makeRequest("/kontakt", { form: { message: "Wann ist die Sprechstunde im Dezember?", name: "Erika Gast", email: "erika@example.org" } }));
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/kontakt?gesendet=1");
    let mails = await outbox();
    expect(mails.map((m) => m.to_address).sort()).toEqual(["office-a@example.org", "office-b@example.org"]);
    expect(mails.find((m) => m.to_address === "office-a@example.org")!.text).toContain("Wann ist die Sprechstunde im Dezember?");
    expect(mails.find((m) => m.to_address === "office-a@example.org")!.text).toContain("erika@example.org");
    expect(mails.find((m) => m.to_address === "office-b@example.org")!.locale).toBe("en");

    const feedback = await run(barrierefreiheit.action, makeRequest("/barrierefreiheit", { form: { message: "Der Kalender ist mit der Tastatur nicht bedienbar.", page: "/raum/1" } }));
    expect(feedback.status).toBe(302);
    mails = await outbox();
    expect(mails).toHaveLength(4);
    expect(mails.some((m) => m.subject === "Rückmeldung zur Barrierefreiheit" && m.text.includes("/raum/1"))).toBe(true);
    expect((await run(kontakt.loader, makeRequest("/kontakt?gesendet=1"))).data.sent).toBe(true);
  });
});
