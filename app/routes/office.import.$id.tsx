import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, Paper, Radio, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { getLanguage } from "~/i18n/i18next.server";
import { replyFor, useFieldError } from "~/components/form";
import {
  backTo,
  cancelBatch,
  confirmBatch,
  decideRow,
  dryRun,
  fixRow,
  loadBatch,
  mappingView,
  PAGE_SIZE,
  parseMapping,
  parseOptions,
  previewRows,
  recordReviewViews,
  reportRows,
  resumeBatch,
  rowsOfPlan,
  saveMapping,
  setHeaderRow,
  setOptions,
} from "~/modules/import/batches.server";
import { FIELDS_BY_KIND } from "~/modules/import/fields";
import { pendingConsentCount } from "~/modules/import/household-kind.server";
import type { ImportKind } from "~/modules/import/limits";
import { undoBatch, undoCheck } from "~/modules/import/run.server";
import { BackSchema, CancelSchema, ConfirmSchema, DecideSchema, FixSchema, HeaderSchema, MappingSchema, OptionsSchema, ResumeSchema, UndoSchema } from "~/modules/import/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { pageParam, parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const title = titleFrom(matches, "import:batchTitle");
  // While the run is going, the page refreshes itself (the progress works without JavaScript).
  return data && (data.batch.status === "queued" || data.batch.status === "running") ? [...title, { httpEquiv: "refresh", content: "3" }] : title;
};

/** Long cells are shown shortened (as text: React escapes them; nothing in a cell is ever evaluated). */
const shown = (v: string | undefined, max = 80) => {
  const s = v ?? "";
  return s.length > max ? `${s.slice(0, max)}…` : s;
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:import:any");
  const batch = await loadBatch(actor, parseId(params.id));
  const url = new URL(request.url);
  const base = {
    batch: {
      id: batch.id,
      kind: batch.kind,
      status: batch.status,
      fileName: batch.file_name,
      format: batch.file_format,
      encoding: batch.encoding,
      delimiter: batch.delimiter === "\t" ? "tab" : batch.delimiter,
      sheetName: batch.sheet_name,
      sheetNames: batch.sheet_names ? (JSON.parse(batch.sheet_names) as string[]) : [],
      headerRow: batch.header_row,
      rowCount: batch.row_count,
      dataRows: Math.max(0, batch.row_count - batch.header_row),
      processed: batch.processed,
      counts: { created: batch.created_count, updated: batch.updated_count, unchanged: batch.unchanged_count, skipped: batch.skipped_count, failed: batch.failed_count },
      resumed: batch.resumed_count,
      error: batch.error,
      options: parseOptions(batch.options),
    },
  };
  if (batch.status === "uploaded") return { ...base, step: "header" as const, preview: await previewRows(batch.id) };
  if (batch.status === "mapping") {
    const view = await mappingView(batch.id, batch.header_row, batch.kind);
    const current = parseMapping(batch.mapping, batch.kind);
    return { ...base, step: "mapping" as const, headers: view.headers.map((h) => shown(h, 60)), samples: view.samples.map((r) => r.map((c) => shown(c, 40))), mapping: current.length ? current : view.suggestion, suggestion: view.suggestion };
  }
  if (batch.status === "review") {
    const page = pageParam(url);
    const dpage = Number(url.searchParams.get("dpage") ?? "1") || 1;
    const { headers } = await mappingView(batch.id, batch.header_row, batch.kind);
    // Existing records are described in the office member's language (a donation category's name).
    const lang = await getLanguage(request);
    const [summary, errorRows, duplicates, skipped] = await Promise.all([dryRun(batch.id), rowsOfPlan(batch.id, batch.kind, ["error"], page, lang), rowsOfPlan(batch.id, batch.kind, ["duplicate"], dpage, lang), rowsOfPlan(batch.id, batch.kind, ["skip"], 1, lang)]);
    // The office sees existing records next to the sheet's rows: a view of personal data.
    const ids = duplicates.map((d) => d.candidateId).filter((x): x is string => !!x);
    await recordReviewViews(actor, batch.kind, ids);
    const mapping = parseMapping(batch.mapping, batch.kind);
    const trim = ({ candidateId: _id, ...r }: (typeof errorRows)[number]) => ({ ...r, cells: r.cells.map((c) => shown(c, 200)) });
    return {
      ...base,
      step: "review" as const,
      headers: headers.map((h) => shown(h, 60)),
      mapping,
      summary,
      page,
      dpage,
      errorRows: errorRows.map(trim),
      duplicates: duplicates.map(trim),
      skipped: skipped.map(trim),
      pageSize: PAGE_SIZE,
    };
  }
  if (batch.status === "queued" || batch.status === "running") return { ...base, step: "progress" as const };
  const page = pageParam(url);
  const blockers = batch.status === "done" ? (await undoCheck(batch.id)).length : 0;
  const consentPending = batch.kind === "households" && batch.status === "done" ? await pendingConsentCount(batch.id) : 0;
  return { ...base, step: "report" as const, notImported: await reportRows(batch.id, page), page, pageSize: PAGE_SIZE, blockers, consentPending };
}

