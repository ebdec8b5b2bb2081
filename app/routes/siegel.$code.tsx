import { Alert, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PageTitle } from "~/components/app-layout";
import { verifyAward } from "~/modules/seal/queries.server";
import { berlinDay, formatDate } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "seal:verify.title");

const Code = z.string().regex(/^\d{4}-[0-9A-F]{10}$/);

export async function loader({ params }: LoaderFunctionArgs) {
  // Public: anyone holding a code (the certificate, the badge) checks it; no personal data.
  const code = Code.safeParse(params.code);
  if (!code.success) throw notFound();
  const award = await verifyAward(code.data, berlinDay(new Date()));
  if (!award) throw notFound();
  return { award };
}

export default function VerifySeal() {
  const { t, i18n } = useTranslation();
  const { award } = useLoaderData<typeof loader>();
  const color = award.state === "valid" ? "green" : "red";
  return (
    <Stack>
      <PageTitle>{t("seal:verify.title")}</PageTitle>
      <Alert color={color} variant="light" role="status" title={t(`seal:verify.state.${award.state}`)}>
        <Text>
          {t(`seal:verify.text.${award.state}`, {
            name: award.name,
            awardedOn: formatDate(award.awardedOn, i18n.language),
            validUntil: formatDate(award.validUntil, i18n.language),
            revokedOn: award.revokedOn ? formatDate(award.revokedOn, i18n.language) : "",
          })}
        </Text>
      </Alert>
      <Text size="sm">{t("seal:verify.code", { code: award.code })}</Text>
    </Stack>
  );
}
