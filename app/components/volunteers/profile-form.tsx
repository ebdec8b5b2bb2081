import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, SubmitButton, TextField, useFieldError } from "~/components/form";
import { GENDERS, LANGUAGE_LEVELS, SLOTS, WEEKDAYS } from "~/modules/volunteers/policy";
import { LANGUAGE_ROWS, ProfileSchema } from "~/modules/volunteers/schema";
import { languageName as nameIn } from "~/utils/language-names";

export type Lookups = {
  districts: Array<{ id: number; name: string }>;
  fields: Array<{ id: number; slug: string; name: string }>;
  languages: Array<{ code: string; name_native: string; name_de: string }>;
};

export type ProfileDefaults = {
  name: string;
  phone?: string;
  districtId?: string;
  languages?: Array<{ code: string; level: string }>;
  skills?: string;
  fields?: string[];
  availability?: string[];
  hasCar?: "on";
  gender?: string;
  birthYear?: string;
};

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);

/** A group's message, with the id its fieldset and inputs point to (aria-describedby). */
function Err({ errors, id }: { errors?: string[]; id: string }) {
  const message = useFieldError(errors);
  return message ? (
    <Text c="var(--mantine-color-error)" size="sm" role="alert" id={id}>
      {message}
    </Text>
  ) : null;
}

/** `aria-describedby` from the ids that are present. */
const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(" ") || undefined;

/**
 * One row of the language table. Mantine renders a select's message with the id
 * `<id>-error` and points `aria-describedby` and `aria-invalid` at it; the message is a
 * translated string, so it is there without JavaScript too.
 */
function LanguageRow({
  i,
  row,
  errors,
  languageOptions,
  levelOptions,
}: {
  i: number;
  row: Record<string, string>;
  errors: Record<string, string[] | undefined>;
  languageOptions: Array<{ value: string; label: string }>;
  levelOptions: Array<{ value: string; label: string }>;
}) {
  const { t } = useTranslation();
  const codeName = `languages[${i}].code`;
  const levelName = `languages[${i}].level`;
  const codeError = useFieldError(errors[codeName]);
  const levelError = useFieldError(errors[levelName]);
  return (
    <Group align="flex-start" grow>
      <NativeSelect id={`profile-lang-${i}`} name={codeName} label={t("volunteers:profile.languageN", { n: i + 1 })} defaultValue={row.code ?? ""} data={languageOptions} error={codeError} />
      <NativeSelect id={`profile-level-${i}`} name={levelName} label={t("volunteers:profile.levelN", { n: i + 1 })} defaultValue={row.level ?? ""} data={levelOptions} error={levelError} />
    </Group>
  );
}

