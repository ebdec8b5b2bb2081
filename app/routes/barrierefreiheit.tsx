import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContactForm } from "~/components/legal/contact-form";
import { LegalPageView } from "~/components/legal/legal-page";
import { handleContactPost, loadLegalPage } from "~/utils/legal-http.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "legal:footer.accessibility");

// Public page (anonymous on purpose): the accessibility statement (BITV 2.0 § 7) and its feedback form.
export async function loader({ request }: LoaderFunctionArgs) {
  return loadLegalPage(request, "barrierefreiheit");
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleContactPost(request, "accessibility", "/barrierefreiheit", context);
}

export default function Accessibility() {
  const { t } = useTranslation();
  const { page, sent } = useLoaderData<typeof loader>();
  return (
    <LegalPageView page={page} fallbackTitle={t("legal:footer.accessibility")}>
      <ContactForm kind="accessibility" sent={sent} />
    </LegalPageView>
  );
}
