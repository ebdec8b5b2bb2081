import { AppError } from "~/utils/errors";
import { decodeImage, encodeJpeg, isImageError, type EncodedImage } from "~/utils/images.server";
import { MAX_PHOTO_MB } from "./photo-limits";

/**
 * Offer photos: checked, decoded, scaled to 1600 px and re-encoded without metadata by the
 * shared image code (`app/utils/images.server.ts`, which also turns phone photos upright by their
 * EXIF orientation); this file only adds the limits and the donation module's messages.
 */
export { MAX_PHOTOS } from "./photo-limits";
export { applyOrientation, decodePng, fitWithin, jpegOrientation, sniffImage } from "~/utils/images.server";
export const MAX_PHOTO_BYTES = MAX_PHOTO_MB * 1024 * 1024;
export const MAX_EDGE = 1600;

export type ProcessedPhoto = EncodedImage;

const MESSAGES = {
  tooLarge: "donations:errors.photoTooLarge",
  notImage: "donations:errors.photoNotImage",
  unreadable: "donations:errors.photoUnreadable",
  format: "donations:errors.photoFormat",
} as const;

/** Checks, decodes, scales and re-encodes one uploaded photo. */
export function processPhoto(buf: Buffer): ProcessedPhoto {
  try {
    return encodeJpeg(decodeImage(buf, MAX_PHOTO_BYTES), MAX_EDGE);
  } catch (e) {
    if (isImageError(e)) throw new AppError(MESSAGES[e.problem], 400, "photos");
    throw e;
  }
}
