import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "~/components/confirm-step";
import { revokeRequesterFeeds } from "~/modules/rooms/feeds.server";
import { findByManageLink } from "~/modules/rooms/manage-link.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [...titleFrom(matches, "rooms:manage.title"), { name: "robots", content: "noindex" }];
// The token is the key: never cached; other sites never see it as a referrer.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

async function load(token: string | undefined) {
  // Anonymous access intended: the unguessable token in the link is the authorisation.
  const found = await findByManageLink(token);
  if (!found) throw new Response("Not Found", { status: 404 });
  return found;
}

/** The confirmation step: what revoking the calendar links does. */
export async function loader({ params }: LoaderFunctionArgs) {
  await load(params.token);
  return null;
}

/** Every private calendar feed of the requester's address stops working. */
export async function action({ params }: ActionFunctionArgs) {
  const found = await load(params.token);
  await revokeRequesterFeeds(found.booking.contact_email);
  return redirectWithFlash(`/raum/buchung/${params.token}`, { key: "flash.roomFeedsRevoked", kind: "success" });
}

export default function RevokeFeeds() {
  const { t } = useTranslation();
  return <ConfirmStep title={t("rooms:feeds.revoke")} what={[t("rooms:steps.revokeFeeds")]} submit={t("rooms:feeds.revoke")} back={`/raum/buchung/${useParams().token}`} />;
}
