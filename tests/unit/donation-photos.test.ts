import { monitorEventLoopDelay } from "node:perf_hooks";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { makeBigPng, makeJpegWithExif, makeJpegWithOrientation, makePng, redQuadrants } from "../factories/images";
import { MAX_PHOTO_BYTES, processPhoto, sniffImage } from "../../app/modules/donations/photos.server";
import { prepareRoomPhoto } from "../../app/modules/rooms/photos.server";
import { MAX_INPUT_PIXELS } from "../../app/utils/images.server";

// A 32×16 picture as the camera stored it: the top-left quadrant red, the rest blue.
const W = 32;
const H = 16;
const paint = (x: number, y: number): [number, number, number] => (x < W / 2 && y < H / 2 ? [220, 20, 20] : [20, 20, 220]);

async function keyOf(f: () => Promise<unknown>) {
  try {
    await f();
  } catch (e) {
    return (e as { key: string }).key;
  }
  return null;
}

describe("offer photos", () => {
  it("recognises images by their first bytes only", async () => {
    expect(sniffImage(makePng(2, 2, [1, 2, 3]))).toBe("png");
    expect(sniffImage(await makeJpegWithExif())).toBe("jpeg");
    expect(sniffImage(Buffer.from("GIF89a..."))).toBeNull();
    expect(sniffImage(Buffer.from("<svg xmlns=...>"))).toBeNull();
    expect(sniffImage(Buffer.from("%PDF-1.7"))).toBeNull();
  });

  it("decodes PNG rows with filters", async () => {
    const out = await processPhoto(makePng(3, 2, [10, 20, 30]));
    const { data, info } = await sharp(out.data).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([3, 2]);
    // The sub-filtered second row repeats the first pixel (JPEG is lossy: close, not equal).
    for (const i of [0, 3 * info.channels]) expect(Math.abs(data[i] - 10) + Math.abs(data[i + 1] - 20) + Math.abs(data[i + 2] - 30)).toBeLessThan(30);
  });

  it("re-encodes a JPEG without its EXIF/GPS block", async () => {
    const input = await makeJpegWithExif();
    expect(input.includes("GPSLatitude")).toBe(true);
    const out = await processPhoto(input);
    expect(out.mime).toBe("image/jpeg");
    expect(out.data.includes("GPSLatitude")).toBe(false);
    expect(out.data.includes("Exif")).toBe(false);
    expect(sniffImage(out.data)).toBe("jpeg");
  });

  it("turns a photo with orientation 6 (phone held upright) a quarter clockwise, then re-encodes it without EXIF", async () => {
    const input = await makeJpegWithOrientation(W, H, 6, paint);
    expect((await sharp(input).metadata()).orientation).toBe(6);
    expect(await redQuadrants(input)).toEqual({ size: [W, H], red: [true, false, false, false] }); // as stored
    const out = await processPhoto(input);
    expect([out.width, out.height]).toEqual([H, W]);
    // The stored top row is the picture's right-hand side: the red corner is now top right.
    expect(await redQuadrants(out.data)).toEqual({ size: [H, W], red: [false, true, false, false] });
    expect(out.data.includes("Exif")).toBe(false);
    expect((await sharp(out.data).metadata()).orientation).toBeUndefined();
  });

  it("turns room photos upright too, the large version and the thumbnail (shared image code)", async () => {
    const room = await prepareRoomPhoto(await makeJpegWithOrientation(W, H, 6, paint));
    for (const version of [room.large, room.thumb]) {
      expect([version.width, version.height]).toEqual([H, W]);
      expect((await redQuadrants(version.data)).red).toEqual([false, true, false, false]);
      expect(version.data.includes("Exif")).toBe(false);
    }
  });

  it("turns a photo with orientation 3 (little-endian EXIF) upside down", async () => {
    const out = await processPhoto(await makeJpegWithOrientation(W, H, 3, paint, "II"));
    expect(await redQuadrants(out.data)).toEqual({ size: [W, H], red: [false, false, false, true] });
  });

  it("scales large images down to at most 1600 px on the longer edge, never up", async () => {
    const big = await processPhoto(await sharp({ create: { width: 3200, height: 1000, channels: 3, background: "#ffffff" } }).png().toBuffer());
    expect([big.width, big.height]).toEqual([1600, 500]);
    const small = await processPhoto(makePng(10, 5, [255, 255, 255]));
    expect([small.width, small.height]).toEqual([10, 5]);
  });

  it("refuses non-images, broken images and oversized files with clear messages", async () => {
    expect(await keyOf(() => processPhoto(Buffer.from("just text")))).toBe("donations:errors.photoNotImage");
    expect(await keyOf(() => processPhoto(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from("garbage")])))).toBe("donations:errors.photoUnreadable");
    expect(await keyOf(() => processPhoto(Buffer.alloc(MAX_PHOTO_BYTES + 1, 0xff)))).toBe("donations:errors.photoTooLarge");
    expect(await keyOf(() => processPhoto(makePng(2, 2, [0, 0, 0]).subarray(0, 30)))).toBe("donations:errors.photoUnreadable");
    expect(await keyOf(() => processPhoto(makePng(4, 4, [9, 9, 9])))).toBeNull();
  });

  it("refuses a picture over the pixel limit from its header, with the translated field message", async () => {
    // Issue #12 item 6: 6300×6300 px in a few kilobytes.
    const bomb = await makeBigPng(6300, 6300);
    expect(bomb.length).toBeLessThan(MAX_PHOTO_BYTES);
    expect(6300 * 6300).toBeGreaterThan(MAX_INPUT_PIXELS);
    const started = performance.now();
    expect(await keyOf(() => processPhoto(bomb))).toBe('security:images.tooManyPixels|{"max":25}');
    expect(performance.now() - started).toBeLessThan(500); // refused before decoding
  });

  it("decodes off the event loop: timers keep firing while a large picture is processed", async () => {
    const large = await makeBigPng(4800, 4800); // 23 MP, under the limit
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const started = performance.now();
    const out = await Promise.all([processPhoto(large), processPhoto(large)]);
    const took = performance.now() - started;
    clearInterval(timer);
    delay.disable();
    expect(out.map((o) => [o.width, o.height])).toEqual([
      [1600, 1600],
      [1600, 1600],
    ]);
    const maxMs = delay.max / 1e6;
    expect(maxMs).toBeLessThan(200);
    // The timer kept its pace during the work (not one late burst at the end).
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(took / 20 / 2));
  });
});
