/** Hand-built images for upload tests (no binary fixtures in the repository). */
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

function pngChunk(type: string, body: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const typeAndBody = Buffer.concat([Buffer.from(type, "latin1"), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndBody));
  return Buffer.concat([len, typeAndBody, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number) {
  const h = Buffer.alloc(13);
  h.writeUInt32BE(width, 0);
  h.writeUInt32BE(height, 4);
  h[8] = 8; // bit depth
  h[9] = 2; // RGB
  return h;
}

/** A small PNG (RGB, rows alternating filter none / sub) built by hand. */
export function makePng(width: number, height: number, rgb: [number, number, number]) {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(y % 2); // alternate filters none / sub
    for (let x = 0; x < width; x++) rows.push(...(y % 2 && x > 0 ? [0, 0, 0] : rgb));
  }
  return Buffer.concat([PNG_SIGNATURE, pngChunk("IHDR", ihdr(width, height)), pngChunk("IDAT", deflateSync(Buffer.from(rows))), pngChunk("IEND", Buffer.alloc(0))]);
}

/**
 * A real PNG of `width`×`height` nearly uniform pixels: tiny on disk, large once decoded (the
 * "decompression bomb" of issue #12 item 6: 6300×6300 px in 40 KB). Encoded by sharp, off the thread.
 */
export function makeBigPng(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 140, b: 160 } } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

function withApp1(jpeg: Buffer, payload: Buffer) {
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

async function jpegFrom(width: number, height: number, paint: (x: number, y: number) => [number, number, number], quality: number) {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(paint(x, y), (y * width + x) * 3);
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
}

/** A JPEG with an EXIF block carrying a GPS marker text. */
export async function makeJpegWithExif(width = 40, height = 30) {
  const plain = await jpegFrom(width, height, () => [200, 200, 200], 90);
  return withApp1(plain, Buffer.from("Exif\0\0GPSLatitude 51.2633 GPSLongitude 6.5493", "latin1"));
}

/**
 * A real JPEG whose pixels come from `paint`, with a hand-written EXIF APP1 segment: a TIFF
 * header (big- or little-endian) and one IFD entry, Orientation (0x0112, SHORT) = `orientation`.
 */
export async function makeJpegWithOrientation(width: number, height: number, orientation: number, paint: (x: number, y: number) => [number, number, number], byteOrder: "MM" | "II" = "MM") {
  const plain = await jpegFrom(width, height, paint, 95);
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
  return withApp1(plain, Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]));
}

/** Size of an encoded image and which quadrants are red: [top-left, top-right, bottom-left, bottom-right]. */
export async function redQuadrants(image: Buffer) {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const [w, h, c] = [info.width, info.height, info.channels];
  const red = (x: number, y: number) => {
    const i = (Math.floor(y) * w + Math.floor(x)) * c;
    if (Math.max(data[i], data[i + 2]) <= 150) throw new Error(`pixel ${x},${y} is neither clearly red nor blue`);
    return data[i] > data[i + 2];
  };
  return { size: [w, h], red: [red(w / 4, h / 4), red((3 * w) / 4, h / 4), red(w / 4, (3 * h) / 4), red((3 * w) / 4, (3 * h) / 4)] };
}
