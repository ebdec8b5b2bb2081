import { Alert, Anchor, Badge, Button, Group, NumberInput, Paper, Stack, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { needsForOffer } from "~/modules/donations/matching.server";
import { formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:offerNeeds.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = parseId(params.id);
  requirePermission(actor, "manage:donation:any");
  const result = await needsForOffer(actor, id);
  if (!result) throw new Response("Not Found", { status: 404 });
  return result;
}

export default function OfferNeeds() {
  const { t, i18n } = useTranslation();
  const { offer: o, usable, candidates } = useLoaderData<typeof loader>();
  const left = o.quantity - o.quantity_reserved;
  return (
    <Stack>
      <Anchor component={Link} to="/office/donations/offers?state=accepted">
        {t("donations:review.title")}
      </Anchor>
      <PageTitle description={t("donations:offerNeeds.intro")}>{t("donations:offerNeeds.heading", { category: categoryLabel({ ...o, depth: 0 }, i18n.language) })}</PageTitle>
      <Paper withBorder p="md">
        <Text>
          {t("donations:need.size")}: {o.size ?? "—"} · {t("donations:offer.available")}: {left} · {t(`donations:condition.${o.condition}`)} · {o.district ?? "—"} · {t("donations:offer.availableUntil")}{" "}
          {formatDate(o.available_until, i18n.language)}
        </Text>
        {o.description ? <Text size="sm">{o.description}</Text> : null}
      </Paper>
      {!usable ? (
        <Alert color="blue">{t("donations:offerNeeds.notUsable")}</Alert>
      ) : candidates.length === 0 ? (
        <Text>{t("donations:offerNeeds.none")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <caption>{t("donations:offerNeeds.caption")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("donations:matching.rank")}</Table.Th>
                <Table.Th scope="col">{t("donations:household.code")}</Table.Th>
                <Table.Th scope="col">{t("donations:household.district")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.size")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.quantity")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.since")}</Table.Th>
                <Table.Th scope="col">{t("donations:matching.reasons")}</Table.Th>
                <Table.Th scope="col">{t("actions.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {candidates.map((c, i) => (
                <Table.Tr key={c.need.id}>
                  <Table.Td>
                    {i + 1} <Badge variant="light">{c.score}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/donations/needs/${c.need.id}`}>
                      {c.detail.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.detail.district ?? "—"}</Table.Td>
                  <Table.Td>{c.need.size ?? "—"}</Table.Td>
                  <Table.Td>{c.detail.quantity}</Table.Td>
                  <Table.Td>{formatDate(c.need.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>{c.reasons.map((r) => t(`donations:reasons.${r}`)).join(", ")}</Table.Td>
                  <Table.Td>
                    {/* Posts to the need's page: the same reservation command and messages. */}
                    <Form method="post" action={`/office/donations/needs/${c.need.id}`}>
                      <input type="hidden" name="offerId" value={o.id} />
                      <Group gap="xs" align="flex-end">
                        <NumberInput name="quantity" id={`q-${c.need.id}`} label={t("donations:need.quantity")} min={1} max={Math.min(left, c.detail.quantity)} defaultValue={1} w={90} />
                        <Button type="submit" size="sm">
                          {t("donations:matching.confirm")}
                        </Button>
                      </Group>
                    </Form>
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
