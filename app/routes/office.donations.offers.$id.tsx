import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from "@mantine/core";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { Section } from "~/components/donations/section";
import { ReasonList } from "~/components/donations/reason-list";
import { useFieldError } from "~/components/form";
import { needsForOffer } from "~/modules/donations/matching.server";
import { listOfferLinks, revokeOfferLink } from "~/modules/donations/review.server";
import { RevokeLinkSchema } from "~/modules/donations/schema";
import { formatDate, formatDateTime } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm, replyWithError } from "~/utils/forms.server";
import donationsCss from "~/styles/donations.css";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";
import { notFound } from "~/utils/errors";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: donationsCss }];

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:offerNeeds.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:donation:any");
  const result = await needsForOffer(actor, id);
  if (!result) throw notFound();
  return { ...result, links: await listOfferLinks(actor, id) };
}

/** Revoking one of the donor's private links (reserving posts to the need's page). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:donation:any");
  if (!(await needsForOffer(actor, id))) throw notFound();
  const submission = parseWithZod(await readForm(request), { schema: RevokeLinkSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await revokeOfferLink(actor, id, submission.value.linkId);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/donations/offers/${id}`, { key: "flash.saved", kind: "success" });
}

function LinksSection({ offerId, links }: { offerId: number; links: Array<{ id: number; sent_with: string; created_at: string; revoked_at: string | null; revokedBy: string | null }> }) {
  const { t, i18n } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const errors = lastResult && "error" in lastResult ? Object.values(lastResult.error ?? {}).flat() : [];
  const error = useFieldError(errors.length ? (errors as string[]) : undefined);
  return (
    <Section id="links-h" title={t("donations:links.title")}>
      <Text size="sm" mb="xs">
        {t("donations:links.intro")}
      </Text>
      {error ? (
        <Alert color="red" role="alert" variant="light" mb="xs">
          {error}
        </Alert>
      ) : null}
      {links.length === 0 ? (
        <Text>{t("donations:links.none")}</Text>
      ) : (
        <ul className="offer-links">
          {links.map((l) => (
            <li key={l.id}>
              {t(`donations:links.sentWith.${l.sent_with}`, { date: formatDateTime(l.created_at, i18n.language) })} ·{" "}
              {l.revoked_at ? (
                t("donations:links.revoked", { date: formatDateTime(l.revoked_at, i18n.language), by: l.revokedBy ?? "—" })
              ) : (
                <Button component={Link} to={`/office/donations/offers/${offerId}/revoke-link/${l.id}`} size="xs" variant="light" color="red.9">
                  {t("donations:links.revokeEllipsis")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export default function OfferNeeds() {
  const { t, i18n } = useTranslation();
  const { offer: o, usable, candidates, links: manageLinks } = useLoaderData<typeof loader>();
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
                    {i + 1} <Badge component="span" variant="light">{c.score}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/donations/needs/${c.need.id}`}>
                      {c.detail.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.detail.district ?? "—"}</Table.Td>
                  <Table.Td>{c.need.size ?? "—"}</Table.Td>
                  <Table.Td>
                    {c.detail.quantity_covered > 0 ? t("donations:need.coverage", { covered: c.detail.quantity_covered, quantity: c.detail.quantity }) : c.detail.quantity}
                  </Table.Td>
                  <Table.Td>{formatDate(c.need.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <ReasonList reasons={c.reasons} />
                  </Table.Td>
                  <Table.Td>
                    {/* Posts to the need's page: the same reservation command and messages. */}
                    <Form method="post" action={`/office/donations/needs/${c.need.id}`}>
                      <input type="hidden" name="offerId" value={o.id} />
                      <Group gap="xs" align="flex-end">
                        <TextInput name="quantity" id={`q-${c.need.id}`} label={t("donations:need.quantity")} inputMode="numeric" defaultValue="1" w={90} />
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
      <LinksSection offerId={o.id} links={manageLinks} />
    </Stack>
  );
}
