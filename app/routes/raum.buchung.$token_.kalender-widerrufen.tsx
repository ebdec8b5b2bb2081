import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from "@remix-run/node";
import { useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmStep } from "~/components/confirm-step";
import { guestLinkHeaders, guestLinkMeta } from "~/components/rooms/guest-link-page";
import { revokeRequesterFeeds } from "~/modules/rooms/feeds.server";
import { requireManageLink, requireManageLinkLoader } from "~/modules/rooms/manage-link.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = guestLinkMeta;
export const headers: HeadersFunction = guestLinkHeaders;

/** The confirmation step (its loader only checks the link): what revoking the calendar links does. */
export const loader = requireManageLinkLoader;

/** Every private calendar feed of the requester's address stops working. */
export async function action({ params }: ActionFunctionArgs) {
  const found = await requireManageLink(params.token);
  await revokeRequesterFeeds(found.booking.contact_email);
  return redirectWithFlash(`/raum/buchung/${params.token}`, { key: "flash.roomFeedsRevoked", kind: "success" });
}

export default function RevokeFeeds() {
  const { t } = useTranslation();
  return <ConfirmStep title={t("rooms:feeds.revoke")} what={[t("rooms:steps.revokeFeeds")]} submit={t("rooms:feeds.revoke")} back={`/raum/buchung/${useParams().token}`} />;
}
