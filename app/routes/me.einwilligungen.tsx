import { Alert, Anchor, Button, Paper, Stack, Table, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { useFieldError } from "~/components/form";
import { MessageConsentPanel } from "~/components/messages/consent-panel";
import { isOptedOut } from "~/modules/messages/queries.server";
import { hasRequiredConsents, listConsentRecords } from "~/modules/volunteers/consents.server";
import { withdrawConsent } from "~/modules/volunteers/profile.server";
import { WithdrawConsentSchema } from "~/modules/volunteers/schema";
import { formatDateTime } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { uiLanguageName } from "~/utils/language-names";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:consents.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:volunteer:own", { userId: actor.userId });
  const [records, complete, messagesOptedOut] = await Promise.all([listConsentRecords(actor.userId), hasRequiredConsents(actor.userId), isOptedOut(actor.userId)]);
  return { records, complete, messagesOptedOut };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "update:volunteer:own", { userId: actor.userId });
  const { submission } = await parseForm(request, WithdrawConsentSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await withdrawConsent(actor, submission.value.purpose);
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirectWithFlash("/me/einwilligungen", { key: "flash.consentWithdrawn", kind: "success" });
}

export default function Consents() {
  const { t, i18n } = useTranslation();
  const { records, complete, messagesOptedOut } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = useFieldError(result && "error" in result && result.error ? Object.values(result.error).flat().filter((e): e is string => !!e) : undefined);
  return (
    <Stack maw={860}>
      <Anchor component={Link} to="/me">
        {t("volunteers:me.back")}
      </Anchor>
      <PageTitle description={t("volunteers:consents.intro")}>{t("volunteers:consents.title")}</PageTitle>
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
      {!complete ? (
        <Paper withBorder p="md">
          <Text>{t("volunteers:consents.missing")}</Text>
          <Anchor component={Link} to="/mitmachen/einwilligung">
            {t("volunteers:consents.give")}
          </Anchor>
        </Paper>
      ) : null}
      {records.length === 0 ? (
        <Text>{t("volunteers:consents.none")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("volunteers:consents.purpose")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:consents.versionLanguage")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:consents.given")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:consents.withdrawn")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {records.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{t(`volunteers:purposes.${r.purpose}`)}</Table.Td>
                  <Table.Td>
                    {r.version} · {uiLanguageName(r.locale, i18n.language)}
                  </Table.Td>
                  <Table.Td>{formatDateTime(r.given_at, i18n.language)}</Table.Td>
                  <Table.Td>
                    {r.withdrawn_at ? (
                      formatDateTime(r.withdrawn_at, i18n.language)
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="withdraw" />
                        <input type="hidden" name="purpose" value={r.purpose} />
                        <Button type="submit" variant="default" size="compact-sm">
                          {t("volunteers:consents.withdraw", { purpose: t(`volunteers:purposes.${r.purpose}`) })}
                        </Button>
                      </Form>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm">{t("volunteers:consents.effect")}</Text>
      <MessageConsentPanel optedOut={messagesOptedOut} />
    </Stack>
  );
}
