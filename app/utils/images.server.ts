import { inflateSync } from "node:zlib";
import jpeg from "jpeg-js";

/**
 * Uploaded photos (donation offers, room photos): only real JPEG or PNG images (recognised by
 * their first bytes, never by the name or the browser's type), decoded, scaled down and
 * encoded again as JPEG. Re-encoding from pixels drops every metadata block (EXIF with GPS
 * position, camera, comments). Pure JavaScript (jpeg-js and node:zlib): nothing to download
 * or compile (ADR 0005). Callers map an `ImageError` to their own translated message.
 */
export type ImageProblem = "tooLarge" | "notImage" | "unreadable" | "format";

export class ImageError extends Error {
  constructor(public readonly problem: ImageProblem) {
    super(`image ${problem}`);
    this.name = "ImageError";
  }
}

export const isImageError = (e: unknown): e is ImageError => e instanceof ImageError;

export type Rgba = { width: number; height: number; data: Uint8Array };
export type EncodedImage = { mime: "image/jpeg"; width: number; height: number; data: Buffer };

const MAX_PIXELS = 40_000_000;

export function sniffImage(buf: Uint8Array): "jpeg" | "png" | null {
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return "jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length > 8 && png.every((b, i) => buf[i] === b)) return "png";
  return null;
}

const bad = () => new ImageError("unreadable");

/** A minimal PNG decoder: 8-bit greyscale, grey+alpha, RGB or RGBA, not interlaced. */
export function decodePng(buf: Buffer): Rgba {
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (body.length !== len) throw bad();
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colorType = body[9];
      if (depth !== 8 || body[12] !== 0 || ![0, 2, 4, 6].includes(colorType)) throw new ImageError("format");
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    pos += 12 + len;
  }
  if (!width || !height || width * height > MAX_PIXELS || !idat.length) throw bad();
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType as 0 | 2 | 4 | 6];
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: (width * channels + 1) * height + 1 });
  } catch {
    throw bad();
  }
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw bad();
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[out + x - channels] : 0;
      const b = y > 0 ? pixels[out - stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[out - stride + x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw bad();
      pixels[out + x] = v & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    const g = pixels[j];
    if (channels === 1) rgba.set([g, g, g, 255], i * 4);
    else if (channels === 2) rgba.set([g, g, g, pixels[j + 1]], i * 4);
    else if (channels === 3) rgba.set([pixels[j], pixels[j + 1], pixels[j + 2], 255], i * 4);
    else rgba.set([pixels[j], pixels[j + 1], pixels[j + 2], pixels[j + 3]], i * 4);
  }
  return { width, height, data: rgba };
}

/** Scales so that the longer edge is at most `maxEdge` (averaging the covered source pixels); transparency goes on white. */
export function fitWithin(img: Rgba, maxEdge: number): Rgba {
  const scale = Math.min(1, maxEdge / Math.max(img.width, img.height));
  const w = Math.max(1, Math.round(img.width * scale));
  const h = Math.max(1, Math.round(img.height * scale));
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y / scale);
    const y1 = Math.min(img.height, Math.max(y0 + 1, Math.floor((y + 1) / scale)));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x / scale);
      const x1 = Math.min(img.width, Math.max(x0 + 1, Math.floor((x + 1) / scale)));
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * img.width + sx) * 4;
          const alpha = img.data[i + 3] / 255;
          r += img.data[i] * alpha + 255 * (1 - alpha);
          g += img.data[i + 1] * alpha + 255 * (1 - alpha);
          b += img.data[i + 2] * alpha + 255 * (1 - alpha);
          n++;
        }
      }
      const o = (y * w + x) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * The EXIF Orientation tag (0x0112) of a JPEG: 1 (as stored) … 8. Reads the APP1 "Exif"
 * segment's TIFF header and first IFD only; anything missing or malformed counts as 1.
 */
export function jpegOrientation(buf: Uint8Array): number {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = 2;
  while (pos + 4 <= b.length) {
    if (b[pos] !== 0xff) return 1;
    const marker = b[pos + 1];
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return 1; // the image data starts: no EXIF before it
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    const len = b.readUInt16BE(pos + 2);
    const start = pos + 4;
    const end = pos + 2 + len;
    if (len < 2 || end > b.length) return 1;
    if (marker === 0xe1 && end - start >= 14 && b.toString("latin1", start, start + 6) === "Exif\0\0") return tiffOrientation(b.subarray(start + 6, end));
    pos = end;
  }
  return 1;
}

