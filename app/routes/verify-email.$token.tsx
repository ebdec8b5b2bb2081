import { Alert, Anchor, Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PageTitle } from "~/components/app-layout";
import { verifyEmail } from "~/modules/accounts/commands.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "auth:verify.title");

const Params = z.object({ token: z.string().min(10).max(100).regex(/^[A-Za-z0-9_-]+$/) });

export async function loader({ params }: LoaderFunctionArgs) {
  // Anonymous allowed: the token itself is the proof.
  const parsed = Params.safeParse(params);
  if (parsed.success && (await verifyEmail(parsed.data.token))) {
    return redirectWithFlash("/login", { key: "flash.emailVerified", kind: "success" });
  }
  return null;
}

export default function VerifyFailed() {
  const { t } = useTranslation();
  return (
    <Stack maw={560}>
      <PageTitle>{t("auth:verify.title")}</PageTitle>
      <Alert color="red" variant="light" role="alert">
        {t("auth:verify.invalid")}
      </Alert>
      <Anchor component={Link} to="/login">
        {t("auth:verify.toLogin")}
      </Anchor>
    </Stack>
  );
}
