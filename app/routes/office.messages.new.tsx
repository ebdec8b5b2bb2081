import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { ConformForm, FormErrors, SelectField, TextAreaField, TextField } from "~/components/form";
import { FilterSummary } from "~/components/messages/filter-summary";
import { directionOf } from "~/i18n/config";
import { nudgeMessageSends } from "~/modules/jobs/background.server";
import { saveDraft, sendMessage } from "~/modules/messages/commands.server";
import { previewMails } from "~/modules/messages/preview.server";
import { filterLookups, getMessage } from "~/modules/messages/queries.server";
import { countRecipients } from "~/modules/messages/recipients.server";
import { BODY_MAX, FILTER_FIELDS, MESSAGE_LOCALES, MessageFilterSchema, MessageFormSchema, SUBJECT_MAX, textsOf, type MessageFilter } from "~/modules/messages/schema";
import { todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";
import { languageName, uiLanguageName } from "~/utils/language-names";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "messages:new.title");

const filterOf = (v: MessageFilter): MessageFilter => Object.fromEntries(FILTER_FIELDS.map((k) => [k, v[k]])) as MessageFilter;

/**
 * The form; the filter in the URL gives the count (the live count fetches this loader with the
 * filter, with JavaScript), `?draft=ID` continues a draft.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "send:message:any");
  const url = new URL(request.url);
  const filter = MessageFilterSchema.parse(Object.fromEntries(url.searchParams));
  const draftParam = url.searchParams.get("draft");
  let draft: Awaited<ReturnType<typeof getMessage>> | null = null;
  if (draftParam) {
    draft = await getMessage(actor, parseId(draftParam));
    if (draft.sent_at) throw notFound();
  }
  const effective = draft ? draft.filter : filter;
  const [count, lookups] = await Promise.all([countRecipients(effective, todayOf()), filterLookups()]);
  const defaultValue: Record<string, string> = Object.fromEntries(FILTER_FIELDS.filter((k) => effective[k] !== undefined).map((k) => [k, String(effective[k])]));
  if (draft) {
    defaultValue.draftId = String(draft.id);
    for (const l of MESSAGE_LOCALES) {
      const text = draft.texts[l];
      if (text) Object.assign(defaultValue, { [`subject_${l}`]: text.subject, [`body_${l}`]: text.body });
    }
  }
  return { count, lookups, defaultValue };
}

/**
 * One form, four steps (its submit buttons): count, preview, save as draft, send. The answer is the
 * conform reply as on every form, with the count (and the preview) beside it; a refusal is a 400
 * with the messages at the fields and the input kept.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "send:message:any");
  const { submission } = await parseForm(request, MessageFormSchema);
  const today = todayOf();
  const refused = async (answer: ReturnType<typeof invalid>, filter: MessageFilter | null) =>
    data({ ...answer.data, count: filter ? await countRecipients(filter, today) : null, preview: null, filter }, answer.init ?? { status: 400 });
  if (submission.status !== "success") {
    // The count stays shown next to the kept input, where the filter itself could be read.
    const filter = MessageFilterSchema.safeParse(submission.payload);
    return refused(invalid(submission), filter.success ? filter.data : null);
  }
  const v = submission.value;
  const filter = filterOf(v);
  const texts = textsOf(v);
  if (v.intent === "count" || v.intent === "preview") {
    const count = await countRecipients(filter, today);
    const preview = v.intent === "preview" ? await previewMails(texts) : null;
    return { ...submission.reply(), count, preview, filter };
  }
  try {
    if (v.intent === "draft") {
      const id = await saveDraft(actor, { draftId: v.draftId, filter, texts });
      return redirectWithFlash(`/office/messages/${id}`, { key: "messages:flash.draftSaved", kind: "success" });
    }
    const sent = await sendMessage(actor, { draftId: v.draftId, filter, texts, today });
    // The send job writes the recipients; started now rather than at its next round.
    nudgeMessageSends();
    return redirectWithFlash(`/office/messages/${sent.id}`, { key: "messages:flash.sent", kind: "success", values: { count: sent.recipients } });
  } catch (e) {
    return refused(replyWithError(submission, e), filter);
  }
}

export default function NewMessage() {
  const { t, i18n } = useTranslation();
  const { count: loadedCount, lookups, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const counter = useFetcher<typeof loader>();
  const [form, f] = useForm({
    id: "group-message",
    lastResult: actionData as SubmissionResult<string[]> | undefined,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MessageFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const count = counter.data?.count ?? actionData?.count ?? loadedCount;
  const all = { value: "", label: t("actions.all") };
  // With JavaScript, the count follows the filter as it changes (the loader counts the filter in the URL).
  const onChange = (e: FormEvent<HTMLDivElement>) => {
    const target = e.target as HTMLInputElement;
    if (!target.form || !(FILTER_FIELDS as readonly string[]).includes(target.name)) return;
    const fd = new FormData(target.form);
    const params = new URLSearchParams();
    for (const k of FILTER_FIELDS) {
      const value = fd.get(k);
      if (typeof value === "string" && value) params.set(k, value);
    }
    counter.load(`/office/messages/new?${params.toString()}`);
  };
  return (
    <Stack>
      <Anchor component={Link} to="/office/messages">
        {t("messages:back")}
      </Anchor>
      <PageTitle description={t("messages:new.intro")}>{t("messages:new.title")}</PageTitle>
      <ConformForm form={form}>
        <div onChange={onChange}>
          <Stack>
            <FormErrors form={form} />
            {defaultValue.draftId ? <input type="hidden" name={f.draftId.name} value={defaultValue.draftId} /> : null}
            <Paper withBorder p="md" component="fieldset">
              <Text component="legend" fw={700} size="lg">
                {t("messages:new.recipients")}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <SelectField field={f.districtId} label={t("messages:filter.district")} options={[all, ...lookups.districts.map((d) => ({ value: String(d.id), label: d.name }))]} />
                <SelectField field={f.fieldId} label={t("messages:filter.field")} options={[all, ...lookups.fields.map((x) => ({ value: String(x.id), label: t(`volunteers:fields.${x.slug}`, { defaultValue: x.name }) }))]} />
                <SelectField field={f.language} label={t("messages:filter.language")} options={[all, ...lookups.languages.map((l) => ({ value: l.code, label: languageName(l.code, i18n.language, l.name_de) }))]} />
                <TextField field={f.skill} label={t("messages:filter.skill")} description={t("volunteers:office.skillHint")} maxLength={40} />
                <SelectField field={f.sponsor} label={t("messages:filter.sponsor")} options={[all, { value: "yes", label: t("messages:filter.sponsor_yes") }, { value: "no", label: t("messages:filter.sponsor_no") }]} />
                <SelectField field={f.organisationId} label={t("messages:filter.organisation")} options={[all, ...lookups.organisations.map((o) => ({ value: String(o.id), label: o.name }))]} />
              </SimpleGrid>
              <Group mt="md" align="center">
                <Text role="status" aria-live="polite" fw={700} data-testid="recipient-count">
                  {t("messages:new.count", { count })}
                </Text>
                <Button type="submit" name="intent" value="count" variant="default">
                  {t("messages:new.countButton")}
                </Button>
              </Group>
              <Text size="sm" mt="xs">
                {t("messages:new.who")}
              </Text>
            </Paper>
            {MESSAGE_LOCALES.map((l) => (
              <Paper key={l} withBorder p="md" component="fieldset">
                <Text component="legend" fw={700} size="lg">
                  {l === "de" ? t("messages:new.textRequired", { language: uiLanguageName(l, i18n.language) }) : t("messages:new.textOptional", { language: uiLanguageName(l, i18n.language) })}
                </Text>
                <Stack>
                  <TextField field={f[`subject_${l}`]} label={t("messages:new.subject")} maxLength={SUBJECT_MAX} required={l === "de"} lang={l} dir={directionOf(l)} />
                  <TextAreaField field={f[`body_${l}`]} label={t("messages:new.body")} autosize minRows={l === "de" ? 5 : 3} maxLength={BODY_MAX} required={l === "de"} lang={l} dir={directionOf(l)} />
                </Stack>
              </Paper>
            ))}
            <Text size="sm">{t("messages:new.fallback")}</Text>
            <Group>
              <Button type="submit" name="intent" value="preview">
                {t("messages:new.previewButton")}
              </Button>
              <Button type="submit" name="intent" value="draft" variant="default">
                {t("messages:new.draftButton")}
              </Button>
            </Group>
            {actionData?.preview && actionData.filter ? (
              <Paper withBorder p="md" component="section" aria-labelledby="preview-title">
                <Stack>
                  <Title order={2} size="h3" id="preview-title">
                    {t("messages:preview.title")}
                  </Title>
                  <Text>
                    {t("messages:preview.to")} <FilterSummary filter={actionData.filter} lookups={lookups} />
                  </Text>
                  <Text fw={700}>{t("messages:new.count", { count })}</Text>
                  {actionData.preview.map((p) => (
                    <Paper key={p.locale} withBorder p="sm" component="article" aria-label={t("messages:preview.inLanguage", { language: uiLanguageName(p.locale, i18n.language) })}>
                      <Text size="sm" c="dimmed">
                        {t("messages:preview.inLanguage", { language: uiLanguageName(p.locale, i18n.language) })}
                      </Text>
                      <div lang={p.locale} dir={directionOf(p.locale)}>
                        <Text fw={700}>{p.subject}</Text>
                        <Text style={{ whiteSpace: "pre-wrap" }}>{p.text}</Text>
                      </div>
                    </Paper>
                  ))}
                  <Text fw={700}>{t("messages:preview.confirm", { count })}</Text>
                  <Group>
                    <Button type="submit" name="intent" value="send" disabled={count === 0}>
                      {t("messages:preview.sendButton", { count })}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            ) : null}
          </Stack>
        </div>
      </ConformForm>
    </Stack>
  );
}
