import { Alert, Anchor, Button, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { guestLinkHeaders, guestLinkMeta } from "~/components/rooms/guest-link-page";
import { AlertTitle } from "~/components/rooms/violations";
import { createFeed, feedUrl } from "~/modules/rooms/feeds.server";
import { requireManageLink, requireManageLinkLoader } from "~/modules/rooms/manage-link.server";

export const meta: MetaFunction = guestLinkMeta;
// The answer also carries a feed URL: never cached, never a referrer elsewhere.
export const headers: HeadersFunction = guestLinkHeaders;

export const loader = requireManageLinkLoader;

/** A private calendar feed of every booking of the requester's address; its URL is shown once (only the hash is stored). */
export async function action({ params }: ActionFunctionArgs) {
  const found = await requireManageLink(params.token);
  return { feedUrl: feedUrl(await createFeed({ kind: "requester", email: found.booking.contact_email })) };
}

export default function CreateFeed() {
  const { t } = useTranslation();
  const created = useActionData<typeof action>();
  const base = `/raum/buchung/${useParams().token}`;
  return (
    <Stack>
      <Anchor component={Link} to={base}>
        {t("rooms:manage.backToBooking")}
      </Anchor>
      <PageTitle>{t("rooms:feeds.title")}</PageTitle>
      <Text size="sm">{t("rooms:feeds.hint")}</Text>
      {created?.feedUrl ? (
        <Alert color="green.9" role="status" title={<AlertTitle>{t("rooms:feeds.created")}</AlertTitle>}>
          <Text component="code" style={{ wordBreak: "break-all" }}>
            {created.feedUrl}
          </Text>
        </Alert>
      ) : (
        <Form method="post">
          <Button type="submit" variant="default">
            {t("rooms:feeds.create")}
          </Button>
        </Form>
      )}
    </Stack>
  );
}
