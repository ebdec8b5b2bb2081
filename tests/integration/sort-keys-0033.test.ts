/**
 * Migration 0033 (issue #13): `volunteer_skill.skill_key` and `room.name_key`, filled for the rows
 * that existed before it (taken down and up again on a database with data, every key is the text's
 * `germanSortKey`). The room list and the organisations offered for an assignment are in German
 * order on both engines (Ä with A, Ö with O, ß as ss, lower and upper case alike), and a renamed
 * room moves at once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { migration } from "../../db/migrations/2026-12-05_0033_skill_and_room_keys";
import * as roomList from "../../app/routes/raum._index";
import * as roomEdit from "../../app/routes/office.rooms.$id._index";
import { partDefaults, roomDefaults } from "../../app/components/rooms/room-form";
import { getAssignmentOptions } from "../../app/modules/coverage/assignments.server";
import { parseOpeningHours } from "../../app/modules/rooms/policy";
import { getDb, getEngine } from "../../app/utils/db.server";
import { germanSortKey } from "../../app/utils/text-keys";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../factories";
import { createTestRoom } from "../factories/rooms";
import { makeRequest, run, sessionCookie } from "../setup/remix";

const ROOMS = ["Zirkelraum", "Ökumenischer Saal", "atelier am Markt", "Äußerer Hof", "Ober-Saal"];
let renameId: number;
let coordinator: string;

beforeAll(async () => {
  const db = getDb();
  coordinator = await sessionCookie((await createTestUser(db, { roles: ["coordinator"] })).id);
  for (const name of ROOMS) {
    const { id } = await createTestRoom(db, { name, parts: ["Hauptraum"] });
    if (name === "atelier am Markt") renameId = id;
  }
  await createTestVolunteer(db, { skills: ["Behördengänge", "NÄHEN", "إرشاد الأسر", "Straßenfest"] });
  await createTestVolunteer(db, { skills: ["Behördengänge", "kochen"] });
  for (const name of ["Zukunft e.V.", "Ökumene Willich", "arbeiterwohlfahrt", "Ärztehaus-Verein"]) await createTestOrganisation(db, { name });
});

const roomNames = async () => (await run(roomList.loader, makeRequest("/raum"))).data.rooms.map((r: { name: string }) => r.name);

describe("migration 0033 on existing rows", () => {
  it("computes every key from the stored text when it runs (down, then up again)", async () => {
    const db = getDb();
    const m = migration(getEngine());
    await m.down!(db);
    await m.up(db);
    const skills = await db.selectFrom("volunteer_skill").select(["skill", "skill_key"]).execute();
    expect(skills).toHaveLength(6);
    for (const s of skills) expect(s.skill_key, s.skill).toBe(germanSortKey(s.skill));
    expect(skills.find((s) => s.skill === "إرشاد الأسر")?.skill_key).toBe("ارشاد الاسر");
    expect(skills.find((s) => s.skill === "Straßenfest")?.skill_key).toBe("strassenfest");
    const rooms = await db.selectFrom("room").select(["name", "name_key"]).execute();
    expect(rooms).toHaveLength(ROOMS.length);
    for (const r of rooms) expect(r.name_key, r.name).toBe(germanSortKey(r.name));
  });
});

describe("lists in German order on both engines", () => {
  it("the room list (/raum)", async () => {
    expect(await roomNames()).toEqual(["atelier am Markt", "Äußerer Hof", "Ober-Saal", "Ökumenischer Saal", "Zirkelraum"]);
  });

  it("a room renamed through the office form moves at once", async () => {
    const loaded = await run(roomEdit.loader, makeRequest(`/office/rooms/${renameId}`, { cookie: coordinator }), { id: String(renameId) });
    const d = loaded.data;
    const form = { intent: "save", ...roomDefaults(d.room, parseOpeningHours(d.room.opening_hours), d.rules.text), ...partDefaults(d.parts), name: "Übungsraum" };
    const saved = await run(roomEdit.action, makeRequest(`/office/rooms/${renameId}`, { cookie: coordinator, form }), { id: String(renameId) });
    expect(saved.status).toBe(302);
    expect((await getDb().selectFrom("room").select("name_key").where("id", "=", renameId).executeTakeFirstOrThrow()).name_key).toBe("ubungsraum");
    expect(await roomNames()).toEqual(["Äußerer Hof", "Ober-Saal", "Ökumenischer Saal", "Übungsraum", "Zirkelraum"]);
  });

  it("the organisations offered for an assignment", async () => {
    const { organisations } = await getAssignmentOptions();
    expect(organisations.map((o) => o.name)).toEqual(["arbeiterwohlfahrt", "Ärztehaus-Verein", "Ökumene Willich", "Zukunft e.V."]);
  });
});
