import { Alert, Button, Paper, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { isKnownOptOutToken, optOutByToken, optOutStateByToken } from "~/modules/messages/commands.server";
import { OptOutRequestSchema, OptOutTokenSchema } from "~/modules/messages/schema";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [...titleFrom(matches, "messages:optOut.title"), { name: "robots", content: "noindex" }];
// The token is in the URL: never cached, never sent on as a referrer (the own form still posts with its Origin).
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

function tokenOf(value: string | undefined): string {
  const r = OptOutTokenSchema.safeParse(value);
  if (!r.success) throw notFound();
  return r.data;
}

// Anonymous access is intended: the unguessable token of one mail is the credential; the page
// names no one. Opening it changes nothing (mail scanners); only its button, or a mail program's
// one-click POST (RFC 8058, `List-Unsubscribe=One-Click`), opts out.
export async function loader({ params }: LoaderFunctionArgs) {
  const token = tokenOf(params.token);
  const state = await optOutStateByToken(token);
  if (!state) throw notFound();
  return { optedOut: state.optedOut };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = tokenOf(params.token);
  if (!(await isKnownOptOutToken(token))) throw notFound();
  const { submission } = await parseForm(request, OptOutRequestSchema);
  if (submission.status !== "success") return invalid(submission);
  await optOutByToken(token);
  return redirectWithFlash(`/abmelden/${token}`, { key: "messages:flash.optedOut", kind: "success" });
}

export default function OptOut() {
  const { t } = useTranslation();
  const { optedOut } = useLoaderData<typeof loader>();
  return (
    <Stack maw={640}>
      <PageTitle>{t("messages:optOut.title")}</PageTitle>
      <Paper withBorder p="lg">
        {optedOut ? (
          <Stack>
            <Alert color="green" role="status">
              {t("messages:optOut.done")}
            </Alert>
            <Text>{t("messages:optOut.backIn")}</Text>
          </Stack>
        ) : (
          <Form method="post">
            <Stack>
              <Text>{t("messages:optOut.question")}</Text>
              <Text size="sm">{t("messages:optOut.transactional")}</Text>
              <input type="hidden" name="intent" value="opt-out" />
              <div>
                <Button type="submit">{t("messages:optOut.button")}</Button>
              </div>
            </Stack>
          </Form>
        )}
      </Paper>
    </Stack>
  );
}
