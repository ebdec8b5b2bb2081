import { parseWithZod } from "@conform-to/zod";
import { Anchor, Badge, Button, Group, Image, NativeSelect, Paper, Stack, Text, TextInput } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { useFieldError } from "~/components/form";
import { Pager } from "~/components/pagination";
import { listOffersForOffice, reviewOffer } from "~/modules/donations/review.server";
import { OFFER_FILTERS, OfferReviewSchema, type OfferFilter } from "~/modules/donations/schema";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { pageParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:review.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requirePermission(actor, "manage:donation:any");
  const url = new URL(request.url);
  const state = url.searchParams.get("state");
  const filter: OfferFilter = (OFFER_FILTERS as readonly string[]).includes(state ?? "") ? (state as OfferFilter) : "pending";
  return { filter, result: await listOffersForOffice(actor, filter, pageParam(url)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requirePermission(actor, "manage:donation:any");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: OfferReviewSchema });
  const offerId = String(formData.get("offerId") ?? "");
  if (submission.status !== "success") return data({ offerId, result: submission.reply() }, { status: 400 });
  try {
    await reviewOffer(actor, { offerId: submission.value.offerId, decision: submission.value.decision as "accepted" | "declined", reason: submission.value.reason });
  } catch (e) {
    return data({ offerId, result: replyWithError(submission, e).data }, { status: 400 });
  }
  return redirectWithFlash("/office/donations/offers", { key: "flash.saved", kind: "success" });
}

function ReviewForm({ offerId }: { offerId: number }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const mine = actionData && actionData.offerId === String(offerId) ? actionData.result : undefined;
  const error = useFieldError(mine?.error?.reason ?? mine?.error?.[""] ?? undefined);
  return (
    <Form method="post">
      <input type="hidden" name="offerId" value={offerId} />
      <Group align="flex-end" gap="xs">
        <TextInput name="reason" id={`reason-${offerId}`} label={t("donations:review.reason")} maxLength={300} error={error} />
        <Button type="submit" name="decision" value="accepted" size="sm">
          {t("donations:review.accept")}
        </Button>
        <Button type="submit" name="decision" value="declined" size="sm" color="red" variant="light">
          {t("donations:review.decline")}
        </Button>
      </Group>
    </Form>
  );
}

export default function OfferReview() {
  const { t, i18n } = useTranslation();
  const { filter, result } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <Anchor component={Link} to="/office/donations">
        {t("donations:office.back")}
      </Anchor>
      <PageTitle description={t("donations:review.intro")}>{t("donations:review.title")}</PageTitle>
      <Form method="get">
        <Group align="flex-end">
          <NativeSelect name="state" label={t("donations:review.state")} defaultValue={filter} data={OFFER_FILTERS.map((s) => ({ value: s, label: t(`donations:offerStatus.${s}`) }))} />
          <Button type="submit" variant="light">
            {t("actions.filter")}
          </Button>
        </Group>
      </Form>
      {result.items.length === 0 ? <Text>{t("donations:review.empty")}</Text> : null}
      {result.items.map((o) => (
        <Paper key={o.id} withBorder p="md" component="article" aria-labelledby={`offer-${o.id}`}>
          <Group gap="xs">
            <Text fw={600} id={`offer-${o.id}`}>
              {categoryLabel({ ...o, depth: 0 }, i18n.language)} · {o.size ?? "—"} · {o.quantity}×
            </Text>
            <Badge>{t(`donations:condition.${o.condition}`)}</Badge>
            {o.tested_only && o.condition === "used" ? <Badge color="red.9">{t("donations:review.usedElectrical")}</Badge> : null}
          </Group>
          {o.description ? <Text>{o.description}</Text> : null}
          <Text size="sm">
            {t(`donations:delivery.${o.delivery}`)} · {o.district ?? "—"} {o.pickup_street ?? ""} · {t("donations:offer.availableUntil")} {formatDate(o.available_until, i18n.language)}
          </Text>
          <Text size="sm">
            {t("donations:review.donor")}: {o.donor_name ?? "—"} · {o.donor_email ?? "—"} · {o.donor_phone ?? "—"}
          </Text>
          {o.review_reason ? <Text size="sm">{t("donations:manage.declinedReason", { reason: o.review_reason })}</Text> : null}
          {o.photoIds.length ? (
            <Group mt="xs">
              {o.photoIds.map((p, i) => (
                <a key={p} href={`/office/donations/photos/${p}`}>
                  <Image src={`/office/donations/photos/${p}`} alt={t("donations:review.photoAlt", { n: i + 1 })} w={120} h={90} fit="cover" radius="sm" />
                </a>
              ))}
            </Group>
          ) : null}
          {filter === "pending" ? <ReviewForm offerId={o.id} /> : null}
          {/* The offer's page: matching needs (accepted offers) and the donor's private links. */}
          {filter !== "pending" ? (
            <Anchor component={Link} to={`/office/donations/offers/${o.id}`}>
              {filter === "accepted" ? t("donations:offerNeeds.link") : t("donations:review.details")}
            </Anchor>
          ) : null}
        </Paper>
      ))}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
