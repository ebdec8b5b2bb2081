import { parseWithZod } from "@conform-to/zod";
import { Anchor, Button, Input, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { useFieldError } from "~/components/form";
import { createBatch, listBatches } from "~/modules/import/batches.server";
import { ENABLED_KINDS, IMPORT_LIMITS } from "~/modules/import/limits";
import { UploadSchema } from "~/modules/import/schema";
import { formatDateTime } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { readUploadForm } from "~/utils/uploads.server";
import { msg } from "~/utils/validation";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "import:title");

const MB = IMPORT_LIMITS.maxBytes / 1024 / 1024;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:import:any");
  return { batches: await listBatches(actor) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:import:any");
  const { formData, files, fileNames, tooLarge, tooMany } = await readUploadForm(request, { field: "file", maxFiles: 1, maxBytes: IMPORT_LIMITS.maxBytes });
  const submission = parseWithZod(formData, { schema: UploadSchema });
  const fail = (key: string) => invalid(submission, { fieldErrors: { ...(submission.status === "error" ? (submission.error as Record<string, string[]>) : {}), file: [key] } });
  if (tooLarge) return fail(msg("import:errors.fileTooLarge", { mb: MB }));
  if (tooMany) return fail("import:errors.oneFile");
  if (!files.length) return fail("import:errors.fileRequired");
  if (submission.status !== "success") return invalid(submission);
  let id: number;
  try {
    id = await createBatch(actor, { kind: submission.value.kind, fileName: fileNames?.[0] ?? "upload", bytes: files[0], sheet: submission.value.sheet });
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/import/${id}`, { key: "import:flash.uploaded", kind: "success" });
}

export default function ImportIndex() {
  const { t, i18n } = useTranslation();
  const { batches } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.error ?? {}) as Record<string, string[] | undefined>;
  const fileError = useFieldError(errors.file);
  const sheetError = useFieldError(errors.sheet);
  const kindError = useFieldError(errors.kind);
  const kept = (result?.initialValue ?? {}) as Record<string, string>;
  return (
    <Stack>
      <PageTitle description={t("import:intro")}>{t("import:title")}</PageTitle>
      <Paper withBorder p="lg" component="section" aria-labelledby="upload-title">
        <Title order={2} size="h4" id="upload-title" mb="sm">
          {t("import:upload.title")}
        </Title>
        <Form method="post" encType="multipart/form-data">
          <Stack gap="sm">
            {result?.error?.[""] ? <FormErrorsPlain errors={result.error[""] ?? []} /> : null}
            <NativeSelect
              name="kind"
              id="import-kind"
              label={t("import:upload.kind")}
              defaultValue={kept.kind ?? "volunteers"}
              error={kindError}
              data={ENABLED_KINDS.map((k) => ({ value: k, label: t(`import:kind.${k}`) }))}
              required
            />
            <Text size="sm">{t("import:upload.kindsHint")}</Text>
            {/* A native file input: it works without JavaScript. */}
            <Input.Wrapper id="import-file" label={t("import:upload.file")} description={t("import:upload.fileHint", { mb: MB, rows: IMPORT_LIMITS.maxRows })} error={fileError} required>
              <input
                id="import-file"
                name="file"
                type="file"
                accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                required
                aria-describedby={["import-file-description", fileError ? "import-file-error" : null].filter(Boolean).join(" ")}
                aria-invalid={fileError ? true : undefined}
              />
            </Input.Wrapper>
            <TextInput name="sheet" id="import-sheet" label={t("import:upload.sheet")} description={t("import:upload.sheetHint")} defaultValue={kept.sheet} maxLength={100} error={sheetError} />
            <div>
              <Button type="submit">{t("import:upload.submit")}</Button>
            </div>
          </Stack>
        </Form>
      </Paper>
      <section aria-labelledby="batches-title">
        <Title order={2} size="h4" id="batches-title" mb="sm">
          {t("import:list.title")}
        </Title>
        {batches.length === 0 ? (
          <Text>{t("import:list.empty")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("import:list.file")}</Table.Th>
                  <Table.Th>{t("import:list.kind")}</Table.Th>
                  <Table.Th>{t("import:list.status")}</Table.Th>
                  <Table.Th>{t("import:list.rows")}</Table.Th>
                  <Table.Th>{t("import:list.by")}</Table.Th>
                  <Table.Th>{t("import:list.at")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batches.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/office/import/${b.id}`}>
                        {b.file_name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`import:kind.${b.kind}`)}</Table.Td>
                    <Table.Td>{t(`import:status.${b.status}`)}</Table.Td>
                    <Table.Td>{b.row_count}</Table.Td>
                    <Table.Td>{b.created_by_name}</Table.Td>
                    <Table.Td>{formatDateTime(b.created_at, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
    </Stack>
  );
}

function FormErrorsPlain({ errors }: { errors: string[] }) {
  const message = useFieldError(errors);
  return message ? (
    <Text c="red" role="alert">
      {message}
    </Text>
  ) : null;
}
