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
import { addRoomPhoto, countRoomPhotos, deletePhoto, listRoomPhotos, MAX_ROOM_PHOTO_BYTES, movePhoto, prepareRoomPhoto, setPhotoAlt, type PreparedRoomPhoto, type RoomPhotoView } from "~/modules/rooms/photos.server";
import { isAppError, notFound } from "~/utils/errors";
import { invalid, parseIntentFormData } from "~/utils/forms.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { msg, optionalText, plainText } from "~/utils/validation";
import { uiLanguageName } from "~/utils/language-names";
import { langAttr, localisedText, parseTranslations, ROOM_TEXT_LANGUAGES, textField, translationsFrom } from "~/modules/rooms/translations";
import { readUploadForm } from "~/utils/uploads.server";
import roomsCss from "~/styles/rooms.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roomsCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.room.name} · Ehrenamt-Hub` : "Ehrenamt-Hub" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { room } = await requireOfficeRoom(await requireActor(request, context), params.id);
  return { room: { id: room.id, name: room.name }, photos: await listRoomPhotos(room.id) };
}

/** The description in the visitors' languages (issue #18): optional, German is the binding one. */
const altTranslations = Object.fromEntries(ROOM_TEXT_LANGUAGES.map((lang) => [textField("alt", lang), optionalText(MAX_ALT_LENGTH)]));
const UploadSchema = z.object({ intent: z.literal("upload"), alt: plainText(MAX_ALT_LENGTH), ...altTranslations });
const photoId = z.coerce.number().int().positive();
const AltSchema = z.object({ intent: z.literal("alt"), photoId, alt: plainText(MAX_ALT_LENGTH), ...altTranslations });
const altOf = (v: { alt: string } & Record<string, unknown>) => ({ text: v.alt, translations: translationsFrom(v, "alt") });
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
      await addRoomPhoto(actor, room.id, prepared, altOf(submission.value));
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
    await setPhotoAlt(actor, room.id, submission.value.photoId, altOf(submission.value));
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

/** One translation of a description: its own field, in its language, with its error. */
function AltTranslationField({ name, id, label, lang, value, errors }: { name: string; id: string; label: string; lang: string; value: string | undefined; errors?: string[] }) {
  const error = useFieldError(errors);
  return <TextInput name={name} id={id} label={label} lang={lang} dir="auto" defaultValue={value} maxLength={MAX_ALT_LENGTH} error={error} />;
}

/**
 * The description in the other UI languages, folded away (a native disclosure: no script needed).
 * Open when one of them was refused, so the message is seen next to its field.
 */
function AltTranslations({ idPrefix, values, errors, n }: { idPrefix: string; values: Record<string, string | undefined>; errors: Record<string, string[] | undefined>; n?: number }) {
  const { t, i18n } = useTranslation();
  const refused = ROOM_TEXT_LANGUAGES.some((lang) => errors[textField("alt", lang)]?.length);
  const filled = ROOM_TEXT_LANGUAGES.filter((lang) => values[textField("alt", lang)]?.trim()).length;
  return (
    <details open={refused || undefined}>
      <summary>{t("rooms:photos.altTranslations", { n: filled, total: ROOM_TEXT_LANGUAGES.length })}</summary>
      <Stack gap="xs" mt="xs">
        <Text size="sm">{t("rooms:photos.altTranslationsHint")}</Text>
        {ROOM_TEXT_LANGUAGES.map((lang) => (
          <AltTranslationField
            key={lang}
            name={textField("alt", lang)}
            id={`${idPrefix}-${lang}`}
            label={n ? t("rooms:photos.altOfIn", { n, language: uiLanguageName(lang, i18n.language) }) : t("rooms:photos.altIn", { language: uiLanguageName(lang, i18n.language) })}
            lang={lang}
            value={values[textField("alt", lang)]}
            errors={errors[textField("alt", lang)]}
          />
        ))}
      </Stack>
    </details>
  );
}

function AltForm({ photoId, n, alt, altTranslations, result }: { photoId: number; n: number; alt: string; altTranslations: string; result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const errors = (result?.error ?? {}) as Record<string, string[] | undefined>;
  const error = useFieldError(errors.alt);
  // After a refused save the office's input is kept; otherwise the stored texts.
  const kept = result?.initialValue as Record<string, string> | undefined;
  const stored = parseTranslations(altTranslations);
  const values = Object.fromEntries(ROOM_TEXT_LANGUAGES.map((lang) => [textField("alt", lang), kept ? kept[textField("alt", lang)] : stored[lang]]));
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="alt" />
      <input type="hidden" name="photoId" value={photoId} />
      <Stack gap="xs">
        <TextInput name="alt" id={`photo-alt-${photoId}`} label={t("rooms:photos.altOf", { n })} defaultValue={kept?.alt ?? alt} required maxLength={MAX_ALT_LENGTH} error={error} />
        <AltTranslations idPrefix={`photo-alt-${photoId}`} values={values} errors={errors} n={n} />
        <Group>
          <Button type="submit" variant="default">
            {t("rooms:photos.saveAlt")}
          </Button>
        </Group>
      </Stack>
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
        <AltTranslations idPrefix="photo-alt-new" values={kept} errors={errors} />
        <Group>
          <Button type="submit">{t("rooms:photos.upload")}</Button>
        </Group>
      </Stack>
    </Form>
  );
}

/** The thumbnail, described in the page's language (German, marked as such, where none was entered). */
function PhotoThumb({ photo }: { photo: RoomPhotoView }) {
  const { i18n } = useTranslation();
  const alt = localisedText(photo.alt, photo.altTranslations, i18n.language);
  return <img src={photo.thumbUrl} alt={alt.text} lang={langAttr(alt, i18n.language)} width={photo.thumbWidth} height={photo.thumbHeight} className="room-photo-thumb" />;
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
                  <PhotoThumb photo={p} />
                </a>
                <Stack gap="xs" style={{ flex: "1 1 18rem" }}>
                  <Text fw={700}>{t("rooms:photos.position", { n: i + 1, total: photos.length })}</Text>
                  <AltForm photoId={p.id} n={i + 1} alt={p.alt} altTranslations={p.altTranslations} result={replyFor(replyFor(reply, "intent", "alt"), "photoId", p.id)} />
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
