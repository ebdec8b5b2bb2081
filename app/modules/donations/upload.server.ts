import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "./photos.server";

const MAX_TEXT_PART = 16 * 1024;

/**
 * Reads a multipart form (also posted without JavaScript). Files of the field `photos` are
 * collected in memory up to the size limit; an oversized file or a sixth photo is noted, not
 * stored, so the form can answer with a clear message. Other files are ignored.
 */
export async function readPhotoForm(request: Request): Promise<{ formData: FormData; photos: Buffer[]; tooLarge: boolean; tooMany: boolean }> {
  const photos: Buffer[] = [];
  let tooLarge = false;
  let tooMany = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const limit = filename === undefined ? MAX_TEXT_PART : MAX_PHOTO_BYTES;
    let over = false;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > limit) over = true;
      else chunks.push(chunk);
    }
    if (filename === undefined) return over ? undefined : Buffer.concat(chunks).toString("utf8");
    if (name !== "photos" || size === 0) return undefined;
    if (over) tooLarge = true;
    else if (photos.length >= MAX_PHOTOS) tooMany = true;
    else photos.push(Buffer.concat(chunks));
    return undefined;
  };
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    try {
      return { formData: await request.formData(), photos, tooLarge, tooMany };
    } catch {
      throw new Response("Bad Request", { status: 400 });
    }
  }
  try {
    const formData = await unstable_parseMultipartFormData(request, handler);
    return { formData, photos, tooLarge, tooMany };
  } catch {
    throw new Response("Bad Request", { status: 400 });
  }
}