function tiffOrientation(t: Buffer): number {
  const order = t.toString("latin1", 0, 2);
  if (order !== "II" && order !== "MM") return 1;
  const le = order === "II";
  const u16 = (o: number) => (o >= 0 && o + 2 <= t.length ? (le ? t.readUInt16LE(o) : t.readUInt16BE(o)) : -1);
  const u32 = (o: number) => (o >= 0 && o + 4 <= t.length ? (le ? t.readUInt32LE(o) : t.readUInt32BE(o)) : -1);
  if (u16(2) !== 42) return 1;
  const ifd = u32(4);
  const count = u16(ifd);
  if (ifd < 8 || count < 0) return 1;
  for (let i = 0; i < count && i < 512; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > t.length) return 1;
    if (u16(e) !== 0x0112) continue;
    const value = u16(e + 2) === 3 ? u16(e + 8) : -1; // type SHORT, the value stored in place
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

/**
 * Where a stored pixel (x, y) of a w×h image goes for each EXIF orientation, as
 * X = a·x + b·y + c, Y = d·x + e·y + f (c and f from w and h). 2 mirrored, 3 upside down,
 * 4 mirrored upside down, 5 mirrored and turned, 6 turned 90° clockwise to stand, 7 mirrored
 * and turned, 8 turned 90° anticlockwise to stand.
 */
const ORIENTATIONS: Record<number, (w: number, h: number) => [number, number, number, number, number, number]> = {
  2: (w) => [-1, 0, w - 1, 0, 1, 0],
  3: (w, h) => [-1, 0, w - 1, 0, -1, h - 1],
  4: (_w, h) => [1, 0, 0, 0, -1, h - 1],
  5: () => [0, 1, 0, 1, 0, 0],
  6: (_w, h) => [0, -1, h - 1, 1, 0, 0],
  7: (w, h) => [0, -1, h - 1, -1, 0, w - 1],
  8: (w) => [0, 1, 0, -1, 0, w - 1],
};

/** Turns and mirrors the pixels so the picture stands as the camera's orientation tag says. */
export function applyOrientation(img: Rgba, orientation: number): Rgba {
  const map = ORIENTATIONS[orientation];
  if (!map) return img;
  const { width: w, height: h } = img;
  const W = orientation >= 5 ? h : w;
  const H = orientation >= 5 ? w : h;
  const [a, b, c, d, e, f] = map(w, h);
  const src = new Uint32Array(new Uint8Array(img.data).buffer); // a copy, aligned for whole pixels
  const dst = new Uint32Array(W * H);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) dst[(d * x + e * y + f) * W + (a * x + b * y + c)] = src[y * w + x];
  }
  return { width: W, height: H, data: new Uint8Array(dst.buffer) };
}

/** Decoded pixels and the EXIF orientation to apply (JPEGs from phone cameras; 1 = as stored). */
export type DecodedImage = Rgba & { orientation: number };

/** Checks the size and the first bytes, then decodes JPEG or PNG into RGBA pixels. */
export function decodeImage(buf: Buffer, maxBytes: number): DecodedImage {
  if (buf.length > maxBytes) throw new ImageError("tooLarge");
  const kind = sniffImage(buf);
  if (!kind) throw new ImageError("notImage");
  if (kind === "png") return { ...decodePng(buf), orientation: 1 };
  let img: Rgba;
  try {
    img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 512 });
  } catch {
    throw bad();
  }
  return { width: img.width, height: img.height, data: img.data, orientation: jpegOrientation(buf) };
}

/**
 * Scales pixels to at most `maxEdge`, turns them upright (EXIF orientation, after scaling: fewer
 * pixels to move, and turning keeps the longer edge) and encodes them as a JPEG without any metadata.
 */
export function encodeJpeg(img: DecodedImage | Rgba, maxEdge: number, quality = 80): EncodedImage {
  const scaled = applyOrientation(fitWithin(img, maxEdge), "orientation" in img ? img.orientation : 1);
  const data = jpeg.encode({ width: scaled.width, height: scaled.height, data: scaled.data }, quality).data;
  return { mime: "image/jpeg", width: scaled.width, height: scaled.height, data: Buffer.from(data) };
}

/** Checks, decodes, scales and re-encodes one uploaded photo. */
export function processImage(buf: Buffer, opts: { maxBytes: number; maxEdge: number }): EncodedImage {
  return encodeJpeg(decodeImage(buf, opts.maxBytes), opts.maxEdge);
}
