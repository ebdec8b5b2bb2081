import { readUploadForm } from "~/utils/uploads.server";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "./photos.server";

/**
 * Reads the offer form (multipart, also posted without JavaScript): files of the field
 * `photos` up to the size limit; an oversized file or a sixth photo is noted, not stored.
 */
export async function readPhotoForm(request: Request): Promise<{ formData: FormData; photos: Buffer[]; tooLarge: boolean; tooMany: boolean }> {
  const { formData, files, tooLarge, tooMany } = await readUploadForm(request, { field: "photos", maxFiles: MAX_PHOTOS, maxBytes: MAX_PHOTO_BYTES });
  return { formData, photos: files, tooLarge, tooMany };
}
