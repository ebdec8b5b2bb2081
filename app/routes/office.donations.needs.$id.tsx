import type { SubmissionResult } from "@conform-to/react";
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { ReasonList } from "~/components/donations/reason-list";
import { replyFor, useFieldError } from "~/components/form";
import { candidatesForNeed } from "~/modules/donations/matching.server";
import { confirmMatch } from "~/modules/donations/reserve.server";
import { reasonText } from "~/modules/donations/system-reasons";
import { quantity } from "~/modules/donations/schema";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:matching.title");

const ConfirmSchema = z.object({
  offerId: z.coerce.number({ invalid_type_error: "errors.invalidChoice" }).int().positive("errors.invalidChoice"),
  quantity: quantity(),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:donation:any");
  const result = await candidatesForNeed(actor, id);
  if (!result) throw notFound();
  return result;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:donation:any");
  if (!(await candidatesForNeed(actor, id))) throw notFound();
  // The offer confirmed is a hidden field of the row's form, parsed with the quantity.
  const { submission } = await parseForm(request, ConfirmSchema);
  if (submission.status !== "success") return invalid(submission);
  let matchId: number;
  try {
    matchId = await confirmMatch(actor, { needId: id, offerId: submission.value.offerId, quantity: submission.value.quantity });
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/donations/matches/${matchId}`, { key: "flash.saved", kind: "success" });
}

function ConfirmForm({ offerId }: { offerId: number }) {
  const { t } = useTranslation();
  const mine = replyFor(useActionData<typeof action>() as SubmissionResult<string[]> | undefined, "offerId", offerId);
  // The quantity typed is kept when refused (a wrong one too, to be corrected).
  const kept = mine?.initialValue?.quantity === undefined ? NaN : Number(mine.initialValue.quantity);
  const errors = [...(mine?.error?.quantity ?? []), ...(mine?.error?.[""] ?? []), ...(mine?.error?.offerId ?? [])];
  const error = useFieldError(errors.length ? errors : undefined);
  return (
    <Form method="post">
      <input type="hidden" name="offerId" value={offerId} />
      <Group gap="xs" align="flex-end">
        <TextInput name="quantity" label={t("donations:need.quantity")} inputMode="numeric" defaultValue={String(Number.isFinite(kept) ? kept : 1)} w={90} error={error} id={`q-${offerId}`} />
        <Button type="submit" size="sm">
          {t("donations:matching.confirm")}
        </Button>
      </Group>
    </Form>
  );
}

export default function MatchNeed() {
  const { t, i18n } = useTranslation();
  const { need, candidates, reservations } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <Anchor component={Link} to="/office/donations">
        {t("donations:office.back")}
      </Anchor>
      <PageTitle description={t("donations:matching.intro")}>{t("donations:matching.heading", { category: categoryLabel({ ...need, depth: 0 }, i18n.language) })}</PageTitle>
      <Paper withBorder p="md">
        <Text>
          {t("donations:household.code")}: <Anchor component={Link} to={`/office/households/${need.household_id}`}>{need.code}</Anchor> · {need.district ?? "—"} · {t("donations:need.size")}: {need.size ?? "—"} ·{" "}
          {t("donations:need.quantity")}: {need.quantity} · {t(`donations:urgency.${need.urgency}`)} · {t(`donations:needStatus.${need.status}`)}
          {need.quantity_covered > 0 ? ` (${t("donations:need.coverage", { covered: need.quantity_covered, quantity: need.quantity })})` : ""} · {t("donations:need.since")} {formatDate(need.created_at, i18n.language)}
        </Text>
      </Paper>
      {reservations.length ? (
        <Paper withBorder p="md" component="section" aria-labelledby="res-h">
          <Text fw={600} id="res-h">
            {t("donations:matching.reservations")}
          </Text>
          {reservations.map((r) => (
            <Text key={r.id}>
              <Anchor component={Link} to={`/office/donations/matches/${r.id}`}>
                {t("donations:matching.reservation", { quantity: r.quantity, offer: r.offer_id })}
              </Anchor>{" "}
              · {t(`donations:matchState.${r.state}`)}
              {r.handover_on ? ` · ${formatDate(r.handover_on, i18n.language)}` : ""}
              {r.outcome_reason ? ` · ${reasonText(t, r.outcome_reason)}` : ""}
            </Text>
          ))}
        </Paper>
      ) : null}
      {need.status !== "open" ? (
        <Alert color="blue">{t("donations:matching.notOpen")}</Alert>
      ) : candidates.length === 0 ? (
        <Text>{t("donations:matching.none")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <caption>
              {t("donations:matching.caption")}
              <Text size="xs" c="dimmed" component="span" display="block">
                {t("donations:matching.pointsHint")}
              </Text>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("donations:matching.rank")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.category")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.size")}</Table.Th>
                <Table.Th scope="col">{t("donations:offer.available")}</Table.Th>
                <Table.Th scope="col">{t("donations:offer.pickupDistrict")}</Table.Th>
                <Table.Th scope="col">{t("donations:offer.availableUntil")}</Table.Th>
                <Table.Th scope="col">{t("donations:matching.reasons")}</Table.Th>
                <Table.Th scope="col">{t("actions.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {candidates.map((c, i) => (
                <Table.Tr key={c.offer.id}>
                  <Table.Td>
                    {i + 1} <Badge component="span" variant="light" tt="none">{t("donations:matching.points", { count: c.score })}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {categoryLabel({ ...c.detail, depth: 0 }, i18n.language)} · {t(`donations:condition.${c.detail.condition}`)}
                    {c.detail.description ? <Text size="xs">{c.detail.description}</Text> : null}
                  </Table.Td>
                  <Table.Td>{c.offer.size ?? "—"}</Table.Td>
                  <Table.Td>{c.offer.available}</Table.Td>
                  <Table.Td>{c.detail.district ?? "—"}</Table.Td>
                  <Table.Td>{formatDate(c.offer.availableUntil, i18n.language)}</Table.Td>
                  <Table.Td>
                    <ReasonList reasons={c.reasons} />
                  </Table.Td>
                  <Table.Td>
                    <ConfirmForm offerId={c.offer.id} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
