import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Reason } from "~/modules/sponsorships/ranking";
import { languageName } from "~/utils/language-names";

/**
 * One chip per criterion that gave points: what it was and how many points. `names`: the German
 * names of the languages (master data), the fallback of `languageName`.
 */
export function ReasonChips({ reasons, names }: { reasons: Reason[]; names: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const text = (r: Reason): string => {
    switch (r.kind) {
      case "language":
        return t("sponsorships:reasons.language", { language: languageName(r.code, i18n.language, names[r.code] ?? r.code), level: t(`sponsorships:levels.${r.level}`) });
      case "district":
        return t(r.neighbour ? "sponsorships:reasons.neighbour" : "sponsorships:reasons.district");
      case "times":
        return t("sponsorships:reasons.times", { count: r.shared });
      case "gender":
        return t(`sponsorships:reasons.gender.${r.gender}`);
      case "help":
        return t("sponsorships:reasons.help", { help: r.kinds.map((h) => t(`sponsorships:help.${h}`)).join(", ") });
      case "waiting":
        return t("sponsorships:reasons.waiting", { count: r.days });
    }
  };
  return (
    <Group component="ul" gap={4} aria-label={t("sponsorships:reasons.label")} style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {reasons.map((r) => (
        <li key={r.kind}>
          <Badge component="span" variant="light" color={r.kind === "waiting" ? "gray" : "blue"} tt="none">
            {t("sponsorships:reasons.chip", { text: text(r), points: r.points })}
          </Badge>
        </li>
      ))}
    </Group>
  );
}
