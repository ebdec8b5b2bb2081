import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../db/schema";
import * as photosRoute from "../../../app/routes/office.rooms.$id.photos";
import * as photoFile from "../../../app/routes/raum.foto.$file";
import * as roomPage from "../../../app/routes/raum.$id._index";
import * as roomList from "../../../app/routes/raum._index";
import { MAX_ROOM_PHOTOS } from "../../../app/modules/rooms/photo-limits";
import { MAX_ROOM_PHOTO_BYTES, THUMB_EDGE } from "../../../app/modules/rooms/photos.server";
import { getDb } from "../../../app/utils/db.server";
import { sniffImage } from "../../../app/utils/images.server";
import { createTestRoom, createTestUser } from "../../factories";
import { makeJpegWithExif, makePng } from "../../factories/images";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const cookies: Partial<Record<Role | "anonymous", string>> = { anonymous: "" };
let roomId: number;

beforeAll(async () => {
  ({ id: roomId } = await createTestRoom(getDb(), { name: "Fotoraum" }));
  for (const role of ["volunteer", "association_member", "coordinator", "admin"] as const) {
    cookies[role] = await sessionCookie((await createTestUser(getDb(), { roles: [role] })).id);
  }
});

type Upload = { data: Uint8Array; name?: string; type?: string };
function uploadForm(alt: string | null, files: Upload[]) {
  const fd = new FormData();
  fd.append("intent", "upload");
  if (alt !== null) fd.append("alt", alt);
  for (const f of files) fd.append("photo", new File([new Uint8Array(f.data)], f.name ?? "raum.png", { type: f.type ?? "image/png" }));
  return fd;
}
const path = (id = roomId) => `/office/rooms/${id}/photos`;
const post = (form: FormData | Record<string, string>, cookie = cookies.coordinator, id = roomId) => run(photosRoute.action, makeRequest(path(id), { form, cookie }), { id: String(id) });
const photoRows = (id = roomId) => getDb().selectFrom("room_photo").select(["id", "alt", "sort_order", "version", "width", "height", "thumb_width", "thumb_height", "data"]).where("room_id", "=", id).orderBy("sort_order").execute();
const png = (w = 60, h = 40, rgb: [number, number, number] = [30, 120, 200]) => ({ data: makePng(w, h, rgb) });
const fileOf = (url: string) => url.split("/").pop()!;
const fetchPhoto = (url: string, cookie = "", headers: Record<string, string> = {}) => run(photoFile.loader, makeRequest(url, { cookie, headers }), { file: fileOf(url) });

describe("room photos: who may manage them", () => {
  for (const role of ["anonymous", "volunteer", "association_member"] as const) {
    it(`${role}: neither the page nor an upload`, async () => {
      const page = await run(photosRoute.loader, makeRequest(path(), { cookie: cookies[role] }), { id: String(roomId) });
      expect(page.status).toBe(role === "anonymous" ? 302 : 403);
      const res = await post(uploadForm("Blick in den Raum", [png()]), cookies[role]);
      expect(res.status).toBe(role === "anonymous" ? 302 : 403);
      expect(await photoRows()).toHaveLength(0);
    });
  }
  for (const role of ["coordinator", "admin"] as const) {
    it(`${role}: sees the page`, async () => {
      const page = await run(photosRoute.loader, makeRequest(path(), { cookie: cookies[role] }), { id: String(roomId) });
      expect(page.status).toBe(200);
      expect(page.data.room.name).toBe("Fotoraum");
    });
  }
  it("an unknown room is a 404, for the page and the upload", async () => {
    expect((await run(photosRoute.loader, makeRequest(path(99999), { cookie: cookies.coordinator }), { id: "99999" })).status).toBe(404);
    expect((await post(uploadForm("x", [png()]), cookies.coordinator, 99999)).status).toBe(404);
  });
});

