import { describe, expect, it } from "vitest";
import { makeJpegWithExif, makePng } from "../factories/images";
import { decodePng, fitWithin, MAX_PHOTO_BYTES, processPhoto, sniffImage } from "../../app/modules/donations/photos.server";

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
