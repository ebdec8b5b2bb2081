/** Hand-built images for upload tests (no binary fixtures in the repository). */
import { deflateSync } from "node:zlib";
import jpeg from "jpeg-js";

/** A tiny PNG (RGB, filter 0/1) built by hand. */
export function makePng(width: number, height: number, rgb: [number, number, number]) {
  const crc = () => Buffer.alloc(4); // the decoder does not check CRCs
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    return Buffer.concat([len, Buffer.from(type, "latin1"), body, crc()]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(y % 2); // alternate filters none / sub
    for (let x = 0; x < width; x++) rows.push(...(y % 2 && x > 0 ? [0, 0, 0] : rgb));
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.from(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** A JPEG with an EXIF block carrying a GPS marker text. */
export function makeJpegWithExif(width = 40, height = 30) {
  const data = Buffer.alloc(width * height * 4, 200);
  const plain = jpeg.encode({ width, height, data }, 90).data;
  const payload = Buffer.from("Exif\0\0GPSLatitude 51.2633 GPSLongitude 6.5493", "latin1");
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([plain.subarray(0, 2), app1, plain.subarray(2)]);
}

/**
 * A real JPEG whose pixels come from `paint`, with a hand-written EXIF APP1 segment: a TIFF
 * header (big- or little-endian) and one IFD entry, Orientation (0x0112, SHORT) = `orientation`.
 */
export function makeJpegWithOrientation(width: number, height: number, orientation: number, paint: (x: number, y: number) => [number, number, number], byteOrder: "MM" | "II" = "MM") {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([...paint(x, y), 255], (y * width + x) * 4);
  }
  const plain = jpeg.encode({ width, height, data }, 95).data;
  const le = byteOrder === "II";
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  const u16 = (v: number, o: number) => (le ? tiff.writeUInt16LE(v, o) : tiff.writeUInt16BE(v, o));
  const u32 = (v: number, o: number) => (le ? tiff.writeUInt32LE(v, o) : tiff.writeUInt32BE(v, o));
  tiff.write(byteOrder, 0, "latin1");
  u16(42, 2);
  u32(8, 4); // IFD0 right after the header
  u16(1, 8); // one entry
  u16(0x0112, 10); // Orientation
  u16(3, 12); // SHORT
  u32(1, 14); // one value
  u16(orientation, 18); // stored in place (left-justified)
  u32(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([plain.subarray(0, 2), app1, plain.subarray(2)]);
}
