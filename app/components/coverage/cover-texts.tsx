import { Alert, List, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { describeBasis, describeReason, type CoverAnswer, type CoverBasis, type Text as RuleText } from "~/modules/coverage/policy";
import { formatDate } from "~/utils/dates";

/** Dates inside rule texts are `YYYY-MM-DD`; people read them in their language. */
export function useRuleText() {
  const { t, i18n } = useTranslation("coverage");
  return (text: RuleText) => {
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(text.values ?? {})) values[k] = /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, i18n.language) : v;
    return t(text.key, values);
  };
}

export function BasisTexts({ basis }: { basis: CoverBasis }) {
  const render = useRuleText();
  return (
    <Stack gap={4}>
      {describeBasis(basis).map((x) => (
        <Text key={x.key} size="sm">
          {render(x)}
        </Text>
      ))}
    </Stack>
  );
}

export function CoverAnswerBox({ answer }: { answer: CoverAnswer }) {
  const { t } = useTranslation("coverage");
  const render = useRuleText();
  if (answer.covered) {
    return (
      <Alert color="green" variant="light" role="status" title={t("check.yes")}>
        <Stack gap="sm">
          {answer.by.map((hit) => (
            <Stack key={hit.assignmentId} gap={4}>
              <Text fw={600}>{t("check.byAssignment", { id: hit.assignmentId, activity: hit.activity, organisation: hit.organisation })}</Text>
              <BasisTexts basis={hit.basis} />
            </Stack>
          ))}
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" role="status" title={t("check.no")}>
      <List size="sm">
        {answer.reasons.map((r, i) => (
          <List.Item key={i}>
            {"assignmentId" in r ? `${t("check.assignmentNo", { id: r.assignmentId })}: ` : ""}
            {render(describeReason(r))}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