describe("uploading, describing, ordering and deleting", () => {
  it("stores a re-encoded JPEG without metadata, in two sizes, with its description", async () => {
    const res = await post(uploadForm("Gruppenraum mit langen Tischen", [{ data: await makeJpegWithExif(900, 600), name: "raum.jpg", type: "image/jpeg" }]));
    expect(res.status).toBe(302);
    expect(res.location).toBe(path());
    const [row] = await photoRows();
    expect(row.alt).toBe("Gruppenraum mit langen Tischen");
    expect(sniffImage(row.data)).toBe("jpeg");
    expect(row.data.includes("GPSLatitude")).toBe(false);
    expect(row.data.includes("Exif")).toBe(false);
    expect([row.width, row.height]).toEqual([900, 600]);
    expect([row.thumb_width, row.thumb_height]).toEqual([THUMB_EDGE, 320]);
    expect(row.version).toMatch(/^[0-9a-f]{16}$/);
    const audit = await getDb().selectFrom("audit_log").select("action").where("entity", "=", "room").where("entity_id", "=", String(roomId)).execute();
    expect(audit.map((a) => a.action)).toContain("add-photo");
  });

  const bad: Array<[string, () => FormData, string]> = [
    ["no file", () => uploadForm("Beschreibung", []), "rooms:errors.photoRequired"],
    ["not an image (text named .png)", () => uploadForm("Beschreibung", [{ data: Buffer.from("nur Text, kein Bild") }]), "rooms:errors.photoNotImage"],
    ["an SVG", () => uploadForm("Beschreibung", [{ data: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), type: "image/svg+xml", name: "x.svg" }]), "rooms:errors.photoNotImage"],
    ["a broken JPEG", () => uploadForm("Beschreibung", [{ data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from("kaputt")]), type: "image/jpeg" }]), "rooms:errors.photoUnreadable"],
    ["oversized", () => uploadForm("Beschreibung", [{ data: Buffer.alloc(MAX_ROOM_PHOTO_BYTES + 1, 0xff), type: "image/jpeg" }]), "rooms:errors.photoTooLarge"],
    ["two files at once", () => uploadForm("Beschreibung", [png(), png()]), "rooms:errors.photoOneAtATime"],
  ];
  for (const [name, form, key] of bad) {
    it(`${name}: a clear message next to the field, the description kept, nothing written`, async () => {
      const before = await photoRows();
      const res = await post(form());
      expect(res.status).toBe(400);
      expect(res.data.initialValue.intent).toBe("upload");
      expect(res.data.error.photo[0].split("|")[0]).toBe(key);
      expect(res.data.initialValue.alt).toBe("Beschreibung");
      expect(await photoRows()).toHaveLength(before.length);
    });
  }

  it("a missing or hostile description is refused with the photo unread", async () => {
    const before = (await photoRows()).length;
    for (const alt of [null, "", "   ", "<img src=x>", "x".repeat(301)]) {
      const res = await post(uploadForm(alt, [png()]));
      expect(res.status).toBe(400);
      expect(res.data.error.alt).toBeDefined();
    }
    expect(await photoRows()).toHaveLength(before);
  });

  it("too many: the ninth photo is refused with the limit named", async () => {
    const { id } = await createTestRoom(getDb(), { name: "Voller Raum" });
    for (let i = 0; i < MAX_ROOM_PHOTOS; i++) expect((await post(uploadForm(`Foto ${i + 1}`, [png(8, 8, [i * 20, 0, 0])]), cookies.coordinator, id)).status).toBe(302);
    const res = await post(uploadForm("Noch eins", [png()]), cookies.coordinator, id);
    expect(res.status).toBe(400);
    expect(res.data.error.photo[0]).toBe(`rooms:errors.photoTooMany|{"max":${MAX_ROOM_PHOTOS}}`);
    expect(await photoRows(id)).toHaveLength(MAX_ROOM_PHOTOS);
    const page = await run(photosRoute.loader, makeRequest(path(id), { cookie: cookies.coordinator }), { id: String(id) });
    expect(page.data.photos.map((p: { alt: string }) => p.alt)).toEqual(Array.from({ length: MAX_ROOM_PHOTOS }, (_, i) => `Foto ${i + 1}`));
  });

  it("changes a description, moves photos and deletes one; a photo of another room is a 404", async () => {
    const { id } = await createTestRoom(getDb(), { name: "Ordnungsraum" });
    for (const alt of ["Erstes", "Zweites", "Drittes"]) await post(uploadForm(alt, [png()]), cookies.coordinator, id);
    const [a, b, c] = await photoRows(id);
    expect((await post({ intent: "alt", photoId: String(b.id), alt: "Teeküche mit Spüle" }, cookies.coordinator, id)).status).toBe(302);
    const empty = await post({ intent: "alt", photoId: String(b.id), alt: "" }, cookies.coordinator, id);
    expect(empty.status).toBe(400);
    expect([empty.data.initialValue.intent, empty.data.initialValue.photoId]).toEqual(["alt", String(b.id)]);
    expect(empty.data.error.alt).toEqual(["errors.required"]);

    expect((await post({ intent: "down", photoId: String(a.id) }, cookies.coordinator, id)).status).toBe(302);
    expect((await photoRows(id)).map((p) => p.alt)).toEqual(["Teeküche mit Spüle", "Erstes", "Drittes"]);
    expect((await post({ intent: "up", photoId: String(c.id) }, cookies.coordinator, id)).status).toBe(302);
    expect((await photoRows(id)).map((p) => p.alt)).toEqual(["Teeküche mit Spüle", "Drittes", "Erstes"]);
    // At the edge nothing changes.
    expect((await post({ intent: "up", photoId: String(b.id) }, cookies.coordinator, id)).status).toBe(302);
    expect((await photoRows(id)).map((p) => p.alt)).toEqual(["Teeküche mit Spüle", "Drittes", "Erstes"]);

    // Photos of another room are not reachable through this room's page.
    for (const intent of ["alt", "up", "down", "delete"]) {
      const res = await post({ intent, photoId: String(a.id), alt: "fremd" }, cookies.coordinator, roomId);
      expect([intent, res.status]).toEqual([intent, 404]);
    }
    expect((await post({ intent: "delete", photoId: "abc" }, cookies.coordinator, id)).status).toBe(404);
    expect((await post({ intent: "delete", photoId: String(c.id) }, cookies.coordinator, id)).status).toBe(302);
    expect((await photoRows(id)).map((p) => p.alt)).toEqual(["Teeküche mit Spüle", "Erstes"]);
    expect((await post({ intent: "unknown" }, cookies.coordinator, id)).status).toBe(400);
  });

  it("every change marks the room as changed (public pages showing photos see it)", async () => {
    const { id } = await createTestRoom(getDb(), { name: "Geänderter Raum" });
    const old = "2020-01-01T00:00:00.000Z";
    const changedBy = async (form: FormData | Record<string, string>) => {
      await getDb().updateTable("room").set({ updated_at: old }).where("id", "=", id).execute();
      expect((await post(form, cookies.coordinator, id)).status).toBe(302);
      return (await getDb().selectFrom("room").select("updated_at").where("id", "=", id).executeTakeFirstOrThrow()).updated_at !== old;
    };
    expect(await changedBy(uploadForm("Eins", [png()]))).toBe(true);
    expect(await changedBy(uploadForm("Zwei", [png()]))).toBe(true);
    const [a] = await photoRows(id);
    expect(await changedBy({ intent: "alt", photoId: String(a.id), alt: "Eins, neu beschrieben" })).toBe(true);
    expect(await changedBy({ intent: "down", photoId: String(a.id) })).toBe(true);
    expect(await changedBy({ intent: "delete", photoId: String(a.id) })).toBe(true);
  });
});

