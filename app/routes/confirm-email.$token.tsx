import { Alert, Button, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PageTitle } from "~/components/app-layout";
import { confirmEmailChange } from "~/modules/accounts/commands.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "auth:confirmEmail.title");

const Params = z.object({ token: z.string().min(10).max(100).regex(/^[A-Za-z0-9_-]+$/) });

// A button, not the GET itself, confirms: link scanners in mail systems must not change an account.
export async function action({ params }: ActionFunctionArgs) {
  const parsed = Params.safeParse(params);
  if (!parsed.success) return { ok: false };
  if (!(await confirmEmailChange(parsed.data.token))) return { ok: false };
  return redirectWithFlash("/login", { key: "flash.emailChanged", kind: "success" });
}

export default function ConfirmEmail() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  return (
    <Stack maw={520}>
      <PageTitle>{t("auth:confirmEmail.title")}</PageTitle>
      {result && !result.ok ? (
        <Alert color="red" variant="light" role="alert">
          {t("auth:confirmEmail.invalid")}
        </Alert>
      ) : (
        <>
          <Text>{t("auth:confirmEmail.intro")}</Text>
          <Form method="post">
            <Button type="submit">{t("auth:confirmEmail.submit")}</Button>
          </Form>
        </>
      )}
    </Stack>
  );
}
