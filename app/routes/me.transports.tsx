import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { useFieldError } from "~/components/form";
import { answerTransport, listOwnTransports } from "~/modules/donations/handover.server";
import { AnswerSchema } from "~/modules/donations/handover-schema";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:me.transportsTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:transport:own", { userId: actor.userId });
  return listOwnTransports(actor);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "update:transport:own", { userId: actor.userId });
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: AnswerSchema });
  const transportId = String(formData.get("transportId") ?? "");
  if (submission.status !== "success") return data({ transportId, result: submission.reply() }, { status: 400 });
  try {
    await answerTransport(actor, submission.value.transportId, submission.value.answer as "accepted" | "declined", submission.value.reason);
  } catch (e) {
    return data({ transportId, result: replyWithError(submission, e).data }, { status: 400 });
  }
  return redirectWithFlash("/me/transports", { key: "flash.saved", kind: "success" });
}

function AnswerForm({ id }: { id: number }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const mine = actionData && actionData.transportId === String(id) ? actionData.result : undefined;
  const error = useFieldError(mine?.error?.[""] ?? mine?.error?.answer ?? undefined);
  return (
    <Form method="post">
      <input type="hidden" name="transportId" value={id} />
      <Group align="flex-end" gap="xs">
        <TextInput name="reason" id={`reason-${id}`} label={t("donations:me.declineReason")} maxLength={300} error={error} />
        <Button type="submit" name="answer" value="accepted">
          {t("donations:me.accept")}
        </Button>
        <Button type="submit" name="answer" value="declined" variant="light" color="red">
          {t("donations:me.decline")}
        </Button>
      </Group>
    </Form>
  );
}

export default function MyTransports() {
  const { t, i18n } = useTranslation();
  const { transports, declarationMissing } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("donations:me.transportsIntro")}>{t("donations:me.transportsTitle")}</PageTitle>
      {declarationMissing ? (
        <Alert color="orange" title={t("volunteers:declaration.missingTitle")}>
          <Text>{t("volunteers:declaration.missingTransports")}</Text>
          <Anchor component={Link} to="/mitmachen/einwilligung">
            {t("volunteers:declaration.give")}
          </Anchor>
        </Alert>
      ) : null}
      {transports.length === 0 ? <Text>{t("donations:me.none")}</Text> : null}
      {transports.map((tr) => (
        <Paper key={tr.id} withBorder p="md" component="article" aria-labelledby={`tr-${tr.id}`}>
          <Group gap="xs">
            <Text fw={600} id={`tr-${tr.id}`}>
              {categoryLabel({ ...tr, depth: 0 }, i18n.language)} · {tr.quantity}×
            </Text>
            <Badge>{t(`donations:transportState.${tr.state}`)}</Badge>
          </Group>
          <Text>
            {tr.handover_on ? formatDate(tr.handover_on, i18n.language) : "—"} {tr.time_from}–{tr.time_to} · {t("donations:me.route", { from: tr.pickupDistrict ?? "—", to: tr.householdDistrict ?? "—" })}
          </Text>
          {tr.state === "accepted" && declarationMissing ? null : tr.state === "accepted" ? (
            <>
              <Text>{t("donations:me.pickupAt", { street: tr.pickupStreet ?? "—", phone: tr.donorPhone ?? "—" })}</Text>
              <Text>{tr.household ? t("donations:me.household", { name: tr.household.name ?? "—", street: tr.household.street ?? "—", phone: tr.household.phone ?? "—" }) : t("donations:me.householdViaOffice")}</Text>
            </>
          ) : (
            <>
              <Text size="sm">{t("donations:me.addressAfterAccept")}</Text>
              <AnswerForm id={tr.id} />
            </>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
