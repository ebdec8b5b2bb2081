import type { SubmissionResult } from "@conform-to/react";
import { Anchor, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { requireActor, requirePermission } from "~/auth/session.server";
import { ExportLinks } from "~/components/reports/export-links";
import { parseOfferFilter } from "~/modules/reports/list-exports.server";
import { PageTitle } from "~/components/app-layout";
import { FilterBar, FilterSelect, StatusBadge } from "~/components/list-page";
import { categoryLabel } from "~/components/donations/category-label";
import { replyFor, useFieldError } from "~/components/form";
import { Pager } from "~/components/pagination";
import { listOffersForOffice, reviewOffer } from "~/modules/donations/review.server";
import { OFFER_FILTERS, OfferReviewSchema } from "~/modules/donations/schema";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { pageParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:review.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:donation:any");
  const url = new URL(request.url);
  const filter = parseOfferFilter(url);
  return { filter, result: await listOffersForOffice(actor, filter, pageParam(url)), mayExport: can(actor, "export:list:any") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:donation:any");
  // The offer reviewed is a hidden field of the row's form, parsed with the rest.
  const { submission } = await parseForm(request, OfferReviewSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await reviewOffer(actor, { offerId: submission.value.offerId, decision: submission.value.decision as "accepted" | "declined", reason: submission.value.reason });
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash("/office/donations/offers", { key: "flash.saved", kind: "success" });
}

function ReviewForm({ offerId }: { offerId: number }) {
  const { t } = useTranslation();
  const mine = replyFor(useActionData<typeof action>() as SubmissionResult<string[]> | undefined, "offerId", offerId);
  const error = useFieldError(mine?.error?.reason ?? mine?.error?.[""] ?? undefined);
  const id = `reason-${offerId}`;
  const kept = mine?.initialValue?.reason;
  return (
    <Form method="post" className="eh-inline-form">
      <input type="hidden" name="offerId" value={offerId} />
      <div className="eh-field">
        <label htmlFor={id}>{t("donations:review.reason")}</label>
        <input id={id} name="reason" maxLength={300} defaultValue={typeof kept === "string" ? kept : ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        {error ? (
          <span className="eh-field-error" id={`${id}-error`}>
            {error}
          </span>
        ) : null}
      </div>
      <button type="submit" name="decision" value="accepted" className="eh-button">
        {t("donations:review.accept")}
      </button>
      <button type="submit" name="decision" value="declined" className="eh-button" data-variant="light" data-color="red">
        {t("donations:review.decline")}
      </button>
    </Form>
  );
}

/**
 * One card per offer, as plain elements (app.css): a page holds up to 50 offers, and Mantine
 * components per card made this the most expensive office page to render.
 */
export default function OfferReview() {
  const { t, i18n } = useTranslation();
  const { filter, result, mayExport } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <Anchor component={Link} to="/office/donations">
        {t("donations:office.back")}
      </Anchor>
      <PageTitle description={t("donations:review.intro")}>{t("donations:review.title")}</PageTitle>
      <FilterBar label={t("donations:review.title")}>
        <FilterSelect name="state" label={t("donations:review.state")} defaultValue={filter} options={OFFER_FILTERS.map((s) => ({ value: s, label: t(`donations:offerStatus.${s}`) }))} />
      </FilterBar>
      {mayExport ? <ExportLinks base="/office/donations/offers/export" /> : null}
      {result.items.length === 0 ? <p className="eh-empty">{t("donations:review.empty")}</p> : null}
      {result.items.map((o) => (
        <article key={o.id} className="eh-card" aria-labelledby={`offer-${o.id}`}>
          <p className="eh-card-title">
            <strong id={`offer-${o.id}`}>
              {categoryLabel({ ...o, depth: 0 }, i18n.language)} · {o.size ?? "—"} · {o.quantity}×
            </strong>{" "}
            <StatusBadge color="blue">{t(`donations:condition.${o.condition}`)}</StatusBadge>
            {o.tested_only && o.condition === "used" ? <StatusBadge color="red">{t("donations:review.usedElectrical")}</StatusBadge> : null}
          </p>
          {o.description ? <p>{o.description}</p> : null}
          <p className="eh-small">
            {t(`donations:delivery.${o.delivery}`)} · {o.district ?? "—"} {o.pickup_street ?? ""} · {t("donations:offer.availableUntil")} {formatDate(o.available_until, i18n.language)}
          </p>
          <p className="eh-small">
            {t("donations:review.donor")}: {o.donor_name ?? "—"} · {o.donor_email ?? "—"} · {o.donor_phone ?? "—"}
          </p>
          {o.review_reason ? <p className="eh-small">{t("donations:manage.declinedReason", { reason: o.review_reason })}</p> : null}
          {o.photoIds.length ? (
            <p className="eh-thumbs">
              {o.photoIds.map((p, i) => (
                <a key={p} href={`/office/donations/photos/${p}`}>
                  <img src={`/office/donations/photos/${p}`} alt={t("donations:review.photoAlt", { n: i + 1 })} width={120} height={90} loading="lazy" />
                </a>
              ))}
            </p>
          ) : null}
          {filter === "pending" ? <ReviewForm offerId={o.id} /> : null}
          {/* The offer's page: matching needs (accepted offers) and the donor's private links. */}
          {filter !== "pending" ? <Link to={`/office/donations/offers/${o.id}`}>{filter === "accepted" ? t("donations:offerNeeds.link") : t("donations:review.details")}</Link> : null}
        </article>
      ))}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
