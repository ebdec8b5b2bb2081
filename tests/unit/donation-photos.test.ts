import { describe, expect, it } from "vitest";
import jpeg from "jpeg-js";
import { makeJpegWithExif, makeJpegWithOrientation, makePng } from "../factories/images";
import { applyOrientation, decodePng, fitWithin, jpegOrientation, MAX_PHOTO_BYTES, processPhoto, sniffImage } from "../../app/modules/donations/photos.server";
import { prepareRoomPhoto } from "../../app/modules/rooms/photos.server";

// A 32×16 picture as the camera stored it: the top-left quadrant red, the rest blue.
const W = 32;
const H = 16;
const paint = (x: number, y: number): [number, number, number] => (x < W / 2 && y < H / 2 ? [220, 20, 20] : [20, 20, 220]);
/** Size of a JPEG and which quadrants are red: [top-left, top-right, bottom-left, bottom-right]. */
function quadrants(out: Uint8Array) {
  const img = jpeg.decode(out, { useTArray: true, formatAsRGBA: true });
  const red = (x: number, y: number) => {
    const i = (Math.floor(y) * img.width + Math.floor(x)) * 4;
    expect(Math.max(img.data[i], img.data[i + 2]), `pixel ${x},${y}`).toBeGreaterThan(150); // clearly red or blue
    return img.data[i] > img.data[i + 2];
  };
  const [w, h] = [img.width, img.height];
  return { size: [w, h], red: [red(w / 4, h / 4), red((3 * w) / 4, h / 4), red(w / 4, (3 * h) / 4), red((3 * w) / 4, (3 * h) / 4)] };
}

describe("offer photos", () => {
  it("recognises images by their first bytes only", () => {
    expect(sniffImage(makePng(2, 2, [1, 2, 3]))).toBe("png");
    expect(sniffImage(makeJpegWithExif())).toBe("jpeg");
    expect(sniffImage(Buffer.from("GIF89a..."))).toBeNull();
    expect(sniffImage(Buffer.from("<svg xmlns=...>"))).toBeNull();
    expect(sniffImage(Buffer.from("%PDF-1.7"))).toBeNull();
  });

  it("decodes PNG rows with filters", () => {
    const img = decodePng(makePng(3, 2, [10, 20, 30]));
    expect(img.width).toBe(3);
    expect([...img.data.slice(0, 4)]).toEqual([10, 20, 30, 255]);
    expect([...img.data.slice(12 + 8, 12 + 12)]).toEqual([10, 20, 30, 255]); // sub filter repeats the first pixel
  });

  it("re-encodes a JPEG without its EXIF/GPS block", () => {
    const input = makeJpegWithExif();
    expect(input.includes("GPSLatitude")).toBe(true);
    const out = processPhoto(input);
    expect(out.mime).toBe("image/jpeg");
    expect(out.data.includes("GPSLatitude")).toBe(false);
    expect(out.data.includes("Exif")).toBe(false);
    expect(sniffImage(out.data)).toBe("jpeg");
  });

  it("reads the EXIF orientation of a JPEG (big- and little-endian); none or a broken block is 1", () => {
    expect(jpegOrientation(makeJpegWithOrientation(W, H, 6, paint))).toBe(6);
    expect(jpegOrientation(makeJpegWithOrientation(W, H, 3, paint, "II"))).toBe(3);
    expect(jpegOrientation(makeJpegWithOrientation(W, H, 9, paint))).toBe(1);
    expect(jpegOrientation(makeJpegWithExif())).toBe(1); // an APP1 "Exif" block that is not TIFF
    expect(jpegOrientation(jpeg.encode({ width: 2, height: 2, data: Buffer.alloc(16, 255) }, 90).data)).toBe(1);
    expect(jpegOrientation(makeJpegWithOrientation(W, H, 6, paint).subarray(0, 30))).toBe(1); // cut off inside the segment
  });

  it("turns a photo with orientation 6 (phone held upright) a quarter clockwise, then re-encodes it without EXIF", () => {
    const input = makeJpegWithOrientation(W, H, 6, paint);
    expect(quadrants(input)).toEqual({ size: [W, H], red: [true, false, false, false] }); // as stored
    const out = processPhoto(input);
    expect([out.width, out.height]).toEqual([H, W]);
    // The stored top row is the picture's right-hand side: the red corner is now top right.
    expect(quadrants(out.data)).toEqual({ size: [H, W], red: [false, true, false, false] });
    expect(out.data.includes("Exif")).toBe(false);
    expect(jpegOrientation(out.data)).toBe(1);
  });

  it("turns room photos upright too, the large version and the thumbnail (shared image code)", () => {
    const room = prepareRoomPhoto(makeJpegWithOrientation(W, H, 6, paint));
    for (const version of [room.large, room.thumb]) {
      expect([version.width, version.height]).toEqual([H, W]);
      expect(quadrants(version.data).red).toEqual([false, true, false, false]);
      expect(version.data.includes("Exif")).toBe(false);
    }
  });

  it("turns a photo with orientation 3 (little-endian EXIF) upside down", () => {
    const out = processPhoto(makeJpegWithOrientation(W, H, 3, paint, "II"));
    expect(quadrants(out.data)).toEqual({ size: [W, H], red: [false, false, false, true] });
  });

  it("maps every orientation 2–8 on raw pixels", () => {
    // 3×2 pixels numbered 1…6 row by row, the number in the red channel.
    const img = { width: 3, height: 2, data: new Uint8Array([1, 2, 3, 4, 5, 6].flatMap((v) => [v, 0, 0, 255])) };
    const grid = (o: number) => {
      const r = applyOrientation(img, o);
      return Array.from({ length: r.height }, (_, y) => Array.from({ length: r.width }, (_, x) => r.data[(y * r.width + x) * 4]));
    };
    expect(grid(1)).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(grid(2)).toEqual([[3, 2, 1], [6, 5, 4]]);
    expect(grid(3)).toEqual([[6, 5, 4], [3, 2, 1]]);
    expect(grid(4)).toEqual([[4, 5, 6], [1, 2, 3]]);
    expect(grid(5)).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(grid(6)).toEqual([[4, 1], [5, 2], [6, 3]]);
    expect(grid(7)).toEqual([[6, 3], [5, 2], [4, 1]]);
    expect(grid(8)).toEqual([[3, 6], [2, 5], [1, 4]]);
  });

  it("scales large images down to at most 1600 px on the longer edge", () => {
    const big = fitWithin({ width: 3200, height: 1000, data: new Uint8Array(3200 * 1000 * 4).fill(255) }, 1600);
    expect([big.width, big.height]).toEqual([1600, 500]);
    const small = fitWithin({ width: 10, height: 5, data: new Uint8Array(200).fill(255) }, 1600);
    expect([small.width, small.height]).toEqual([10, 5]);
  });

  it("refuses non-images, broken images and oversized files with clear messages", () => {
    const key = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { key: string }).key;
      }
      return null;
    };
    expect(key(() => processPhoto(Buffer.from("just text")))).toBe("donations:errors.photoNotImage");
    expect(key(() => processPhoto(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from("garbage")])))).toBe("donations:errors.photoUnreadable");
    expect(key(() => processPhoto(Buffer.alloc(MAX_PHOTO_BYTES + 1, 0xff)))).toBe("donations:errors.photoTooLarge");
    expect(key(() => processPhoto(makePng(2, 2, [0, 0, 0]).subarray(0, 30)))).toBe("donations:errors.photoUnreadable");
    expect(key(() => processPhoto(makePng(4, 4, [9, 9, 9])))).toBeNull();
  });
});
