import { Anchor, Group, Stack, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { StatusBadge } from "~/components/list-page";
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "~/i18n/config";
import { LEGAL_SLUGS, legalPath } from "~/modules/legal/pages";
import { listLegalPages } from "~/modules/legal/pages.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "legal:office.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:legal-page:any");
  const rows = await listLegalPages(actor);
  return { pages: LEGAL_SLUGS.map((slug) => ({ slug, path: legalPath(slug), locales: rows.filter((r) => r.slug === slug).map((r) => r.locale) })) };
}

export default function OfficeLegalPages() {
  const { t } = useTranslation();
  const { pages } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("legal:office.intro")}>{t("legal:office.title")}</PageTitle>
      <Table.ScrollContainer minWidth={520}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("legal:office.page")}</Table.Th>
              <Table.Th scope="col">{t("legal:office.languages")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pages.map((p) => (
              <Table.Tr key={p.slug}>
                <Table.Td>
                  <Anchor component={Link} to={`/office/seiten/${p.slug}`}>
                    {t(`legal:office.pages.${p.slug}`)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    <bdi>{p.path}</bdi>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {/* Dark text on a light badge (white on Mantine's filled green is below 4.5:1); the mark tells written from missing without colour. */}
                    {SUPPORTED_LANGUAGES.map((l) => (
                      <StatusBadge key={l} color={p.locales.includes(l) ? "green" : l === "de" ? "red" : "gray"}>
                        <span aria-hidden="true">{p.locales.includes(l) ? "✓ " : "– "}</span>
                        <span lang={l}>{LANGUAGE_NAMES[l]}</span>
                        <span className="sr-only">: {t(p.locales.includes(l) ? "legal:office.written" : "legal:office.missing")}</span>
                      </StatusBadge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
