/**
 * Room texts in the visitor's language (issue 12, item 9): the office enters translations of the
 * description and of the part names in the room form; the public pages show them in the UI
 * language, German where none was entered, with the text's own direction.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as edit from "../../../app/routes/office.rooms.$id._index";
import * as roomPage from "../../../app/routes/raum.$id._index";
import * as roomList from "../../../app/routes/raum._index";
import * as requestPage from "../../../app/routes/raum.$id.anfragen";
import { partDefaults, roomDefaults } from "../../../app/components/rooms/room-form";
import { parseOpeningHours } from "../../../app/modules/rooms/policy";
import { localised, parseTranslations } from "../../../app/modules/rooms/translations";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { createTestRoom } from "../../factories/rooms";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";

let cookie: string;
let roomId: number;

beforeAll(async () => {
  cookie = await sessionCookie((await createTestUser(getDb(), { roles: ["coordinator"] })).id);
  roomId = (await createTestRoom(getDb(), { name: "Gruppenraum Niersweg", description: "Gruppenraum mit Teeküche.", parts: ["Hauptraum", "Teeküche"] })).id;
});

async function formOfRoom(): Promise<Record<string, string>> {
  const loaded = await run(edit.loader, makeRequest(`/office/rooms/${roomId}`, { cookie }), { id: String(roomId) });
  const d = loaded.data;
  return { intent: "save", ...roomDefaults(d.room, parseOpeningHours(d.room.opening_hours), d.rules.text), ...partDefaults(d.parts) };
}

describe("translations of room texts", () => {
  it("the office form has a description and parts field per language and saves them", async () => {
    const page = await renderRoute(edit, `/office/rooms/${roomId}`, { cookie, params: { id: String(roomId) } });
    for (const name of ["descriptionEn", "descriptionAr", "descriptionUk", "partsEn", "partsAr", "partsUk"]) expect(page.html).toContain(`name="${name}"`);
    const form = { ...(await formOfRoom()), descriptionAr: "قاعة جماعية مع مطبخ صغير.", partsAr: "القاعة الرئيسية, ", descriptionEn: "Group room with a tea kitchen." };
    const res = await run(edit.action, makeRequest(`/office/rooms/${roomId}`, { cookie, form }), { id: String(roomId) });
    expect(res.status).toBe(302);
    const room = await getDb().selectFrom("room").select(["description", "description_translations"]).where("id", "=", roomId).executeTakeFirstOrThrow();
    expect(room.description).toBe("Gruppenraum mit Teeküche.");
    expect(parseTranslations(room.description_translations)).toEqual({ ar: "قاعة جماعية مع مطبخ صغير.", en: "Group room with a tea kitchen." });
    const parts = await getDb().selectFrom("room_part").select(["name", "name_translations"]).where("room_id", "=", roomId).orderBy("sort_order").execute();
    expect(parts.map((p) => [p.name, parseTranslations(p.name_translations).ar ?? null])).toEqual([
      ["Hauptraum", "القاعة الرئيسية"],
      ["Teeküche", null],
    ]);
    // The form shows them again.
    const again = await formOfRoom();
    expect(again.descriptionAr).toBe("قاعة جماعية مع مطبخ صغير.");
    expect(again.partsAr).toBe("القاعة الرئيسية, ");
  });

  it("visitors read them in their language, German as the fallback, in the text's own direction", async () => {
    const ar = await renderRoute(roomPage, `/raum/${roomId}`, { lang: "ar", params: { id: String(roomId) } });
    expect(ar.status).toBe(200);
    expect(ar.text).toContain("قاعة جماعية مع مطبخ صغير.");
    expect(ar.text).not.toContain("Gruppenraum mit Teeküche.");
    expect(ar.text).toContain("القاعة الرئيسية");
    expect(ar.text).toContain("Teeküche"); // no Arabic name: German
    expect(ar.html).toMatch(/dir="auto"[^>]*>قاعة جماعية/);
    const uk = await renderRoute(roomList, "/raum", { lang: "uk" });
    expect(uk.text).toContain("Gruppenraum mit Teeküche."); // no Ukrainian text: German
    const en = await renderRoute(roomList, "/raum", { lang: "en" });
    expect(en.text).toContain("Group room with a tea kitchen.");
    const request = await renderRoute(requestPage, `/raum/${roomId}/anfragen`, { lang: "ar", params: { id: String(roomId) } });
    expect(request.text).toContain("القاعة الرئيسية");
  });

  it("stored translations never break a page", () => {
    expect(localised("Deutsch", "not json", "ar")).toBe("Deutsch");
    expect(localised("Deutsch", '{"ar": 5}', "ar")).toBe("Deutsch");
    expect(localised("Deutsch", '["x"]', "ar")).toBe("Deutsch");
    expect(localised("Deutsch", '{"ar": "عربي"}', "de")).toBe("Deutsch");
  });
});
