import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { normalizeFormData } from "./digits";

const MAX_TEXT_PART = 16 * 1024;

export type UploadForm = { formData: FormData; files: Buffer[]; tooLarge: boolean; tooMany: boolean; fileNames?: string[] };

/**
 * Reads a form that may carry files (multipart, also posted without JavaScript). Files of the
 * field `field` are collected in memory up to `maxBytes` each; an oversized file or one more
 * than `maxFiles` is noted, not kept, so the form can answer with a clear message. Other files
 * are ignored; text parts longer than 16 KiB are dropped. An unreadable body is a 400.
 */
export async function readUploadForm(request: Request, opts: { field: string; maxFiles: number; maxBytes: number }): Promise<UploadForm> {
  const files: Buffer[] = [];
  const fileNames: string[] = [];
  let tooLarge = false;
  let tooMany = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const limit = filename === undefined ? MAX_TEXT_PART : opts.maxBytes;
    let over = false;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > limit) over = true;
      else chunks.push(chunk);
    }
    if (filename === undefined) return over ? undefined : Buffer.concat(chunks).toString("utf8");
    if (name !== opts.field || size === 0) return undefined;
    if (over) tooLarge = true;
    else if (files.length >= opts.maxFiles) tooMany = true;
    else {
      files.push(Buffer.concat(chunks));
      fileNames.push(filename);
    }
    return undefined;
  };
  const contentType = request.headers.get("Content-Type") ?? "";
  try {
    if (!contentType.startsWith("multipart/form-data")) return { formData: normalizeFormData(await request.formData()), files, tooLarge, tooMany };
    const formData = await unstable_parseMultipartFormData(request, handler);
    return { formData: normalizeFormData(formData), files, tooLarge, tooMany, fileNames };
  } catch {
    throw new Response("Bad Request", { status: 400 });
  }
}
