import sharp, { type Metadata, type Sharp } from "sharp";

/**
 * Uploaded photos (donation offers, room photos): only real JPEG or PNG images (recognised by
 * their first bytes, never by the name or the browser's type), decoded, turned upright by their
 * EXIF orientation, scaled down and encoded again as JPEG without any metadata (EXIF with GPS
 * position, camera, comments). The work is done by sharp (libvips) on libuv's thread pool, off the
 * JavaScript thread: a large picture no longer blocks other requests (issue #12 item 6; ADR 0021).
 * The header is read first: a picture with more than `MAX_INPUT_PIXELS` is refused before any
 * pixel is decoded. Callers map an `ImageError` to their own translated message.
 */
export type ImageProblem = "tooLarge" | "tooManyPixels" | "notImage" | "unreadable" | "format";

export class ImageError extends Error {
  constructor(public readonly problem: ImageProblem) {
    super(`image ${problem}`);
    this.name = "ImageError";
  }
}

export const isImageError = (e: unknown): e is ImageError => e instanceof ImageError;

/** Raw pixels (tests and the demo seed's drawn picture). */
export type Rgba = { width: number; height: number; data: Uint8Array };
export type EncodedImage = { mime: "image/jpeg"; width: number; height: number; data: Buffer };

/** 25 megapixels: a 12 MP phone photo passes with room to spare; the 40 MP PNG "bombs" of issue #12 do not. */
export const MAX_INPUT_PIXELS = 25_000_000;
export const MAX_INPUT_MEGAPIXELS = MAX_INPUT_PIXELS / 1_000_000;

// Every upload is different: libvips' operation cache would only hold memory.
sharp.cache(false);

export function sniffImage(buf: Uint8Array): "jpeg" | "png" | null {
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return "jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length > 8 && png.every((b, i) => buf[i] === b)) return "png";
  return null;
}

const input = (buf: Buffer) => sharp(buf, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", sequentialRead: true });

/** Checks size, first bytes and the header's dimensions (no pixel decoded yet). */
async function check(buf: Buffer, maxBytes: number) {
  if (buf.length > maxBytes) throw new ImageError("tooLarge");
  const kind = sniffImage(buf);
  if (!kind) throw new ImageError("notImage");
  let meta: Metadata;
  try {
    meta = await sharp(buf).metadata();
  } catch {
    throw new ImageError("unreadable");
  }
  if (meta.format !== (kind === "png" ? "png" : "jpeg")) throw new ImageError("format");
  if (!meta.width || !meta.height) throw new ImageError("unreadable");
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new ImageError("tooManyPixels");
}

async function encode(pipeline: Sharp, maxEdge: number, quality: number): Promise<EncodedImage> {
  try {
    const { data, info } = await pipeline
      .resize({ width: maxEdge, height: maxEdge, fit: "inside", withoutEnlargement: true })
      // Transparency goes on white (JPEG has none).
      .flatten({ background: "#ffffff" })
      .jpeg({ quality })
      .toBuffer({ resolveWithObject: true });
    return { mime: "image/jpeg", width: info.width, height: info.height, data };
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) throw new ImageError("tooManyPixels");
    throw new ImageError("unreadable");
  }
}

/**
 * Checks one uploaded photo and encodes it once per requested longest edge (e.g. large version
 * and thumbnail), turned upright, without metadata. Decoding happens off the JavaScript thread.
 */
export async function processImage(buf: Buffer, opts: { maxBytes: number; sizes: Array<{ maxEdge: number; quality?: number }> }): Promise<EncodedImage[]> {
  await check(buf, opts.maxBytes);
  // `.rotate()` without an angle applies the EXIF orientation; sharp writes no metadata unless asked to.
  const base = input(buf).rotate();
  return Promise.all(opts.sizes.map((s) => encode(base.clone(), s.maxEdge, s.quality ?? 80)));
}

/** Encodes raw pixels as a JPEG of at most `maxEdge` (the demo seed's drawing, test photos). */
export async function encodeRgba(img: Rgba, maxEdge: number, quality = 80): Promise<EncodedImage> {
  return encode(sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: 4 } }), maxEdge, quality);
}
