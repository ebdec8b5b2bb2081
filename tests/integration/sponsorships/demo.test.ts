/**
 * The demo seed shows part A working at once: programmes, open requests with ranked proposals
 * (the family tandem with children only with the sponsor whose § 72a inspection is valid), a
 * proposal waiting for the demo volunteer on /me/sponsorships, and inbox items for the office.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as requestPage from "../../../app/routes/office.sponsorships.requests.$id";
import * as mine from "../../../app/routes/me.sponsorships._index";
import * as inbox from "../../../app/routes/office._index";
import { getDb } from "../../../app/utils/db.server";
import { seedDemo } from "../../../db/seed/demo";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

let office: string;
const idOf = async (email: string) => (await getDb().selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
const requestOf = async (firstName: string) => (await getDb().selectFrom("sponsorship_request").select("id").where("first_name", "=", firstName).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  await seedDemo(getDb());
  office = await sessionCookie(await idOf("koordination@example.org"));
});

describe("sponsorships demo", () => {
  it("has the three programmes", async () => {
    expect((await getDb().selectFrom("sponsorship_programme").select("kind").orderBy("id").execute()).map((p) => p.kind)).toEqual(["city", "funded", "association"]);
  });

  it("ranks sponsors for the open requests; with children only the one with a valid certificate", async () => {
    const amal = await requestOf("Amal");
    const page = await run(requestPage.loader, makeRequest(`/office/sponsorships/requests/${amal}`, { cookie: office }), { id: String(amal) });
    expect(page.data.candidates.map((c: { name: string }) => c.name)).toEqual(["Lea Beispielhof"]);
    const iryna = await requestOf("Iryna");
    const other = await run(requestPage.loader, makeRequest(`/office/sponsorships/requests/${iryna}`, { cookie: office }), { id: String(iryna) });
    expect(other.data.candidates.length).toBeGreaterThan(0);
    expect(other.data.proposals.map((p: { status: string }) => p.status).sort()).toEqual(["declined", "proposed"]);
  });

  it("the demo volunteer has a proposal to answer; the office has work in its queue and inbox", async () => {
    const mineRes = await run(mine.loader, makeRequest("/me/sponsorships", { cookie: await sessionCookie(await idOf("ehrenamt@example.org")) }));
    expect(mineRes.data.proposals.map((p: { status: string }) => p.status)).toEqual(["proposed"]);
    const data = (await run(inbox.loader, makeRequest("/office", { cookie: office }))).data;
    const items = data.items.filter((i: { module: string }) => i.module === "sponsorships");
    // New requests and accepted proposals are tasks (ADR 0036), opened by the seed's backfill.
    expect(items).toEqual([]);
    expect(await getDb().selectFrom("task").select("id").where("kind", "=", "sponsorship-accepted").where("status", "=", "open").execute()).not.toHaveLength(0);
    expect(data.counts.modules.sponsorships).toBeGreaterThan(0);
    expect(await getDb().selectFrom("task").select("id").where("kind", "=", "sponsorship-request").where("status", "=", "open").execute()).not.toHaveLength(0);
  });
});
