import { Badge, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Bdi, Ltr, ValueList } from "~/components/bdi";
import { SLOTS, WEEKDAYS } from "~/modules/volunteers/policy";
import { languageName } from "~/utils/language-names";

type Summary = {
  name: string;
  email: string;
  phone: string | null;
  district: string | null;
  languages: Array<{ code: string; level: string; name_native: string; name_de: string }>;
  skills: string[];
  availability: Array<{ weekday: number; slot: string }>;
  // Left out of the association view (not needed to work together): rows without a value are not shown.
  fields?: Array<{ slug: string; name: string }>;
  has_car?: number;
  gender?: string | null;
  birth_year?: number | null;
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === "active" ? "green" : status === "left" ? "gray" : status === "paused" ? "yellow" : "blue";
  return (
    <Badge component="span" color={color} variant="light">
      {t(`volunteers:status.${status}`)}
    </Badge>
  );
}

/**
 * Read-only profile as a description table (`/me`, the office's and an association's record).
 * Its labels are neutral (`volunteers:summary.*`), not the form's questions to the volunteer
 * ("Wann haben Sie Zeit?" on an office page).
 */
export function ProfileSummary({ p }: { p: Summary }) {
  const { t, i18n } = useTranslation();
  const cells = new Set(p.availability.map((a) => `${a.weekday}-${a.slot}`));
  const availability = WEEKDAYS.flatMap((d) =>
    SLOTS.filter((s) => cells.has(`${d}-${s}`)).map((s) => t("volunteers:profile.cell", { day: t(`volunteers:weekdays.${d}`), slot: t(`volunteers:slots.${s}`) })),
  );
  const none = t("volunteers:profile.none");
  const rows: Array<[string, React.ReactNode]> = [
    // Every value is isolated (Bdi/Ltr/ValueList): in Arabic, "02154 493489" must not read "493489 02154".
    [t("volunteers:profile.name"), <Bdi key="n">{p.name}</Bdi>],
    [t("volunteers:profile.email"), <Ltr key="e">{p.email}</Ltr>],
    [t("volunteers:summary.phone"), p.phone ? <Ltr key="p">{p.phone}</Ltr> : none],
    [t("volunteers:profile.district"), p.district ? <Bdi key="d">{p.district}</Bdi> : none],
    [
      t("volunteers:profile.languages"),
      p.languages.length ? <ValueList items={p.languages.map((l) => t("volunteers:profile.languageItem", { language: languageName(l.code, i18n.language, l.name_de), level: t(`volunteers:levels.${l.level}`) }))} /> : none,
    ],
    [
      t("volunteers:profile.skills"),
      p.skills.length ? (
        <Group gap={4}>
          {p.skills.map((s) => (
            <Badge component="span" key={s} variant="outline" tt="none">
              <Bdi>{s}</Bdi>
            </Badge>
          ))}
        </Group>
      ) : (
        none
      ),
    ],
    ...(p.fields ? [[t("volunteers:summary.fields"), p.fields.length ? <ValueList items={p.fields.map((f) => t(`volunteers:fields.${f.slug}`, { defaultValue: f.name }))} /> : none] as [string, React.ReactNode]] : []),
    [t("volunteers:summary.availability"), availability.length ? <ValueList items={availability} /> : none],
    ...(p.has_car !== undefined ? [[t("volunteers:summary.hasCar"), p.has_car ? t("volunteers:yes") : t("volunteers:no")] as [string, React.ReactNode]] : []),
    ...(p.gender !== undefined ? [[t("volunteers:profile.gender"), p.gender ? t(`volunteers:genders.${p.gender}`) : none] as [string, React.ReactNode]] : []),
    ...(p.birth_year !== undefined ? [[t("volunteers:summary.birthYear"), p.birth_year ?? none] as [string, React.ReactNode]] : []),
  ];
  return (
    <Table variant="vertical" withTableBorder layout="fixed">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={{ base: 140, sm: 220 }} scope="row">
              {label}
            </Table.Th>
            <Table.Td>
              {/* A long e-mail address breaks inside the fixed-width cell instead of running out of it (360 px). */}
              <Text component="div" size="sm" style={{ overflowWrap: "anywhere" }}>
                {value}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