const SCHEMAS = { header: HeaderSchema, mapping: MappingSchema, fix: FixSchema, decide: DecideSchema, back: BackSchema, options: OptionsSchema, confirm: ConfirmSchema, cancel: CancelSchema, resume: ResumeSchema, undo: UndoSchema };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:import:any");
  const batch = await loadBatch(actor, parseId(params.id));
  const here = `/office/import/${batch.id}`;
  const form = await parseIntentForm(request, SCHEMAS);
  const { submission } = form;
  if (submission.status !== "success") return invalid(submission);
  try {
    switch (form.intent) {
      case "header":
        if (form.submission.status === "success") await setHeaderRow(actor, batch.id, form.submission.value.headerRow);
        break;
      case "mapping":
        if (form.submission.status === "success") await saveMapping(actor, batch.id, form.submission.value.columns.map((c) => c ?? null));
        break;
      case "fix":
        if (form.submission.status === "success") {
          const v = form.submission.value;
          const cols = String(form.formData.get("cols") ?? "").split(",").filter((c) => /^\d{1,2}$/.test(c)).map(Number);
          await fixRow(actor, batch.id, v.row, Object.fromEntries(cols.map((c) => [c, (v.cells[c] ?? "").trim()])));
        }
        break;
      case "decide":
        if (form.submission.status === "success") await decideRow(actor, batch.id, form.submission.value.row, form.submission.value.decision);
        break;
      case "back":
        if (form.submission.status === "success") await backTo(actor, batch.id, form.submission.value.step);
        break;
      case "options":
        if (form.submission.status === "success") await setOptions(actor, batch.id, { verified: form.submission.value.verified });
        break;
      case "confirm":
        await confirmBatch(actor, batch.id);
        return redirectWithFlash(here, { key: "import:flash.confirmed", kind: "success" });
      case "cancel":
        await cancelBatch(actor, batch.id);
        return redirectWithFlash("/office/import", { key: "import:flash.cancelled", kind: "info" });
      case "resume":
        await resumeBatch(actor, batch.id);
        return redirectWithFlash(here, { key: "import:flash.resumed", kind: "info" });
      case "undo":
        await undoBatch(actor, batch.id);
        return redirectWithFlash(here, { key: "import:flash.undone", kind: "success" });
    }
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(here, { key: "flash.saved", kind: "success" });
}

