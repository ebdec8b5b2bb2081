import { List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

const STEPS = ["konto", "profil", "einwilligung"] as const;

/** "Step 2 of 3" as an ordered list; the current step is marked for screen readers. */
export function StepIndicator({ current }: { current: (typeof STEPS)[number] }) {
  const { t } = useTranslation();
  const index = STEPS.indexOf(current);
  return (
    <nav aria-label={t("volunteers:steps.label")}>
      <Text size="sm">
        {t("volunteers:steps.progress", { n: index + 1, total: STEPS.length })}
      </Text>
      <List type="ordered" size="sm" className="step-list">
        {STEPS.map((s, i) => (
          <List.Item key={s} aria-current={i === index ? "step" : undefined} fw={i === index ? 700 : undefined}>
            {t(`volunteers:steps.${s}`)}
          </List.Item>
        ))}
      </List>
    </nav>
  );
}
