import type { SubmissionResult } from "@conform-to/react";
import { Alert, Anchor, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi, ValueList } from "~/components/bdi";
import { useFieldError } from "~/components/form";
import { DataTable, StatusBadge } from "~/components/list-page";
import { RankedProposals } from "~/components/sponsorships/ranked-proposals";
import { associationRequestExists, viewAssociationRequest } from "~/modules/sponsorships/association-requests.server";
import { associationTandemScope } from "~/modules/sponsorships/association-tandems.server";
import { candidateViews } from "~/modules/sponsorships/candidates.server";
import { PROPOSALS_TOP } from "~/modules/sponsorships/config.server";
import { proposeSponsor } from "~/modules/sponsorships/proposals.server";
import { requestFormOptions } from "~/modules/sponsorships/requests.server";
import { ProposeSchema } from "~/modules/sponsorships/schema";
import { formatDate, weekdayName } from "~/utils/dates";
import { forbidden, notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "sponsorships:detail.title");

/** The organisations whose programmes the actor runs; none → 403 (the page is not theirs at all). */
function scopeOf(actor: Parameters<typeof associationTandemScope>[0]) {
  const organisationIds = associationTandemScope(actor);
  if (!organisationIds.length) throw forbidden();
  return organisationIds;
}

/**
 * A waiting request of the association's own programme (ADR 0045): what a sponsor would learn of
 * it, the ranked proposals among the association's own volunteers, and the proposals so far.
 * Another programme's request — or one no longer waiting — is a 404; the view is access-logged.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const organisationIds = scopeOf(actor);
  const id = parseId(params.id);
  const view = await viewAssociationRequest(actor, id, organisationIds);
  if (!view) throw notFound();
  const options = await requestFormOptions();
  const districtNames = new Map(options.districts.map((d) => [d.id, d.name]));
  return {
    request: view.request,
    proposals: view.proposals,
    candidates: candidateViews(view.ranked, districtNames),
    top: PROPOSALS_TOP,
    languageNames: Object.fromEntries(options.languages.map((l) => [l.code, l.name_de])),
  };
}

/** Proposing is the office's command: the same hard filters, the same capacity check, limited to the association's volunteers. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const organisationIds = scopeOf(actor);
  const id = parseId(params.id);
  // Scoped before the form is read: another programme's request is a 404 whatever is posted.
  if (!(await associationRequestExists(id, organisationIds))) throw notFound();
  const form = await parseIntentForm(request, { propose: ProposeSchema });
  if (form.submission.status !== "success") return invalid(form.submission);
  try {
    await proposeSponsor(actor, id, form.submission.value.volunteerId);
  } catch (e) {
    return replyWithError(form.submission, e);
  }
  return redirectWithFlash(`/verein/sponsorships/requests/${id}`, { key: "flash.saved", kind: "success" });
}

type Reply = SubmissionResult<string[]> | undefined;

export default function AssociationSponsorshipRequest() {
  const { t, i18n } = useTranslation();
  const { request: r, proposals, candidates, top, languageNames } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply;
  const lang = i18n.language;
  const errors = reply?.error ? Object.values(reply.error).flat().filter((e): e is string => !!e) : [];
  const message = useFieldError(errors.length ? errors : undefined);
  return (
    <Stack>
      <Anchor component={Link} to="/verein/sponsorships">
        {t("programmes:verein.back")}
      </Anchor>
      <PageTitle description={t("sponsorships:detail.accessLogged")}>{t("programmes:verein.requestHeading", { name: r.firstName })}</PageTitle>
      {message ? (
        <Alert color="red" role="alert">
          {message}
        </Alert>
      ) : null}
      <Paper withBorder p="md" component="section" aria-labelledby="h-request">
        <Title order={2} size="h4" id="h-request" mb="xs">
          {t("sponsorships:detail.request")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm">
            {t("tandems:list.programme")}: <Bdi>{r.programme}</Bdi>
          </Text>
          <Text size="sm">
            {t("programmes:verein.since")}: {formatDate(r.requestedAt, lang)}
          </Text>
          <Text size="sm">
            {t("sponsorships:request.district")}: {r.district ? <Bdi>{r.district}</Bdi> : "—"}
          </Text>
          <Text size="sm">
            {t("sponsorships:request.languages")}: <ValueList items={r.languages.map((c) => languageNames[c] ?? c)} />
          </Text>
          <Text size="sm">
            {t("sponsorships:request.help")}: <ValueList items={r.help.map((h) => t(`sponsorships:help.${h}`))} />
          </Text>
          <Text size="sm">
            {t("sponsorships:request.genderWish")}: {t(`sponsorships:genderWish.${r.genderWish ?? "none"}`)}
          </Text>
          <Text size="sm">
            {t("sponsorships:request.times")}: <ValueList items={r.times.map((code) => `${weekdayName(Number(code.split("-")[0]), lang)} ${t(`sponsorships:slots.${code.split("-")[1]}`)}`)} />
          </Text>
          <Text size="sm">
            {t("sponsorships:request.familyTandem")}: {r.familyTandem ? t("sponsorships:yes") : t("sponsorships:no")}
            {r.hasMinors ? ` · ${t("sponsorships:request.minors")}` : ""}
          </Text>
        </SimpleGrid>
      </Paper>
      <Stack gap="xs" component="section" aria-labelledby="h-proposals">
        <Title order={2} size="h4" id="h-proposals">
          {t("sponsorships:detail.proposals")}
        </Title>
        <DataTable
          label={t("sponsorships:detail.proposals")}
          rows={proposals}
          rowKey={(p) => p.id}
          empty={t("sponsorships:detail.noProposals")}
          minWidth={600}
          columns={[
            { header: t("sponsorships:detail.volunteer"), cell: (p) => (p.volunteer ? <Bdi>{p.volunteer}</Bdi> : t("programmes:verein.otherSponsor")) },
            {
              header: t("sponsorships:office.status"),
              cell: (p) => (
                <>
                  <StatusBadge color={p.status === "accepted" ? "green" : p.status === "proposed" ? "blue" : p.status === "declined" ? "red" : "gray"}>{t(`sponsorships:proposalStatus.${p.status}`)}</StatusBadge>
                  {p.declineReason ? ` ${t(`sponsorships:declineReason.${p.declineReason}`)}` : ""}
                </>
              ),
            },
            { header: t("sponsorships:detail.proposedAt"), cell: (p) => formatDate(p.proposedAt, lang) },
            { header: t("sponsorships:detail.decidedAt"), cell: (p) => (p.decidedAt ? formatDate(p.decidedAt, lang) : "—") },
          ]}
        />
      </Stack>
      <RankedProposals candidates={candidates} top={top} names={languageNames} reply={reply} intro={t("programmes:verein.rankedIntro")} empty={t("programmes:verein.noCandidates")} />
    </Stack>
  );
}