export default function ImportBatch() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const { batch } = data;
  return (
    <Stack>
      <PageTitle description={t("import:batch.file", { name: batch.fileName, rows: batch.rowCount })}>{t("import:batchTitle")}</PageTitle>
      <Text size="sm">
        {batch.format === "csv" ? t("import:batch.csvRead", { encoding: batch.encoding ?? "", delimiter: batch.delimiter ?? "" }) : t("import:batch.sheetRead", { sheet: batch.sheetName ?? "", sheets: batch.sheetNames.join(", ") })}
      </Text>
      <Steps current={data.step} />
      <FormError result={result} />
      {data.step === "header" ? <HeaderStep preview={data.preview} headerRow={batch.headerRow} /> : null}
      {data.step === "mapping" ? <MappingStep kind={batch.kind} headers={data.headers} samples={data.samples} mapping={data.mapping} suggestion={data.suggestion} result={replyFor(result, "intent", "mapping")} /> : null}
      {data.step === "review" ? <ReviewStep data={data} result={result} /> : null}
      {data.step === "progress" ? <ProgressStep processed={batch.processed} total={batch.dataRows} status={batch.status} /> : null}
      {data.step === "report" ? <ReportStep data={data} /> : null}
      {data.step === "header" || data.step === "mapping" || data.step === "review" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <Button type="submit" variant="subtle" color="red">
            {t("import:cancel")}
          </Button>
        </Form>
      ) : null}
      <Anchor component={Link} to="/office/import">
        {t("import:backToList")}
      </Anchor>
    </Stack>
  );
}

