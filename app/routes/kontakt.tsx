import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContactForm } from "~/components/legal/contact-form";
import { LegalPageView } from "~/components/legal/legal-page";
import { handleContactPost, loadLegalPage } from "~/utils/legal-http.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "legal:footer.contact");

// Public page (anonymous on purpose): how to reach the office, and a message form.
export async function loader({ request }: LoaderFunctionArgs) {
  return loadLegalPage(request, "kontakt");
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleContactPost(request, "contact", "/kontakt", context);
}

export default function Contact() {
  const { t } = useTranslation();
  const { page, sent } = useLoaderData<typeof loader>();
  return (
    <LegalPageView page={page} fallbackTitle={t("legal:footer.contact")}>
      <ContactForm kind="contact" sent={sent} />
    </LegalPageView>
  );
}
