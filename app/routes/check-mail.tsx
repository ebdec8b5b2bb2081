import { Alert, Anchor, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "auth:checkMail.title");

const KINDS = ["register", "reset", "email-change"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  // Public page: it shows only a generic text, never whether an address exists.
  const kind = new URL(request.url).searchParams.get("for");
  return { kind: (KINDS as readonly string[]).includes(kind ?? "") ? (kind as (typeof KINDS)[number]) : "register" };
}

export default function CheckMail() {
  const { t } = useTranslation();
  const { kind } = useLoaderData<typeof loader>();
  return (
    <Stack maw={560}>
      <PageTitle>{t("auth:checkMail.title")}</PageTitle>
      <Alert color="blue" variant="light" role="status">
        <Text>{t(`auth:checkMail.${kind}`)}</Text>
      </Alert>
      <Text>{t("auth:checkMail.spam")}</Text>
      <Anchor component={Link} to={kind === "email-change" ? "/me/konto" : "/login"}>
        {kind === "email-change" ? t("auth:checkMail.backToAccount") : t("auth:checkMail.toLogin")}
      </Anchor>
    </Stack>
  );
}