function FormError({ result }: { result: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const message = useFieldError((result?.error?.[""] ?? undefined) as string[] | undefined);
  return message ? (
    <Alert color="red" role="alert" title={t("import:error")}>
      {message}
    </Alert>
  ) : null;
}

const STEPS = ["header", "mapping", "review", "progress", "report"] as const;
function Steps({ current }: { current: (typeof STEPS)[number] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("import:steps.label")}>
      <ol className="eh-steps">
        {STEPS.map((s) => (
          <li key={s} aria-current={s === current ? "step" : undefined}>
            {s === current ? <strong>{t(`import:steps.${s}`)}</strong> : t(`import:steps.${s}`)}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Section({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function HeaderStep({ preview, headerRow }: { preview: { rowNo: number; cells: string[] }[]; headerRow: number }) {
  const { t } = useTranslation();
  const width = Math.min(12, Math.max(0, ...preview.map((r) => r.cells.length)));
  return (
    <Section id="header-title" title={t("import:header.title")}>
      <Form method="post">
        <input type="hidden" name="intent" value="header" />
        <Text mb="sm">{t("import:header.hint")}</Text>
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <caption>{t("import:header.caption")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("import:header.choose")}</Table.Th>
                <Table.Th>{t("import:header.row")}</Table.Th>
                {Array.from({ length: width }, (_, i) => (
                  <Table.Th key={i}>{t("import:header.column", { n: i + 1 })}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.map((r) => (
                <Table.Tr key={r.rowNo}>
                  <Table.Td>
                    {r.rowNo <= 20 ? (
                      <input type="radio" name="headerRow" value={r.rowNo} defaultChecked={r.rowNo === headerRow} id={`hr-${r.rowNo}`} aria-label={t("import:header.useRow", { n: r.rowNo })} />
                    ) : null}
                  </Table.Td>
                  <Table.Td>{r.rowNo}</Table.Td>
                  {r.cells.slice(0, width).map((c, i) => (
                    <Table.Td key={i}>{shown(c, 40)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Button type="submit" mt="sm">
          {t("import:header.submit")}
        </Button>
      </Form>
    </Section>
  );
}

/** A field's label: the volunteers' under `field`, the other kinds' under `fields.<kind>`. */
const fieldKey = (kind: ImportKind, f: string) => (kind === "volunteers" ? `import:field.${f}` : `import:fields.${kindKey(kind)}.${f}`);
/** The kind as a translation context / key part (a hyphen-free name). */
const kindKey = (kind: ImportKind) => (kind === "donation-offers" ? "offers" : kind);
const kindContext = (kind: ImportKind) => (kind === "volunteers" ? undefined : kindKey(kind));

function MappingStep({ kind, headers, samples, mapping, suggestion, result }: { kind: ImportKind; headers: string[]; samples: string[][]; mapping: (string | null)[]; suggestion: (string | null)[]; result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const kept = (result?.initialValue?.columns ?? undefined) as string[] | undefined;
  const options = [{ value: "", label: t("import:mapping.ignore") }, ...FIELDS_BY_KIND[kind].map((f) => ({ value: f, label: t(fieldKey(kind, f)) }))];
  return (
    <Section id="mapping-title" title={t("import:mapping.title")}>
      <Form method="post">
        <input type="hidden" name="intent" value="mapping" />
        <Stack gap="sm">
          <Text>{t("import:mapping.hint")}</Text>
          {headers.map((h, i) => (
            <Group key={i} align="flex-end" wrap="wrap">
              <NativeSelect
                id={`col-${i}`}
                name={`columns[${i}]`}
                label={h || t("import:header.column", { n: i + 1 })}
                description={[suggestion[i] ? t("import:mapping.suggested", { field: t(fieldKey(kind, suggestion[i]!)) }) : null, samples.length ? t("import:mapping.sample", { values: samples.map((s) => s[i] ?? "").filter(Boolean).join(" · ") }) : null].filter(Boolean).join(" — ")}
                defaultValue={kept?.[i] ?? mapping[i] ?? ""}
                data={options}
                w={420}
              />
            </Group>
          ))}
          <Text size="sm">{t("import:mapping.rules", { context: kindContext(kind) })}</Text>
          <div>
            <Button type="submit">{t("import:mapping.submit")}</Button>
          </div>
        </Stack>
      </Form>
      <BackForm step="header" />
    </Section>
  );
}

function BackForm({ step }: { step: "header" | "mapping" }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="back" />
      <input type="hidden" name="step" value={step} />
      <Button type="submit" variant="subtle" mt="sm">
        {t(`import:back.${step}`)}
      </Button>
    </Form>
  );
}

type ReviewData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { step: "review" }>;

function CellMessage({ errors }: { errors: string[] }) {
  const message = useFieldError(errors);
  return message ? <>{message}</> : null;
}

function ReviewStep({ data, result }: { data: ReviewData; result: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const s = data.summary;
  const kind = data.batch.kind;
  const context = kindContext(kind);
  const label = (col: number) => data.headers[col] || t("import:header.column", { n: col + 1 });
  return (
    <>
      <Section id="dry-title" title={t("import:review.dryRun")}>
        <ul>
          <li>{t("import:review.create", { count: s.create, context })}</li>
          <li>{t("import:review.update", { count: s.update, context })}</li>
          <li>{t("import:review.duplicates", { count: s.duplicates, undecided: s.undecided })}</li>
          <li>{t("import:review.errors", { count: s.errors })}</li>
          <li>{t("import:review.skip", { count: s.skip })}</li>
        </ul>
        <Text size="sm">{t("import:review.blankKeeps")}</Text>
        <Text size="sm">{t("import:review.invitation", { context })}</Text>
        {kind === "organisations" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="options" />
            <Checkbox name="verified" id="import-verified" label={t("import:review.verified")} description={t("import:review.verifiedHint")} defaultChecked={data.batch.options.verified === true} />
            <Button type="submit" variant="light" mt="xs">
              {t("import:review.saveOptions")}
            </Button>
          </Form>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="confirm" />
          <Button type="submit" mt="sm" disabled={s.create + s.update === 0}>
            {t("import:review.confirm", { create: s.create, update: s.update })}
          </Button>
        </Form>
        <Group>
          <BackForm step="mapping" />
          <BackForm step="header" />
        </Group>
      </Section>

      <Section id="errors-title" title={t("import:review.errorRows", { count: s.errors })}>
        {data.errorRows.length === 0 ? <Text>{t("import:review.noErrors")}</Text> : null}
        <Stack>
          {data.errorRows.map((r) => {
            const cols = Object.keys(r.errors).map(Number).filter((c) => c >= 0);
            const rowErrors = r.errors["-1"] ?? [];
            const mine = replyFor(result, "row", r.rowNo);
            const fieldErrors = (mine?.error ?? {}) as Record<string, string[] | undefined>;
            return (
              <Paper key={r.rowNo} withBorder p="sm" component="article" aria-labelledby={`row-${r.rowNo}`}>
                <Title order={3} size="h5" id={`row-${r.rowNo}`}>
                  {t("import:review.row", { n: r.rowNo })}
                </Title>
                {rowErrors.map((e, i) => (
                  <Text key={i} c="red">
                    <CellMessage errors={[e]} />
                  </Text>
                ))}
                <Form method="post">
                  <input type="hidden" name="intent" value="fix" />
                  <input type="hidden" name="row" value={r.rowNo} />
                  <input type="hidden" name="cols" value={cols.join(",")} />
                  <Stack gap="xs">
                    {cols.map((c) => (
                      <FixInput key={c} id={`fix-${r.rowNo}-${c}`} name={`cells[${c}]`} label={label(c)} value={r.cells[c] ?? ""} errors={fieldErrors[`cells[${c}]`] ?? r.errors[String(c)]} />
                    ))}
                    <Group>
                      {cols.length ? <Button type="submit">{t("import:review.saveFix")}</Button> : null}
                    </Group>
                  </Stack>
                </Form>
                <DecideForm row={r.rowNo} decision="skip" label={t("import:review.skipRow")} />
              </Paper>
            );
          })}
        </Stack>
        <Pager param="page" page={data.page} more={data.errorRows.length === data.pageSize} />
      </Section>

      <Section id="dupes-title" title={t("import:review.duplicateRows", { count: s.duplicates })}>
        <Text size="sm" mb="sm">
          {t("import:review.duplicateHint", { context })}
        </Text>
        {data.duplicates.length === 0 ? <Text>{t("import:review.noDuplicates")}</Text> : null}
        <Stack>
          {data.duplicates.map((r) => (
            <Paper key={r.rowNo} withBorder p="sm" component="article" aria-labelledby={`dup-${r.rowNo}`}>
              <Title order={3} size="h5" id={`dup-${r.rowNo}`}>
                {t("import:review.row", { n: r.rowNo })}
              </Title>
              <Text>{t("import:review.sheetSays", { values: r.cells.filter(Boolean).slice(0, 6).join(" · ") })}</Text>
              {r.candidate ? <Text>{t("import:review.existingRecord", { name: r.candidate.name, detail: r.candidate.detail })}</Text> : null}
              <Form method="post">
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="row" value={r.rowNo} />
                <Radio.Group name="decision" label={t("import:review.decision")} defaultValue={r.decision ?? undefined}>
                  <Group mt="xs">
                    <Radio value="update" label={t("import:review.decideUpdate", { context })} id={`d-${r.rowNo}-u`} />
                    <Radio value="create" label={t("import:review.decideCreate", { context })} id={`d-${r.rowNo}-c`} />
                    <Radio value="skip" label={t("import:review.decideSkip")} id={`d-${r.rowNo}-s`} />
                  </Group>
                </Radio.Group>
                <Button type="submit" mt="xs" variant="light">
                  {t("import:review.saveDecision")}
                </Button>
              </Form>
            </Paper>
          ))}
        </Stack>
        <Pager param="dpage" page={data.dpage} more={data.duplicates.length === data.pageSize} />
      </Section>

      {data.skipped.length ? (
        <Section id="skipped-title" title={t("import:review.skippedRows")}>
          <Stack gap="xs">
            {data.skipped.map((r) => (
              <Group key={r.rowNo}>
                <Text>{t("import:review.row", { n: r.rowNo })}</Text>
                <DecideForm row={r.rowNo} decision="include" label={t("import:review.include")} />
              </Group>
            ))}
          </Stack>
        </Section>
      ) : null}
    </>
  );
}

function FixInput({ id, name, label, value, errors }: { id: string; name: string; label: string; value: string; errors?: string[] }) {
  const error = useFieldError(errors);
  return <TextInput id={id} name={name} label={label} defaultValue={value} error={error} maxLength={2000} />;
}

function DecideForm({ row, decision, label }: { row: number; decision: "skip" | "include"; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="row" value={row} />
      <input type="hidden" name="decision" value={decision} />
      <Button type="submit" variant="subtle" size="compact-sm" mt="xs">
        {label}
      </Button>
    </Form>
  );
}

function Pager({ param, page, more }: { param: string; page: number; more: boolean }) {
  const { t } = useTranslation();
  if (page <= 1 && !more) return null;
  return (
    <Group mt="sm">
      {page > 1 ? (
        <Anchor component={Link} to={`?${param}=${page - 1}`}>
          {t("import:pager.previous")}
        </Anchor>
      ) : null}
      {more ? (
        <Anchor component={Link} to={`?${param}=${page + 1}`}>
          {t("import:pager.next")}
        </Anchor>
      ) : null}
    </Group>
  );
}

function ProgressStep({ processed, total, status }: { processed: number; total: number; status: string }) {
  const { t } = useTranslation();
  const pct = total ? Math.min(100, Math.round((processed / total) * 100)) : 0;
  return (
    <Section id="progress-title" title={t(`import:status.${status}`)}>
      {/* The native element: announced with its label and value, also without JavaScript. */}
      <label htmlFor="import-progress">{t("import:progress.label")}</label>
      <progress id="import-progress" value={processed} max={Math.max(1, total)} style={{ display: "block", width: "100%", marginBottom: "0.5rem" }}>
        {pct} %
      </progress>
      <Text role="status">{t("import:progress.rows", { processed, total, pct })}</Text>
      <Text size="sm">{t("import:progress.refresh")}</Text>
      <Anchor component={Link} to=".">
        {t("import:progress.reload")}
      </Anchor>
    </Section>
  );
}

type ReportData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { step: "report" }>;

function ReportStep({ data }: { data: ReportData }) {
  const { t } = useTranslation();
  const { batch } = data;
  const c = batch.counts;
  const context = kindContext(batch.kind);
  return (
    <>
      <Section id="report-title" title={t(`import:status.${batch.status}`)}>
        {batch.status === "failed" ? (
          <Alert color="red" role="alert" mb="sm">
            {t(batch.error ?? "import:errors.runFailed", { processed: batch.processed, total: batch.dataRows })}
          </Alert>
        ) : null}
        <ul>
          <li>{t("import:report.created", { count: c.created, context })}</li>
          <li>{t("import:report.updated", { count: c.updated, context })}</li>
          <li>{t("import:report.unchanged", { count: c.unchanged, context })}</li>
          <li>{t("import:report.skipped", { count: c.skipped })}</li>
          <li>{t("import:report.failed", { count: c.failed })}</li>
        </ul>
        {data.consentPending ? <Text>{t("import:report.consentPending", { count: data.consentPending })}</Text> : null}
        {batch.resumed ? <Text size="sm">{t("import:report.resumed", { count: batch.resumed })}</Text> : null}
        {batch.status === "failed" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="resume" />
            <Button type="submit">{t("import:report.resume")}</Button>
          </Form>
        ) : null}
        {batch.status === "done" ? (
          data.blockers ? (
            <Text>{t("import:report.cannotUndo", { count: data.blockers })}</Text>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="undo" />
              <Text size="sm" mb="xs">
                {t("import:report.undoHint", { context })}
              </Text>
              <Button type="submit" color="red" variant="light">
                {t("import:report.undo")}
              </Button>
            </Form>
          )
        ) : null}
      </Section>
      {data.notImported.length ? (
        <Section id="not-imported-title" title={t("import:report.notImported")}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("import:header.row")}</Table.Th>
                <Table.Th>{t("import:report.reason")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.notImported.map((r) => (
                <Table.Tr key={r.rowNo}>
                  <Table.Td>{r.rowNo}</Table.Td>
                  <Table.Td>{t(r.outcome)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager param="page" page={data.page} more={data.notImported.length === data.pageSize} />
        </Section>
      ) : null}
    </>
  );
}