describe("public photos", () => {
  it("are on the room page and in the room list (first photo), without image bytes", async () => {
    const { id } = await createTestRoom(getDb(), { name: "Öffentlicher Raum" });
    await post(uploadForm("Außenbereich mit Bänken", [png(40, 40, [0, 150, 0])]), cookies.coordinator, id);
    await post(uploadForm("Teeküche", [png(40, 40, [150, 0, 0])]), cookies.coordinator, id);
    const page = await run(roomPage.loader, makeRequest(`/raum/${id}`), { id: String(id) });
    expect(page.data.photos.map((p: { alt: string }) => p.alt)).toEqual(["Außenbereich mit Bänken", "Teeküche"]);
    expect(page.data.photos[0].url).toMatch(/^\/raum\/foto\/\d+-[0-9a-f]{16}\.jpg$/);
    expect(page.data.photos[0].thumbUrl).toMatch(/^\/raum\/foto\/\d+-[0-9a-f]{16}-klein\.jpg$/);
    expect(JSON.stringify(page.data)).not.toMatch(/"data"|"thumb"/);
    const list = await run(roomList.loader, makeRequest("/raum"));
    const card = list.data.rooms.find((r: { id: number }) => r.id === id);
    expect(card.photo.alt).toBe("Außenbereich mit Bänken");
    expect(list.data.rooms.find((r: { id: number }) => r.id === roomId).photo.alt).toBe("Gruppenraum mit langen Tischen");
  });

  it("are served with a long cache lifetime under a versioned URL, 304 on revalidation, 404 for a wrong version", async () => {
    const page = await run(roomPage.loader, makeRequest(`/raum/${roomId}`), { id: String(roomId) });
    const { url, thumbUrl, width } = page.data.photos[0];
    const res = await fetchPhoto(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/jpeg");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const etag = res.headers.get("ETag")!;
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(width).toBe(900);
    const again = await fetchPhoto(url, "", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    const thumb = await fetchPhoto(thumbUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("ETag")).not.toBe(etag);
    for (const wrong of [url.replace(/-[0-9a-f]{16}/, "-0000000000000000"), "/raum/foto/1.jpg", "/raum/foto/abc-0123456789abcdef.jpg", "/raum/foto/999999-0123456789abcdef.jpg"]) {
      expect([wrong, (await fetchPhoto(wrong)).status]).toEqual([wrong, 404]);
    }
  });

  it("of an inactive room are for the office only, never cached by shared caches", async () => {
    const { id } = await createTestRoom(getDb(), { name: "Stiller Raum", active: false });
    await post(uploadForm("Leerer Raum", [png()]), cookies.coordinator, id);
    const [row] = await photoRows(id);
    const url = `/raum/foto/${row.id}-${row.version}.jpg`;
    expect((await fetchPhoto(url)).status).toBe(404);
    expect((await fetchPhoto(url, cookies.volunteer)).status).toBe(404);
    const office = await fetchPhoto(url, cookies.coordinator);
    expect(office.status).toBe(200);
    expect(office.headers.get("Cache-Control")).toBe("private, no-store");
  });
});
