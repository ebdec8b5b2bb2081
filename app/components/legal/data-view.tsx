import { Paper, Stack, Text, Title } from "@mantine/core";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/utils/dates";

/**
 * The Art. 15 export as a page a person can read and print: one section per module, one
 * heading per part, every record as a list of labelled values (labels are translation keys
 * `legal:auskunft.fields.<name>`; a unit-level test keeps them complete). Values keep their own
 * direction (`<bdi>`), dates are shown in the reader's language.
 */
export function PersonalDataView({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const modules = Object.entries(data).filter(
    ([, v]) => v && typeof v === "object" && !Array.isArray(v)
  ) as Array<[string, Record<string, unknown>]>;
  return (
    <Stack>
      {modules.map(([name, parts]) => (
        <Paper
          key={name}
          withBorder
          p="lg"
          component="section"
          aria-labelledby={`auskunft-${name}`}
        >
          <Title order={2} size="h3" id={`auskunft-${name}`} mb="sm">
            {t(`legal:auskunft.sections.${name}`)}
          </Title>
          <Stack gap="md">
            {Object.entries(parts).map(([part, value]) => (
              <section key={part} aria-labelledby={`auskunft-${name}-${part}`}>
                <Title
                  order={3}
                  size="h4"
                  id={`auskunft-${name}-${part}`}
                  mb={4}
                >
                  {t(`legal:auskunft.parts.${part}`)}
                </Title>
                <PartValue value={value} />
              </section>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function PartValue({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (Array.isArray(value)) {
    if (value.length === 0)
      return <Text size="sm">{t("legal:auskunft.noEntries")}</Text>;
    if (value.every((v) => v == null || typeof v !== "object"))
      return (
        <Text>
          {value.map((v, i) => (
            <Fragment key={i}>
              {i ? ", " : null}
              <Scalar value={v} />
            </Fragment>
          ))}
        </Text>
      );
    if (value.every((v) => v && typeof v === "object")) {
      return (
        <Stack gap="xs">
          {value.map((v, i) => (
            <Record key={i} record={v as Record<string, unknown>} />
          ))}
        </Stack>
      );
    }
  }
  if (value && typeof value === "object" && !Array.isArray(value))
    return <Record record={value as Record<string, unknown>} />;
  if (value == null)
    return <Text size="sm">{t("legal:auskunft.noEntries")}</Text>;
  return <Text>{<Scalar value={value} />}</Text>;
}

function Record({ record }: { record: Record<string, unknown> }) {
  const { t } = useTranslation();
  return (
    <dl className="auskunft-record">
      {Object.entries(record).map(([key, v]) => (
        <Fragment key={key}>
          <dt>{t(`legal:auskunft.fields.${key}`)}</dt>
          <dd>
            {Array.isArray(v) || (v && typeof v === "object") ? (
              <PartValue value={v} />
            ) : (
              <Scalar value={v} />
            )}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One value: yes/no, a date in the reader's language, or the stored text as text. */
export function Scalar({ value }: { value: unknown }) {
  const { t, i18n } = useTranslation();
  if (value == null || value === "") return <>—</>;
  if (typeof value === "boolean")
    return <>{t(value ? "legal:auskunft.yes" : "legal:auskunft.no")}</>;
  const text = String(value);
  let shown = text;
  // Free text shaped like a date stays text when it is not a real date (never a RangeError).
  try {
    if (TIMESTAMP.test(text)) shown = formatDateTime(text, i18n.language);
    else if (DAY.test(text)) shown = formatDate(text, i18n.language);
  } catch {
    shown = text;
  }
  return <bdi>{shown}</bdi>;
}
