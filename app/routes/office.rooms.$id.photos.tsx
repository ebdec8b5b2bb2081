import type { SubmissionResult } from "@conform-to/react";
import { Anchor, Button, Group, Input, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { requireOfficeRoom } from "~/modules/rooms/office-room.server";
import { replyFor, useFieldError } from "~/components/form";
import { MAX_ALT_LENGTH, MAX_ROOM_PHOTO_MB, MAX_ROOM_PHOTOS } from "~/modules/rooms/photo-limits";
import { addRoomPhoto, countRoomPhotos, deletePhoto, listRoomPhotos, MAX_ROOM_PHOTO_BYTES, movePhoto, prepareRoomPhoto, setPhotoAlt, type PreparedRoomPhoto } from "~/modules/rooms/photos.server";
import { isAppError, notFound } from "~/utils/errors";
import { invalid, parseIntentFormData } from "~/utils/forms.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { msg, plainText } from "~/utils/validation";
import { readUploadForm } from "~/utils/uploads.server";
import roomsCss from "~/styles/rooms.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roomsCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.room.name} · Ehrenamt-Hub` : "Ehrenamt-Hub" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { room } = await requireOfficeRoom(await requireActor(request, context), params.id);
  return { room: { id: room.id, name: room.name }, photos: await listRoomPhotos(room.id) };
}

const UploadSchema = z.object({ intent: z.literal("upload"), alt: plainText(MAX_ALT_LENGTH) });
const photoId = z.coerce.number().int().positive();
const AltSchema = z.object({ intent: z.literal("alt"), photoId, alt: plainText(MAX_ALT_LENGTH) });
/** The forms of the page, by their hidden intent; the photo a form is about is a hidden field too. */
const SCHEMAS = {
  upload: UploadSchema,
  alt: AltSchema,
  up: z.object({ intent: z.literal("up"), photoId }),
  down: z.object({ intent: z.literal("down"), photoId }),
  delete: z.object({ intent: z.literal("delete"), photoId }),
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, room } = await requireOfficeRoom(await requireActor(request, context), params.id);
  const here = `/office/rooms/${room.id}/photos`;
  // One photo per upload (each with its own description); a second file is noted, not read.
  const { formData, files, tooLarge, tooMany } = await readUploadForm(request, { field: "photo", maxFiles: 1, maxBytes: MAX_ROOM_PHOTO_BYTES });
  const form = parseIntentFormData(formData, SCHEMAS);
  // A photo of another room, or gone meanwhile: the AppError (404) is answered as such.
  if (form.intent === "upload") {
    const { submission } = form;
    const fail = (key: string) => invalid(submission, { fieldErrors: { ...(submission.status === "error" ? (submission.error as Record<string, string[]>) : {}), photo: [key] } });
    if (tooLarge) return fail(msg("rooms:errors.photoTooLarge", { mb: MAX_ROOM_PHOTO_MB }));
    if (tooMany) return fail("rooms:errors.photoOneAtATime");
    if (!files.length) return fail("rooms:errors.photoRequired");
    // Refused before the (slow) decoding when the room is full; the command checks again.
    if ((await countRoomPhotos(room.id)) >= MAX_ROOM_PHOTOS) return fail(msg("rooms:errors.photoTooMany", { max: MAX_ROOM_PHOTOS }));
    if (submission.status !== "success") return invalid(submission);
    let prepared: PreparedRoomPhoto;
    try {
      prepared = await prepareRoomPhoto(files[0]);
    } catch (e) {
      if (isAppError(e)) return fail(e.values ? msg(e.key, e.values) : e.key === "rooms:errors.photoTooLarge" ? msg(e.key, { mb: MAX_ROOM_PHOTO_MB }) : e.key);
      throw e;
    }
    try {
      await addRoomPhoto(actor, room.id, prepared, submission.value.alt);
    } catch (e) {
      if (isAppError(e) && e.field === "photo") return fail(e.values ? msg(e.key, e.values) : e.key);
      throw e;
    }
    return redirectWithFlash(here, { key: "flash.roomPhotoAdded", kind: "success" });
  }
  if (form.intent === "alt") {
    const { submission } = form;
    if (submission.status !== "success") {
      // The photo id is a hidden field the page filled in: a bad one is a photo that is not there.
      if (submission.error?.photoId) throw notFound();
      return invalid(submission);
    }
    await setPhotoAlt(actor, room.id, submission.value.photoId, submission.value.alt);
    return redirectWithFlash(here, { key: "flash.saved", kind: "success" });
  }
  // Up, down, delete: the hidden photo id is all they carry.
  const { submission } = form;
  if (submission.status !== "success") throw notFound();
  if (form.intent === "delete") {
    await deletePhoto(actor, room.id, submission.value.photoId);
    return redirectWithFlash(here, { key: "flash.roomPhotoDeleted", kind: "success" });
  }
  await movePhoto(actor, room.id, submission.value.photoId, form.intent);
  return redirectWithFlash(here, { key: "flash.saved", kind: "success" });
}

/** One small form per action on a photo (works without JavaScript); `name` says which photo. */
function PhotoButton({ photoId, intent, label, name, danger }: { photoId: number; intent: "up" | "down" | "delete"; label: string; name: string; danger?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="photoId" value={photoId} />
      <Button type="submit" size="compact-sm" variant={danger ? "subtle" : "default"} color={danger ? "red.9" : undefined} c={danger ? "red.9" : undefined} aria-label={name}>
        {label}
      </Button>
    </Form>
  );
}

