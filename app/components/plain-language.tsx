/**
 * Plain language on the public entry pages (home, rooms, needs list, sponsorships, offers): one idea
 * per line, and a short summary on top. The reading level is held by tests/integration/plain-language.test.ts.
 */
import { List, Paper, Title } from "@mantine/core";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";

/**
 * A translated text with one idea per line ("\n" in the value): inline, so it may sit inside a
 * paragraph. The "\n" stays in the text after each `<br>` (invisible there), so the element's text
 * keeps a space between the lines.
 */
export function Lines({ text }: { text: string }) {
  return (
    <>
      {text.split("\n").map((line, i) => (
        <Fragment key={i}>
          {i > 0 ? <br /> : null}
          {i > 0 ? `\n${line}` : line}
        </Fragment>
      ))}
    </>
  );
}

/** The summary box on top of a public page: a region named by its heading, one short line per point. */
export function PlainSummary({ lines }: { lines: string[] }) {
  const { t } = useTranslation();
  return (
    <Paper component="section" aria-labelledby="plain-summary" withBorder p="md">
      <Title order={2} size="h4" id="plain-summary" mb="xs">
        {t("common:plain.title")}
      </Title>
      <List spacing={4}>
        {lines.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
    </Paper>
  );
}
