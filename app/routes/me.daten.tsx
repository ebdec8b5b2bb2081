import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { mayEraseOwnAccount } from "~/auth/permissions";
import { endSession, requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { CheckboxField, FormErrors, SubmitButton } from "~/components/form";
import { eraseOwnData } from "~/modules/volunteers/personal-data.server";
import { DeleteAccountSchema } from "~/modules/volunteers/schema";
import { env } from "~/utils/env.server";
import { forbidden } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:data.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "update:account:own", { userId: actor.userId });
  return { retentionYears: env().VOLUNTEER_COVER_RETENTION_YEARS };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "update:account:own", { userId: actor.userId });
  // Staff accounts are closed by an administrator, not by self-service erasure.
  if (!mayEraseOwnAccount(actor)) throw forbidden();
  const { submission } = await parseForm(request, DeleteAccountSchema);
  if (submission.status !== "success") return invalid(submission);
  await eraseOwnData(actor);
  const cookie = await endSession(request);
  return redirectWithFlash("/", { key: "flash.accountErased", kind: "success" }, { headers: { "Set-Cookie": cookie } });
}

export default function MyData() {
  const { t } = useTranslation();
  const { retentionYears } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "erase", lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountSchema }), shouldValidate: "onSubmit" });
  return (
    <Stack maw={760}>
      <Anchor component={Link} to="/me">
        {t("volunteers:me.back")}
      </Anchor>
      <PageTitle description={t("volunteers:data.intro")}>{t("volunteers:data.title")}</PageTitle>
      <Paper withBorder p="lg" component="section" aria-labelledby="data-export">
        <Title order={2} size="h4" id="data-export" mb="xs">
          {t("volunteers:data.exportTitle")}
        </Title>
        <Text mb="sm">{t("volunteers:data.exportText")}</Text>
        <Group>
          <Button component={Link} to="/me/daten/auskunft" variant="light">
            {t("legal:auskunft.open")}
          </Button>
          <Button component="a" href="/me/daten.pdf" download variant="light">
            {t("legal:auskunft.pdf")}
          </Button>
          <Button component="a" href="/me/daten.json" download variant="light">
            {t("volunteers:data.exportAction")}
          </Button>
        </Group>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="data-erase">
        <Title order={2} size="h4" id="data-erase" mb="xs">
          {t("volunteers:data.eraseTitle")}
        </Title>
        <Text mb="xs">{t("volunteers:data.eraseText")}</Text>
        <Text mb="xs">{t("volunteers:data.eraseCover")}</Text>
        <Text mb="sm" fw={500}>
          {t("volunteers:data.retention", { count: retentionYears })}
        </Text>
        <Form method="post" {...getFormProps(form)}>
          <Stack>
            <FormErrors form={form} />
            <CheckboxField field={fields.confirm} label={t("volunteers:data.confirm")} />
            <SubmitButton color="red.9">{t("volunteers:data.eraseAction")}</SubmitButton>
          </Stack>
        </Form>
      </Paper>
    </Stack>
  );
}
