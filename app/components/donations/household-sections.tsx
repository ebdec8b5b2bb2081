import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Badge, Button, Checkbox, Group, List, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Form, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { directionOf, SUPPORTED_LANGUAGES } from "~/i18n/config";
import { FormErrors, replyFor, SelectField, SubmitButton, TextAreaField, TextField, useFieldError } from "~/components/form";
import { ConsentSchema, EraseSchema, HOUSEHOLD_CONSENT_PURPOSES, NeedSchema, SEASONS, URGENCIES } from "~/modules/donations/schema";
import { reasonText } from "~/modules/donations/system-reasons";
import { formatDate, formatDateTime } from "~/utils/dates";
import { uiLanguageName } from "~/utils/language-names";
import { categoryLabel, type CategoryOption } from "./category-label";
import { Section } from "./section";

function useIntentForm(intent: string, schema: z.ZodTypeAny, defaultValue?: Record<string, string>) {
  const reply = useActionData() as SubmissionResult<string[]> | undefined;
  return useForm({
    id: intent,
    lastResult: replyFor(reply, "intent", intent),
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
  });
}

type Household = {
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  street: string | null;
  district: string | null;
  adults: number;
  childrenYears: number[];
  languages: string[];
  notes: string | null;
};

export function HouseholdFacts({ h }: { h: Household }) {
  const { t } = useTranslation();
  const rows: Array<[string, ReactNode]> = [
    [t("donations:household.contactName"), h.contact_name],
    [t("donations:household.contactPhone"), h.contact_phone ?? "—"],
    [t("donations:household.contactEmail"), h.contact_email ?? "—"],
    [t("donations:household.street"), h.street ?? "—"],
    [t("donations:household.district"), h.district ?? "—"],
    [t("donations:household.adults"), h.adults],
    [t("donations:household.childrenYears"), h.childrenYears.length ? h.childrenYears.join(t("donations:listSeparator")) : "—"],
    [t("donations:household.languages"), h.languages.length ? h.languages.join(t("donations:listSeparator")) : "—"],
    [t("donations:household.notes"), h.notes ?? "—"],
  ];
  return (
    <Section id="h-facts" title={t("donations:household.facts")}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs">
        {rows.map(([k, v]) => (
          <div key={k}>
            <Text component="dt" fw={600} size="sm">
              {k}
            </Text>
            <Text component="dd" m={0}>
              {v}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Section>
  );
}

type Consent = { id: number; purpose: string; version: number; title: string; language_shown: string; given_on: string; recorded_at: string; withdrawn_at: string | null; volunteer: string | null; recordedBy: string | null };

type ConsentText = { purpose: string; locale: string; version: number; title: string; body: string };

/** The texts to show the household (newest version, every language), folded away until needed. */
function ConsentTexts({ texts }: { texts: ConsentText[] }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary>{t("donations:consent.texts")}</summary>
      {HOUSEHOLD_CONSENT_PURPOSES.map((p) => (
        <div key={p}>
          <Title order={3} size="h5" mt="sm">
            {t(`donations:consent.purposes.${p}`)}
          </Title>
          {texts
            .filter((x) => x.purpose === p)
            .map((x) => (
              <div key={x.locale} lang={x.locale} dir={directionOf(x.locale)} className="consent-text">
                <strong>{x.title}</strong> <span>(v{x.version})</span>
                <p>{x.body}</p>
              </div>
            ))}
        </div>
      ))}
    </details>
  );
}

export function ConsentsSection({ consents, texts, consentPending = false }: { consents: Consent[]; texts: ConsentText[]; consentPending?: boolean }) {
  const { t, i18n } = useTranslation();
  const [form, f] = useIntentForm("consent", ConsentSchema, { languageShown: i18n.language });
  const [withdrawForm] = useIntentForm("withdraw", ConsentSchema);
  return (
    <Section id="h-consents" title={t("donations:consent.title")}>
      <Stack>
        {consentPending ? (
          <Text fw={700} id="h-consent-pending">
            {t("donations:consent.pendingFromImport")}
          </Text>
        ) : null}
        <ConsentTexts texts={texts} />
        <FormErrors form={withdrawForm} />
        {consents.length === 0 ? (
          <Text>{t("donations:consent.none")}</Text>
        ) : (
          <List spacing="xs">
            {consents.map((c) => (
              <List.Item key={c.id}>
                <Group gap="xs">
                  <Text>
                    {t(`donations:consent.purposes.${c.purpose}`)}
                    {c.volunteer ? ` (${c.volunteer})` : ""} · {t("donations:consent.version", { version: c.version, language: uiLanguageName(c.language_shown, i18n.language) })} ·{" "}
                    {t("donations:consent.givenOn", { date: formatDate(c.given_on, i18n.language), by: c.recordedBy ?? "—" })}
                  </Text>
                  {c.withdrawn_at ? (
                    <Badge component="span" color="gray">{t("donations:consent.withdrawnOn", { date: formatDateTime(c.withdrawn_at, i18n.language) })}</Badge>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="consentId" value={c.id} />
                      <Button type="submit" size="xs" variant="light" color="red">
                        {t("donations:consent.withdraw")}
                      </Button>
                    </Form>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        <Form method="post" {...getFormProps(form)}>
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t("donations:consent.record")}
            </Title>
            <input type="hidden" name="intent" value="consent" />
            <FormErrors form={form} />
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <SelectField
                field={f.purpose}
                label={t("donations:consent.purpose")}
                options={[{ value: "", label: t("actions.choose") }, ...HOUSEHOLD_CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`donations:consent.purposes.${p}`) }))]}
              />
              <SelectField field={f.languageShown} label={t("donations:consent.languageShown")} options={SUPPORTED_LANGUAGES.map((l) => ({ value: l, label: uiLanguageName(l, i18n.language) }))} />
              <TextField field={f.givenOn} type="date" label={t("donations:consent.givenOnLabel")} />
              <TextField field={f.volunteerEmail} type="email" label={t("donations:consent.volunteerEmail")} description={t("donations:consent.volunteerEmailHint")} />
            </SimpleGrid>
            <div>
              <SubmitButton>{t("donations:consent.save")}</SubmitButton>
            </div>
          </Stack>
        </Form>
      </Stack>
    </Section>
  );
}

type Need = {
  id: number;
  category_id: number;
  size: string | null;
  season: string | null;
  quantity: number;
  quantity_covered: number;
  urgency: string;
  note: string | null;
  status: string;
  created_at: string;
  history: Array<{ id: number; to_status: string; covered: number | null; changed_at: string; reason: string | null; by: string | null }>;
};

/** A need's history, oldest first: status, covered units, date, who, why (an ordered list: no arrows that RTL would turn round). */
function NeedHistory({ need }: { need: Need }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="need-history">
      {need.history.map((h) => (
        <li key={h.id}>
          {t(`donations:needStatus.${h.to_status}`)}
          {h.covered ? ` (${t("donations:need.coverage", { covered: h.covered, quantity: need.quantity })})` : ""} · {formatDate(h.changed_at, i18n.language)}
          {h.by ? ` · ${h.by}` : ""}
          {h.reason ? ` · ${reasonText(t, h.reason)}` : ""}
        </li>
      ))}
    </ol>
  );
}

export function NeedsSection({ needs, categories, hasConsent }: { needs: Need[]; categories: CategoryOption[]; hasConsent: boolean }) {
  const { t, i18n } = useTranslation();
  const [form, f] = useIntentForm("need", NeedSchema, { quantity: "1", urgency: "normal" });
  const [statusForm] = useIntentForm("need-status", NeedSchema);
  const byId = new Map(categories.map((c) => [c.id, c]));
  return (
    <Section id="h-needs" title={t("donations:need.title")}>
      <Stack>
        <FormErrors form={statusForm} />
        {needs.length === 0 ? (
          <Text>{t("donations:need.none")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("donations:need.category")}</Table.Th>
                  <Table.Th scope="col">{t("donations:need.size")}</Table.Th>
                  <Table.Th scope="col">{t("donations:need.quantity")}</Table.Th>
                  <Table.Th scope="col">{t("donations:need.urgency")}</Table.Th>
                  <Table.Th scope="col">{t("donations:need.status")}</Table.Th>
                  <Table.Th scope="col">{t("actions.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {needs.map((n) => (
                  <Table.Tr key={n.id}>
                    <Table.Td>{byId.get(n.category_id) ? categoryLabel(byId.get(n.category_id)!, i18n.language) : "—"}</Table.Td>
                    <Table.Td>
                      {n.size ?? "—"}
                      {n.season ? ` · ${t(`donations:seasons.${n.season}`)}` : ""}
                    </Table.Td>
                    <Table.Td>{n.quantity_covered > 0 ? t("donations:need.coverage", { covered: n.quantity_covered, quantity: n.quantity }) : n.quantity}</Table.Td>
                    <Table.Td>{t(`donations:urgency.${n.urgency}`)}</Table.Td>
                    <Table.Td>
                      {t(`donations:needStatus.${n.status}`)}
                      <NeedHistory need={n} />
                    </Table.Td>
                    <Table.Td>
                      {n.status !== "fulfilled" ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="need-status" />
                          <input type="hidden" name="needId" value={n.id} />
                          <input type="hidden" name="to" value={n.status === "cancelled" ? "open" : "cancelled"} />
                          <Button type="submit" size="xs" variant="light">
                            {n.status === "cancelled" ? t("donations:need.reopen") : t("donations:need.cancel")}
                          </Button>
                        </Form>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {hasConsent ? (
          <Form method="post" {...getFormProps(form)}>
            <Stack gap="xs">
              <Title order={3} size="h5">
                {t("donations:need.new")}
              </Title>
              <input type="hidden" name="intent" value="need" />
              <FormErrors form={form} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <SelectField field={f.categoryId} label={t("donations:need.category")} options={[{ value: "", label: t("actions.choose") }, ...categories.map((c) => ({ value: String(c.id), label: categoryLabel(c, i18n.language) }))]} />
                <TextField field={f.size} label={t("donations:need.size")} description={t("donations:need.sizeHint")} maxLength={30} />
                <SelectField field={f.season} label={t("donations:need.season")} options={[{ value: "", label: "—" }, ...SEASONS.map((s) => ({ value: s, label: t(`donations:seasons.${s}`) }))]} />
                <TextField field={f.quantity} type="number" min={1} max={99} label={t("donations:need.quantity")} />
                <SelectField field={f.urgency} label={t("donations:need.urgency")} options={URGENCIES.map((u) => ({ value: u, label: t(`donations:urgency.${u}`) }))} />
              </SimpleGrid>
              <TextAreaField field={f.note} label={t("donations:need.note")} maxLength={500} autosize minRows={1} />
              <div>
                <SubmitButton>{t("donations:need.save")}</SubmitButton>
              </div>
            </Stack>
          </Form>
        ) : (
          <Text>{t("donations:need.consentMissing")}</Text>
        )}
      </Stack>
    </Section>
  );
}

export function EraseSection() {
  const { t } = useTranslation();
  const [form, f] = useIntentForm("erase", EraseSchema);
  const error = useFieldError(f.confirm.errors);
  return (
    <Section id="h-erase" title={t("donations:household.eraseTitle")}>
      <Form method="post" {...getFormProps(form)}>
        <Stack gap="xs">
          <Text>{t("donations:household.eraseText")}</Text>
          <input type="hidden" name="intent" value="erase" />
          <Checkbox id={f.confirm.id} name={f.confirm.name} value="on" label={t("donations:household.eraseConfirm")} error={error} />
          <div>
            <SubmitButton color="red.9">{t("donations:household.erase")}</SubmitButton>
          </div>
        </Stack>
      </Form>
    </Section>
  );
}
