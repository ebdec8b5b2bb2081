import { Alert, Button, Paper, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { directionOf } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18next.server";
import { confirmMeetingByLink, findMeetingByLink, type MeetingLinkView } from "~/modules/sponsorships/meetings-link.server";
import { ConfirmMeetingSchema } from "~/modules/sponsorships/meetings-schema";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "tandems:link.title");
// The token is in the URL: never cached, never sent to another site as a referrer. `same-origin`,
// not `no-referrer`: with `no-referrer` the browser posts the page's own form with `Origin: null`,
// which the CSRF check refuses (403), so the household could not confirm (as raum.buchung.$token).
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

/** The page's texts in the household's language (the link's), whatever the browser's language. */
async function view(found: MeetingLinkView) {
  const t = await getFixedT(found.locale, "tandems");
  return {
    lang: found.locale,
    dir: directionOf(found.locale),
    title: t("link.title"),
    question: t("link.question", { sponsor: found.sponsorFirstName, date: formatDate(found.day, found.locale) }),
    button: t("link.confirm"),
    done: t("link.done", { date: formatDate(found.day, found.locale) }),
    confirmed: found.confirmed,
  };
}

// Anonymous access is intended (ADR 0031): the unguessable token is the credential; the page shows only a date and a first name.
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findMeetingByLink(params.token);
  if (!found) return data({ page: null }, { status: 404 });
  return { page: await view(found) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (!(await findMeetingByLink(params.token))) return data({ page: null }, { status: 404 });
  const { submission } = await parseForm(request, ConfirmMeetingSchema);
  if (submission.status !== "success") return data({ page: null }, { status: 400 });
  await confirmMeetingByLink(params.token);
  return redirectWithFlash(`/patenschaft/treffen/${params.token}`, { key: "flash.saved", kind: "success" });
}

export default function ConfirmMeeting() {
  const { t } = useTranslation("tandems");
  const { page } = useLoaderData<typeof loader>();
  if (!page) {
    return (
      <Stack>
        <Title order={1}>{t("link.title")}</Title>
        <Alert color="yellow">{t("link.gone")}</Alert>
      </Stack>
    );
  }
  return (
    <Paper withBorder p="lg" maw={560} lang={page.lang} dir={page.dir}>
      <Stack>
        <Title order={1} size="h2">
          {page.title}
        </Title>
        {page.confirmed ? (
          <Alert color="green" role="status">
            {page.done}
          </Alert>
        ) : (
          <Form method="post">
            <Stack>
              <Text>{page.question}</Text>
              <input type="hidden" name="intent" value="confirm" />
              <Button type="submit" size="lg">
                {page.button}
              </Button>
            </Stack>
          </Form>
        )}
      </Stack>
    </Paper>
  );
}
