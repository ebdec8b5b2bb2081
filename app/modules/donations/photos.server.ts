import { AppError } from "~/utils/errors";
import { isImageError, MAX_INPUT_MEGAPIXELS, processImage, type EncodedImage } from "~/utils/images.server";
import { MAX_PHOTO_MB } from "./photo-limits";

/**
 * Offer photos: checked, decoded (off the JavaScript thread), scaled to 1600 px and re-encoded
 * without metadata by the shared image code (`app/utils/images.server.ts`, which also turns phone
 * photos upright by their EXIF orientation); this file only adds the limits and the messages.
 */
export { MAX_PHOTOS } from "./photo-limits";
export { sniffImage } from "~/utils/images.server";
export const MAX_PHOTO_BYTES = MAX_PHOTO_MB * 1024 * 1024;
export const MAX_EDGE = 1600;

export type ProcessedPhoto = EncodedImage;

const MESSAGES = {
  tooLarge: "donations:errors.photoTooLarge",
  tooManyPixels: `security:images.tooManyPixels|${JSON.stringify({ max: MAX_INPUT_MEGAPIXELS })}`,
  notImage: "donations:errors.photoNotImage",
  unreadable: "donations:errors.photoUnreadable",
  format: "donations:errors.photoFormat",
} as const;

/** Checks, decodes, scales and re-encodes one uploaded photo. */
export async function processPhoto(buf: Buffer): Promise<ProcessedPhoto> {
  try {
    const [photo] = await processImage(buf, { maxBytes: MAX_PHOTO_BYTES, sizes: [{ maxEdge: MAX_EDGE }] });
    return photo;
  } catch (e) {
    if (isImageError(e)) throw new AppError(MESSAGES[e.problem], 400, "photos");
    throw e;
  }
}
