import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { getDb, transaction } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import { isImageError, processImage, sniffImage } from "~/utils/images.server";
import { isEditable } from "./rules";

/**
 * Evidence files of a seal application (issue #15): PDF, JPEG or PNG, checked by their content
 * (the name and the browser's type decide nothing), at most 5 MB each and 20 per application.
 * Images are decoded and re-encoded as JPEG, turned upright, without metadata (EXIF, GPS); PDFs
 * are kept as sent. Seen by the association's members, the office and the jurors who declared no
 * conflict of interest; by no one else.
 */

export const MAX_EVIDENCE_MB = 5;
export const MAX_EVIDENCE_BYTES = MAX_EVIDENCE_MB * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 20;

export type PreparedEvidence = { fileName: string; mime: "application/pdf" | "image/jpeg"; data: Buffer };

const isPdf = (buf: Buffer) => buf.length > 8 && buf.subarray(0, 5).toString("latin1") === "%PDF-" && buf.subarray(Math.max(0, buf.length - 1024)).toString("latin1").includes("%%EOF");

/** A safe file name: no path, letters, digits and a few marks, the extension of what the file is. */
export function evidenceFileName(name: string, mime: PreparedEvidence["mime"]): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/\.[^.]*$/, "")
    .normalize("NFC")
    .replace(/[^\p{L}\p{N} ._-]/gu, "")
    .trim()
    .slice(0, 80);
  return `${base || "nachweis"}.${mime === "application/pdf" ? "pdf" : "jpg"}`;
}

/** Checks and prepares one uploaded file (slow for images: decoded off the JavaScript thread). */
export async function prepareEvidence(buf: Buffer, name: string): Promise<PreparedEvidence> {
  if (buf.length > MAX_EVIDENCE_BYTES) throw new AppError("seal:errors.fileTooLarge", 400, "file", { mb: MAX_EVIDENCE_MB });
  if (isPdf(buf)) return { fileName: evidenceFileName(name, "application/pdf"), mime: "application/pdf", data: buf };
  if (!sniffImage(buf)) throw new AppError("seal:errors.fileType", 400, "file");
  try {
    const [jpeg] = await processImage(buf, { maxBytes: MAX_EVIDENCE_BYTES, sizes: [{ maxEdge: 2400, quality: 85 }] });
    return { fileName: evidenceFileName(name, "image/jpeg"), mime: "image/jpeg", data: jpeg.data };
  } catch (e) {
    if (isImageError(e)) throw new AppError(e.problem === "tooLarge" ? "seal:errors.fileTooLarge" : "seal:errors.fileUnreadable", 400, "file", e.problem === "tooLarge" ? { mb: MAX_EVIDENCE_MB } : undefined);
    throw e;
  }
}

async function editableOwnApplication(trx: Kysely<DB>, actor: Actor, applicationId: number) {
  const app = await trx.selectFrom("seal_application").select(["id", "organisation_id", "status", "catalogue_version"]).where("id", "=", applicationId).executeTakeFirst();
  if (!app || !can(actor, "apply:seal:own", { organisationId: app.organisation_id })) throw notFound();
  if (!isEditable(app.status)) throw new AppError("seal:errors.notEditable", 409);
  return app;
}

export async function addEvidence(actor: Actor, applicationId: number, criterionId: number, file: PreparedEvidence, now = new Date()): Promise<number> {
  return transaction(async (trx) => {
    const app = await editableOwnApplication(trx, actor, applicationId);
    const criterion = await trx.selectFrom("seal_criterion").select("id").where("id", "=", criterionId).where("version", "=", app.catalogue_version).executeTakeFirst();
    if (!criterion) throw notFound();
    const { n } = await trx.selectFrom("seal_evidence").select((eb) => eb.fn.countAll<number>().as("n")).where("application_id", "=", app.id).executeTakeFirstOrThrow();
    if (Number(n) >= MAX_EVIDENCE_FILES) throw new AppError("seal:errors.tooManyFiles", 400, "file", { max: MAX_EVIDENCE_FILES });
    const { id } = await trx
      .insertInto("seal_evidence")
      .values({ application_id: app.id, criterion_id: criterion.id, file_name: file.fileName, mime: file.mime, size: file.data.length, data: file.data, created_by: actor.userId, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("seal_application").set({ updated_at: now.toISOString() }).where("id", "=", app.id).execute();
    return id;
  });
}

export async function deleteEvidence(actor: Actor, applicationId: number, evidenceId: number) {
  await transaction(async (trx) => {
    const app = await editableOwnApplication(trx, actor, applicationId);
    const r = await trx.deleteFrom("seal_evidence").where("id", "=", evidenceId).where("application_id", "=", app.id).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw notFound();
  });
}

/** The files of an application without their bytes, for the pages. */
export async function listEvidence(db: Kysely<DB>, applicationId: number) {
  return db.selectFrom("seal_evidence").select(["id", "criterion_id", "file_name", "mime", "size"]).where("application_id", "=", applicationId).orderBy("id").execute();
}

/** One file for download, or null unless the actor may see the application's evidence. */
export async function getEvidenceFile(actor: Actor, evidenceId: number) {
  const db = getDb();
  const file = await db
    .selectFrom("seal_evidence as e")
    .innerJoin("seal_application as a", "a.id", "e.application_id")
    .select(["e.id", "e.application_id", "e.file_name", "e.mime", "e.data", "a.organisation_id"])
    .where("e.id", "=", evidenceId)
    .executeTakeFirst();
  if (!file) return null;
  if (can(actor, "manage:seal:any") || can(actor, "apply:seal:own", { organisationId: file.organisation_id })) return file;
  const juror = await db
    .selectFrom("seal_assignment as s")
    .innerJoin("seal_juror as j", "j.user_id", "s.juror_user_id")
    .select("s.juror_user_id")
    .where("s.application_id", "=", file.application_id)
    .where("s.juror_user_id", "=", actor.userId)
    .where("s.conflict", "=", "none")
    .where("j.removed_at", "is", null)
    .executeTakeFirst();
  return juror && can(actor, "review:seal:own", { userId: juror.juror_user_id }) ? file : null;
}
