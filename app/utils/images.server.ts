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

/** Checks the size and the first bytes, then decodes JPEG or PNG into RGBA pixels. */
export function decodeImage(buf: Buffer, maxBytes: number): Rgba {
  if (buf.length > maxBytes) throw new ImageError("tooLarge");
  const kind = sniffImage(buf);
  if (!kind) throw new ImageError("notImage");
  if (kind === "png") return decodePng(buf);
  try {
    return jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 512 });
  } catch {
    throw bad();
  }
}

/** Scales pixels to at most `maxEdge` and encodes them as a JPEG without any metadata. */
export function encodeJpeg(img: Rgba, maxEdge: number, quality = 80): EncodedImage {
  const scaled = fitWithin(img, maxEdge);
  const data = jpeg.encode({ width: scaled.width, height: scaled.height, data: scaled.data }, quality).data;
  return { mime: "image/jpeg", width: scaled.width, height: scaled.height, data: Buffer.from(data) };
}

/** Checks, decodes, scales and re-encodes one uploaded photo. */
export function processImage(buf: Buffer, opts: { maxBytes: number; maxEdge: number }): EncodedImage {
  return encodeJpeg(decodeImage(buf, opts.maxBytes), opts.maxEdge);
}
