import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LegalPageView } from "~/components/legal/legal-page";
import { loadLegalPage } from "~/utils/legal-http.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "legal:footer.impressum");

// Public page (anonymous on purpose): the provider's details under § 5 DDG, kept by the office.
export async function loader({ request }: LoaderFunctionArgs) {
  return loadLegalPage(request, "impressum");
}

export default function Impressum() {
  const { t } = useTranslation();
  const { page } = useLoaderData<typeof loader>();
  return <LegalPageView page={page} fallbackTitle={t("legal:footer.impressum")} />;
}