/** The volunteer profile form (registration step 2 and `/me/profil`): posts without JavaScript. */
export function ProfileForm({
  lastResult,
  defaultValue,
  lookups,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: ProfileDefaults;
  lookups: Lookups;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "profile",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(ProfileSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
    shouldValidate: "onBlur",
  });
  const initial = (form.initialValue ?? {}) as Record<string, unknown>;
  const initialLanguages = (Array.isArray(initial.languages) ? initial.languages : []) as Array<Record<string, string> | undefined>;
  const chosenFields = new Set(asList(initial.fields));
  const chosenCells = new Set(asList(initial.availability));
  // A select holds one language per option: the name in the reader's language (app/utils/language-names.ts).
  const languageName = (l: Lookups["languages"][number]) => nameIn(l.code, i18n.language, l.name_de);
  const languageOptions = [{ value: "", label: t("volunteers:profile.noLanguage") }, ...lookups.languages.map((l) => ({ value: l.code, label: languageName(l) }))];
  const levelOptions = [{ value: "", label: t("actions.choose") }, ...LANGUAGE_LEVELS.map((l) => ({ value: l, label: t(`volunteers:levels.${l}`) }))];
  // A group's message: its own, or that of a single (forged) value in it, shown once next to the group.
  const groupErrors = (name: string) => {
    const list = Object.entries(form.allErrors).flatMap(([k, v]) => (k === name || k.startsWith(`${name}[`) ? v : []));
    return list.length ? list : undefined;
  };
  const fieldsErrors = groupErrors("fields");
  const availabilityErrors = groupErrors("availability");
  const languagesError = !!fields.languages.errors?.length;
  const fieldsError = !!fieldsErrors;
  const availabilityError = !!availabilityErrors;
  return (
    <Form method="post" {...getFormProps(form)}>
      <Stack>
        <FormErrors form={form} />
        <Fieldset legend={t("volunteers:profile.contact")}>
          <Stack>
            <TextField field={fields.name} label={t("volunteers:profile.name")} autoComplete="name" />
            <TextField field={fields.phone} type="tel" label={t("volunteers:profile.phone")} description={t("volunteers:profile.phoneHint")} autoComplete="tel" />
            <SelectField
              field={fields.districtId}
              label={t("volunteers:profile.district")}
              options={[{ value: "", label: t("actions.choose") }, ...lookups.districts.map((d) => ({ value: String(d.id), label: d.name }))]}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t("volunteers:profile.languages")} aria-describedby={describedBy("languages-hint", languagesError && fields.languages.errorId)}>
          <Text size="sm" mb="xs" id="languages-hint">
            {t("volunteers:profile.languagesHint")}
          </Text>
          <Err errors={fields.languages.errors} id={fields.languages.errorId} />
          <Stack gap="xs">
            {Array.from({ length: LANGUAGE_ROWS }, (_, i) => (
              <LanguageRow key={i} i={i} row={initialLanguages[i] ?? {}} errors={form.allErrors} languageOptions={languageOptions} levelOptions={levelOptions} />
            ))}
          </Stack>
        </Fieldset>

        <Fieldset legend={t("volunteers:profile.interests")}>
          <Stack>
            <TextField field={fields.skills} label={t("volunteers:profile.skills")} description={t("volunteers:profile.skillsHint")} required={false} />
            <Stack gap={4} role="group" aria-labelledby="fields-label" aria-describedby={describedBy(fieldsError && fields.fields.errorId)}>
              <Text fw={500} size="sm" id="fields-label">
                {t("volunteers:profile.fields")}
              </Text>
              <Err errors={fieldsErrors} id={fields.fields.errorId} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                {lookups.fields.map((f) => (
                  <Checkbox
                    key={f.id}
                    name="fields"
                    value={String(f.id)}
                    defaultChecked={chosenFields.has(String(f.id))}
                    label={t(`volunteers:fields.${f.slug}`, { defaultValue: f.name })}
                    aria-invalid={fieldsError ? true : undefined}
                    aria-describedby={describedBy(fieldsError && fields.fields.errorId)}
                  />
                ))}
              </SimpleGrid>
            </Stack>
          </Stack>
        </Fieldset>

        <Fieldset legend={<span id="availability-legend">{t("volunteers:profile.availability")}</span>} aria-describedby={describedBy("availability-hint", availabilityError && fields.availability.errorId)}>
          <Text size="sm" mb="xs" id="availability-hint">
            {t("volunteers:profile.availabilityHint")}
          </Text>
          <Err errors={availabilityErrors} id={fields.availability.errorId} />
          <Table.ScrollContainer minWidth={360}>
            <Table withTableBorder aria-labelledby="availability-legend">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("volunteers:profile.weekday")}</Table.Th>
                  {SLOTS.map((s) => (
                    <Table.Th key={s} scope="col">
                      {t(`volunteers:slots.${s}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {WEEKDAYS.map((d) => (
                  <Table.Tr key={d}>
                    <Table.Th scope="row">{t(`volunteers:weekdays.${d}`)}</Table.Th>
                    {SLOTS.map((s) => (
                      <Table.Td key={s}>
                        <Checkbox
                          name="availability"
                          value={`${d}-${s}`}
                          defaultChecked={chosenCells.has(`${d}-${s}`)}
                          aria-label={t("volunteers:profile.cell", { day: t(`volunteers:weekdays.${d}`), slot: t(`volunteers:slots.${s}`) })}
                          aria-invalid={availabilityError ? true : undefined}
                          aria-describedby={describedBy(availabilityError && fields.availability.errorId)}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Fieldset>

        <Fieldset legend={t("volunteers:profile.optional")}>
          <Stack>
            <Checkbox id={fields.hasCar.id} name={fields.hasCar.name} value="on" defaultChecked={initial.hasCar === "on"} label={t("volunteers:profile.hasCar")} />
            <SelectField
              field={fields.gender}
              label={t("volunteers:profile.gender")}
              description={t("volunteers:profile.genderHint")}
              options={[{ value: "", label: t("volunteers:profile.noAnswer") }, ...GENDERS.map((g) => ({ value: g, label: t(`volunteers:genders.${g}`) }))]}
            />
            <TextField field={fields.birthYear} type="number" label={t("volunteers:profile.birthYear")} description={t("volunteers:profile.birthYearHint")} inputMode="numeric" />
          </Stack>
        </Fieldset>
        <SubmitButton>{submitLabel}</SubmitButton>
      </Stack>
    </Form>
  );
}

/** Form defaults from a stored profile. */
export function profileDefaults(p: {
  name: string;
  phone: string | null;
  district_id: number | null;
  languages: Array<{ code: string; level: string }>;
  skills: string[];
  fields: Array<{ id: number }>;
  availability: Array<{ weekday: number; slot: string }>;
  has_car: number;
  gender: string | null;
  birth_year: number | null;
}): ProfileDefaults {
  return {
    name: p.name,
    phone: p.phone ?? undefined,
    districtId: p.district_id ? String(p.district_id) : undefined,
    languages: p.languages.map((l) => ({ code: l.code, level: l.level })),
    skills: p.skills.join(", "),
    fields: p.fields.map((f) => String(f.id)),
    availability: p.availability.map((a) => `${a.weekday}-${a.slot}`),
    hasCar: p.has_car ? "on" : undefined,
    gender: p.gender ?? undefined,
    birthYear: p.birth_year ? String(p.birth_year) : undefined,
  };
}
