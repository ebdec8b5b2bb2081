import { Anchor, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { MessageConsentPanel } from "~/components/messages/consent-panel";
import { setOwnMessageOptOut } from "~/modules/messages/commands.server";
import { isOptedOut } from "~/modules/messages/queries.server";
import { MessageConsentSchema } from "~/modules/messages/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "messages:me.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:account:own", { userId: actor.userId });
  return { optedOut: await isOptedOut(actor.userId) };
}

/** Opting out of messages to groups, or back in (the opt-out link in every such mail does the first). */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "update:account:own", { userId: actor.userId });
  const { submission } = await parseForm(request, MessageConsentSchema);
  if (submission.status !== "success") return invalid(submission);
  await setOwnMessageOptOut(actor, submission.value.intent === "opt-out");
  return redirectWithFlash("/me/einwilligungen", { key: submission.value.intent === "opt-out" ? "messages:flash.optedOut" : "messages:flash.optedIn", kind: "success" });
}

export default function MessageConsent() {
  const { t } = useTranslation();
  const { optedOut } = useLoaderData<typeof loader>();
  return (
    <Stack maw={860}>
      <Anchor component={Link} to="/me/einwilligungen">
        {t("volunteers:consents.title")}
      </Anchor>
      <PageTitle>{t("messages:me.title")}</PageTitle>
      <MessageConsentPanel optedOut={optedOut} />
    </Stack>
  );
}
