import { getFormProps, useForm } from "@conform-to/react";
import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getActor, requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, SubmitButton } from "~/components/form";
import { acceptInvite, findInvite } from "~/modules/associations/members.server";
import { AcceptInviteSchema } from "~/modules/associations/schema";
import { isAppError, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "associations:invite.title");

// The token is the credential (as the accounts' links, ADR 0006): anyone holding the link sees which
// association invites; accepting needs the signed-in, verified account of the invited address.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(request, context);
  const invite = await findInvite(params.token ?? "");
  if (!invite) throw notFound();
  const path = new URL(request.url).pathname;
  return {
    organisationName: invite.organisationName,
    asAdmin: invite.asAdmin,
    signedIn: !!actor,
    matches: !!actor && actor.email.toLowerCase() === invite.email.toLowerCase(),
    path,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  // An unknown, used, withdrawn or expired link: nothing to accept (404), whatever the form says.
  if (!(await findInvite(params.token ?? ""))) throw notFound();
  const { submission } = await parseForm(request, AcceptInviteSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await acceptInvite(actor, params.token ?? "");
  } catch (error) {
    if (isAppError(error) && error.status === 400) return replyWithError(submission, error);
    throw error;
  }
  return redirectWithFlash("/verein", { key: "associations:flash.joined", kind: "success" });
}

export default function AcceptInvite() {
  const { t } = useTranslation();
  const { organisationName, asAdmin, signedIn, matches, path } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({ id: "accept-invite", lastResult });
  return (
    <Stack maw={640}>
      <PageTitle>{t("associations:invite.title")}</PageTitle>
      <Paper withBorder p="lg">
        <Stack>
          <Text>{t(asAdmin ? "associations:invite.textAdmin" : "associations:invite.text", { name: organisationName })}</Text>
          {signedIn ? (
            <>
              {!matches ? <Text c="red.8">{t("associations:errors.inviteOtherAddress")}</Text> : null}
              <Form method="post" {...getFormProps(form)}>
                <Stack>
                  <FormErrors form={form} />
                  <input type="hidden" name="intent" value="accept" />
                  <div>
                    <SubmitButton>{t("associations:invite.accept")}</SubmitButton>
                  </div>
                </Stack>
              </Form>
            </>
          ) : (
            <>
              <Text>{t("associations:invite.signIn")}</Text>
              <Group>
                <Anchor component={Link} to={`/login?redirectTo=${encodeURIComponent(path)}`}>
                  {t("associations:invite.login")}
                </Anchor>
                <Anchor component={Link} to="/register">
                  {t("associations:invite.register")}
                </Anchor>
              </Group>
            </>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
