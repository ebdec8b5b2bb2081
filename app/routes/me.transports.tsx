import type { SubmissionResult } from "@conform-to/react";
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { replyFor, useFieldError } from "~/components/form";
import { answerTransport, listOwnTransports } from "~/modules/donations/handover.server";
import { AnswerSchema } from "~/modules/donations/handover-schema";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
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
  // The transport answered is a hidden field of the form, parsed with the rest.
  const { submission } = await parseForm(request, AnswerSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await answerTransport(actor, submission.value.transportId, submission.value.answer as "accepted" | "declined", submission.value.reason);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash("/me/transports", { key: "flash.saved", kind: "success" });
}

function AnswerForm({ id }: { id: number }) {
  const { t } = useTranslation();
  // The answer to this transport's form: the reason typed is kept, the message stands at the field.
  const mine = replyFor(useActionData<typeof action>() as SubmissionResult<string[]> | undefined, "transportId", id);
  const error = useFieldError(mine?.error?.reason ?? mine?.error?.[""] ?? mine?.error?.answer ?? undefined);
  const kept = mine?.initialValue?.reason;
  return (
    <Form method="post">
      <input type="hidden" name="transportId" value={id} />
      <Group align="flex-end" gap="xs">
        <TextInput name="reason" id={`reason-${id}`} label={t("donations:me.declineReason")} maxLength={300} error={error} defaultValue={typeof kept === "string" ? kept : undefined} />
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
            <Badge component="span">{t(`donations:transportState.${tr.state}`)}</Badge>
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
