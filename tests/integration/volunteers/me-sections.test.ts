/**
 * The cards on /me are derived from the permissions: each role sees exactly the sections whose
 * page opens for it (no "Meine Stunden" that answers 403 for staff or association members).
 */
import { describe, expect, it } from "vitest";
import * as meHome from "../../../app/routes/me._index";
import * as meAssignments from "../../../app/routes/me.assignments";
import * as meHours from "../../../app/routes/me.hours";
import * as meCertificate from "../../../app/routes/me.certificate";
import * as meTransports from "../../../app/routes/me.transports";
import * as meRequests from "../../../app/routes/me.anfragen";
import * as meSponsorships from "../../../app/routes/me.sponsorships._index";
import { meSections } from "../../../app/modules/volunteers/me-sections";
import { getDb } from "../../../app/utils/db.server";
import type { Role } from "../../../db/schema";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";

const pages: Record<string, { loader: (...args: never[]) => unknown }> = {
  "/me/assignments": meAssignments,
  "/me/hours": meHours,
  "/me/certificate": meCertificate,
  "/me/anfragen": meRequests,
  "/me/transports": meTransports,
  "/me/sponsorships": meSponsorships,
};

describe("the /me cards per role", () => {
  it("every section has its page in this test", () => {
    expect(meSections.map((s) => s.href).sort()).toEqual(Object.keys(pages).sort());
  });

  it.each<[string, Role[], string[]]>([
    ["volunteer", ["volunteer"], ["assignments", "hours", "certificate", "requests", "transports", "sponsorships"]],
    ["association member", ["association_member"], ["assignments", "requests", "transports"]],
    ["coordinator", ["coordinator"], ["assignments", "requests", "transports"]],
    ["admin", ["admin"], ["assignments", "requests", "transports"]],
  ])("%s: exactly the cards whose page opens", async (_, roles, expected) => {
    const org = await createTestOrganisation(getDb());
    const user = roles.includes("volunteer") ? await createTestVolunteer(getDb()) : await createTestUser(getDb(), { roles, organisationIds: [org.id] });
    const cookie = await sessionCookie(user.id);
    const home = await run(meHome.loader, makeRequest("/me", { cookie }));
    const shown: string[] = home.data.sections.map((s: { id: string }) => s.id);
    expect(shown).toEqual(expected);
    for (const s of meSections) {
      const res = await run(pages[s.href].loader as never, makeRequest(s.href, { cookie }));
      expect(res.status, `${s.href} for ${roles.join()}`).toBe(shown.includes(s.id) ? 200 : 403);
    }
    const page = await renderRoute(meHome, "/me", { cookie });
    for (const s of meSections) expect(page.html.includes(`href="${s.href}"`), s.href).toBe(shown.includes(s.id));
  });
});
