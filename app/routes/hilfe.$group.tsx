import { Anchor } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LegalPageView } from "~/components/legal/legal-page";
import { isHelpGroup } from "~/modules/legal/pages";
import { loadLegalPage } from "~/utils/legal-http.server";
import { titleFrom } from "~/utils/meta";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "legal:footer.help");

// Public page (anonymous on purpose): help for one user group, text kept by the office.
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isHelpGroup(params.group)) throw notFound();
  return { group: params.group, ...(await loadLegalPage(request, `hilfe-${params.group}`)) };
}

export default function HelpPage() {
  const { t } = useTranslation();
  const { page, group } = useLoaderData<typeof loader>();
  return (
    <LegalPageView page={page} fallbackTitle={t(`legal:help.groups.${group}.title`)}>
      <Anchor component={Link} to="/hilfe">
        {t("legal:help.all")}
      </Anchor>
    </LegalPageView>
  );
}