function AltForm({ photoId, n, alt, result }: { photoId: number; n: number; alt: string; result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const error = useFieldError((result?.error as Record<string, string[]> | undefined)?.alt);
  const kept = (result?.initialValue as Record<string, string> | undefined)?.alt;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="alt" />
      <input type="hidden" name="photoId" value={photoId} />
      <Group align="flex-end" gap="xs">
        <TextInput
          name="alt"
          id={`photo-alt-${photoId}`}
          label={t("rooms:photos.altOf", { n })}
          defaultValue={kept ?? alt}
          required
          maxLength={MAX_ALT_LENGTH}
          error={error}
          style={{ flex: "1 1 16rem" }}
        />
        <Button type="submit" variant="default">
          {t("rooms:photos.saveAlt")}
        </Button>
      </Group>
    </Form>
  );
}

function UploadForm({ result, full }: { result?: SubmissionResult<string[]>; full: boolean }) {
  const { t } = useTranslation();
  const errors = (result?.error ?? {}) as Record<string, string[] | undefined>;
  const photoError = useFieldError(errors.photo);
  const altError = useFieldError(errors.alt);
  const kept = (result?.initialValue ?? {}) as Record<string, string>;
  const describedBy = ["photo-file-description", photoError ? "photo-file-error" : null].filter(Boolean).join(" ");
  return (
    <Form method="post" encType="multipart/form-data">
      <input type="hidden" name="intent" value="upload" />
      <Stack gap="sm">
        {full ? <Text>{t("rooms:photos.full", { max: MAX_ROOM_PHOTOS })}</Text> : null}
        {/* A native file input: it works without JavaScript (Mantine's FileInput opens its dialog by script). */}
        <Input.Wrapper id="photo-file" label={t("rooms:photos.file")} description={t("rooms:photos.fileHint", { mb: MAX_ROOM_PHOTO_MB, max: MAX_ROOM_PHOTOS })} error={photoError} required>
          <input
            id="photo-file"
            name="photo"
            type="file"
            accept="image/jpeg,image/png"
            required
            aria-describedby={describedBy}
            aria-invalid={photoError ? true : undefined}
            className="room-file-input"
          />
        </Input.Wrapper>
        <TextInput
          name="alt"
          id="photo-alt-new"
          label={t("rooms:photos.alt")}
          description={t("rooms:photos.altHint")}
          defaultValue={kept.alt}
          required
          maxLength={MAX_ALT_LENGTH}
          error={altError}
        />
        <Group>
          <Button type="submit">{t("rooms:photos.upload")}</Button>
        </Group>
      </Stack>
    </Form>
  );
}

export default function RoomPhotos() {
  const { t } = useTranslation();
  const { room, photos } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  return (
    <Stack>
      <Anchor component={Link} to={`/office/rooms/${room.id}`}>
        {t("rooms:photos.back", { name: room.name })}
      </Anchor>
      <PageTitle description={t("rooms:photos.intro")}>{t("rooms:photos.title", { name: room.name })}</PageTitle>
      {photos.length === 0 ? <Text>{t("rooms:photos.none")}</Text> : null}
      <ol className="room-photo-admin" aria-label={t("rooms:photos.listLabel")}>
        {photos.map((p, i) => (
          <li key={p.id}>
            <Paper withBorder p="sm">
              <Group align="flex-start" wrap="wrap" gap="md">
                <a href={p.url}>
                  <img src={p.thumbUrl} alt={p.alt} width={p.thumbWidth} height={p.thumbHeight} className="room-photo-thumb" />
                </a>
                <Stack gap="xs" style={{ flex: "1 1 18rem" }}>
                  <Text fw={700}>{t("rooms:photos.position", { n: i + 1, total: photos.length })}</Text>
                  <AltForm photoId={p.id} n={i + 1} alt={p.alt} result={replyFor(replyFor(reply, "intent", "alt"), "photoId", p.id)} />
                  <Group gap="xs">
                    {i > 0 ? <PhotoButton photoId={p.id} intent="up" label={t("rooms:photos.moveUp")} name={t("rooms:photos.moveUpLabel", { n: i + 1 })} /> : null}
                    {i < photos.length - 1 ? <PhotoButton photoId={p.id} intent="down" label={t("rooms:photos.moveDown")} name={t("rooms:photos.moveDownLabel", { n: i + 1 })} /> : null}
                    <PhotoButton photoId={p.id} intent="delete" label={t("rooms:photos.delete")} name={t("rooms:photos.deleteLabel", { n: i + 1 })} danger />
                  </Group>
                </Stack>
              </Group>
            </Paper>
          </li>
        ))}
      </ol>
      <Paper withBorder p="md" component="section" aria-labelledby="photo-upload">
        <Title order={2} size="h4" id="photo-upload" mb="xs">
          {t("rooms:photos.uploadTitle")}
        </Title>
        <UploadForm result={replyFor(reply, "intent", "upload")} full={photos.length >= MAX_ROOM_PHOTOS} />
      </Paper>
    </Stack>
  );
}
