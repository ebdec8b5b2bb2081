/**
 * Every page of the associations module renders in German and Arabic without a raw translation key.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as registerRoute from "../../../app/routes/vereine.registrieren";
import * as directory from "../../../app/routes/vereine._index";
import * as publicPage from "../../../app/routes/vereine.$id";
import * as mine from "../../../app/routes/verein._index";
import * as profile from "../../../app/routes/verein.$id.profil";
import * as members from "../../../app/routes/verein.$id.mitglieder";
import * as ownOffers from "../../../app/routes/verein.angebote._index";
import * as newOffer from "../../../app/routes/verein.angebote.neu";
import * as editOffer from "../../../app/routes/verein.angebote.$id";
import * as invite from "../../../app/routes/verein.einladung.$token";
import * as officeOrg from "../../../app/routes/office.organisations.$id";
import * as officeList from "../../../app/routes/office.organisations._index";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { createTestAssociation, createTestInvite } from "../../factories/associations";
import { sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";

let admin: string;
let office: string;
let orgId: number;
let pendingId: number;
let offerId: number;
let token: string;

beforeAll(async () => {
  const u = await createTestUser(getDb(), { roles: [], name: "Rita Render" });
  admin = await sessionCookie(u.id);
  office = await sessionCookie((await createTestUser(getDb(), { roles: ["coordinator"] })).id);
  const org = await createTestAssociation(getDb(), { name: "Renderverein e.V.", adminIds: [u.id], offers: 2, languages: ["de", "ar"] });
  orgId = org.id;
  offerId = org.offerIds[0];
  pendingId = (await createTestAssociation(getDb(), { name: "Wartender Verein", status: "pending", adminIds: [u.id] })).id;
  token = (await createTestInvite(getDb(), orgId, "gast@example.org")).token;
});

describe("associations pages render", () => {
  it("in German and Arabic, without raw keys", async () => {
    const pages: Array<{ mod: unknown; path: string; params?: Record<string, string>; cookie?: string }> = [
      { mod: registerRoute, path: "/vereine/registrieren" },
      { mod: directory, path: "/vereine" },
      { mod: publicPage, path: `/vereine/${orgId}`, params: { id: String(orgId) } },
      { mod: mine, path: "/verein", cookie: admin },
      { mod: profile, path: `/verein/${orgId}/profil`, params: { id: String(orgId) }, cookie: admin },
      { mod: members, path: `/verein/${orgId}/mitglieder`, params: { id: String(orgId) }, cookie: admin },
      { mod: ownOffers, path: "/verein/angebote", cookie: admin },
      { mod: newOffer, path: "/verein/angebote/neu", cookie: admin },
      { mod: editOffer, path: `/verein/angebote/${offerId}`, params: { id: String(offerId) }, cookie: admin },
      { mod: invite, path: `/verein/einladung/${token}`, params: { token } },
      { mod: officeOrg, path: `/office/organisations/${pendingId}`, params: { id: String(pendingId) }, cookie: office },
      { mod: officeList, path: "/office/organisations", cookie: office },
    ];
    for (const lang of ["de", "ar"] as const) {
      for (const p of pages) {
        const page = await renderRoute(p.mod as never, p.path, { cookie: p.cookie, params: p.params, lang });
        expect(page.status, `${lang} ${p.path}`).toBe(200);
        expect(page.text, `${lang} ${p.path}`).not.toMatch(/associations:|\b(directory|offers|members|form|office|status|kinds|costs|targetGroups)\.[a-z][A-Za-z]+/);
      }
    }
    const de = await renderRoute(directory as never, "/vereine", { lang: "de" });
    expect(de.text).toContain("Renderverein e.V.");
    expect(de.text).not.toContain("Wartender Verein");
  });
});
