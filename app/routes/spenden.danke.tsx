import { Alert, Anchor, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:thanks.title");

// Anonymous access is intended: a generic text, nothing about the offer.
export async function loader({ request }: LoaderFunctionArgs) {
  return { confirm: new URL(request.url).searchParams.get("bestaetigen") === "1" };
}

export default function Thanks() {
  const { t } = useTranslation();
  const { confirm } = useLoaderData<typeof loader>();
  return (
    <Stack maw={620}>
      <PageTitle>{t("donations:thanks.title")}</PageTitle>
      <Alert color="blue" variant="light" role="status">
        <Text>{confirm ? t("donations:thanks.confirm") : t("donations:thanks.received")}</Text>
      </Alert>
      <Text>{t("donations:thanks.link")}</Text>
      <Anchor component={Link} to="/spenden">
        {t("donations:thanks.back")}
      </Anchor>
    </Stack>
  );
}
