import { Alert, Anchor, Badge, Button, Checkbox, List, Paper, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { currentCatalogue } from "~/modules/seal/queries.server";
import { selfCheck } from "~/modules/seal/rules";
import { criterionText } from "~/modules/seal/texts";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "seal:selfCheck.title");

export async function loader({ request }: LoaderFunctionArgs) {
  // Public, without login; nothing is stored: the ticks travel in the query string only.
  const url = new URL(request.url);
  const catalogue = await currentCatalogue();
  if (!catalogue) return { catalogue: null, ticked: [] as number[], result: null };
  const known = new Set(catalogue.criteria.map((c) => c.id));
  const ticked = [...new Set(url.searchParams.getAll("c").slice(0, 100).map(Number))].filter((id) => known.has(id));
  const result = url.searchParams.has("check") ? selfCheck(catalogue.criteria, new Set(ticked), catalogue.elective_min) : null;
  return { catalogue, ticked, result };
}

export default function SealSelfCheck() {
  const { t, i18n } = useTranslation();
  const { catalogue, ticked, result } = useLoaderData<typeof loader>();
  if (!catalogue) {
    return (
      <Stack>
        <PageTitle>{t("seal:selfCheck.title")}</PageTitle>
        <Text>{t("seal:apply.noCatalogue")}</Text>
      </Stack>
    );
  }
  const byId = new Map(catalogue.criteria.map((c) => [c.id, c]));
  return (
    <Stack>
      <PageTitle description={t("seal:selfCheck.intro")}>{t("seal:selfCheck.title")}</PageTitle>
      {result ? (
        <Alert color={result.enough ? "green" : "yellow"} role="status" title={result.enough ? t("seal:selfCheck.enough") : t("seal:selfCheck.notYet")}>
          <Text>{t("seal:selfCheck.electives", { met: result.electives, min: result.electiveMin })}</Text>
          {result.missingMandatory.length ? (
            <>
              <Text mt="xs">{t("seal:selfCheck.missingMandatory")}</Text>
              <List size="sm">
                {result.missingMandatory.map((id) => {
                  const c = byId.get(id)!;
                  const title = criterionText(c, i18n.language, "title");
                  const evidence = criterionText(c, i18n.language, "evidence");
                  return (
                    <List.Item key={id}>
                      <span lang={title.lang}>{title.text}</span> – <span lang={evidence.lang}>{t("seal:apply.asks", { evidence: evidence.text })}</span>
                    </List.Item>
                  );
                })}
              </List>
            </>
          ) : null}
          <Text mt="xs">
            <Anchor component={Link} to="/verein/siegel">
              {t("seal:selfCheck.apply")}
            </Anchor>
          </Text>
        </Alert>
      ) : null}
      <Paper withBorder p="lg" component="section" aria-labelledby="self-check-form">
        <Title order={2} size="h4" id="self-check-form" mb="sm">
          {t("seal:selfCheck.question")}
        </Title>
        <Form method="get">
          <input type="hidden" name="check" value="1" />
          <Stack gap="sm">
            {catalogue.criteria.map((c) => {
              const title = criterionText(c, i18n.language, "title");
              return (
                <Checkbox
                  key={c.id}
                  name="c"
                  value={String(c.id)}
                  defaultChecked={ticked.includes(c.id)}
                  label={
                    <>
                      <span lang={title.lang}>{title.text}</span>{" "}
                      <Badge component="span" size="sm" variant="light" color={c.kind === "mandatory" ? "blue" : "gray"}>
                        {t(`seal:kinds.${c.kind}`)}
                      </Badge>
                    </>
                  }
                />
              );
            })}
            <div>
              <Button type="submit">{t("seal:selfCheck.submit")}</Button>
            </div>
          </Stack>
        </Form>
      </Paper>
      <Text size="sm">{t("seal:selfCheck.nothingStored")}</Text>
    </Stack>
  );
}
