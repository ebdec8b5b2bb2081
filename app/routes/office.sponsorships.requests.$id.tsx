import type { SubmissionResult } from "@conform-to/react";
import { Alert, Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { replyFor, useFieldError } from "~/components/form";
import { DataTable, StatusBadge } from "~/components/list-page";
import { RankedProposals } from "~/components/sponsorships/ranked-proposals";
import { candidateViews, rankForRequest } from "~/modules/sponsorships/candidates.server";
import { PROPOSALS_TOP } from "~/modules/sponsorships/config.server";
import { listActiveProgrammes } from "~/modules/sponsorships/programmes.server";
import { listRequestProposals, proposeSponsor, recordHouseholdAgreement, withdrawProposal } from "~/modules/sponsorships/proposals.server";
import { closeRequest, openRequest, requestExists, requestFormOptions, viewRequest } from "~/modules/sponsorships/requests.server";
import { REQUEST_PAGE_FORMS } from "~/modules/sponsorships/schema";
import { maskToTimes } from "~/modules/sponsorships/times";
import { formatDate, formatDateTime, weekdayName } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "sponsorships:detail.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:sponsorship:any");
  const now = new Date();
  // Reading the request shows the household's data: the view is logged (access log).
  const r = await viewRequest(actor, id, now);
  if (!r) throw notFound();
  const [ranked, proposals, programmes, options] = await Promise.all([rankForRequest(getDb(), id, now), listRequestProposals(id), listActiveProgrammes(), requestFormOptions()]);
  const districtName = new Map(options.districts.map((d) => [d.id, d.name]));
  return {
    request: {
      id: r.id,
      firstName: r.first_name,
      householdId: r.household_id,
      householdCode: r.householdCode,
      contactPhone: r.contactPhone,
      contactEmail: r.contactEmail,
      district: r.district,
      source: r.source,
      status: r.status,
      priority: r.priority,
      familyTandem: !!r.family_tandem,
      hasMinors: !!r.has_minors,
      genderWish: r.sponsor_gender_wish,
      times: maskToTimes(r.times_mask),
      note: r.note,
      closeReason: r.close_reason,
      requestedAt: r.requested_at,
      createdBy: r.createdByName,
      languages: r.languages,
      help: r.help,
    },
    candidates: candidateViews(ranked ?? [], districtName),
    top: PROPOSALS_TOP,
    proposals,
    programmes,
    languageNames: Object.fromEntries(options.languages.map((l) => [l.code, l.name_de])),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:sponsorship:any");
  if (!(await requestExists(actor, id))) throw notFound();
  const form = await parseIntentForm(request, REQUEST_PAGE_FORMS);
  const { submission } = form;
  if (submission.status !== "success") return invalid(submission);
  try {
    if (form.intent === "propose" && form.submission.status === "success") await proposeSponsor(actor, id, form.submission.value.volunteerId);
    else if (form.intent === "withdraw" && form.submission.status === "success") await withdrawProposal(actor, id, form.submission.value.proposalId);
    else if (form.intent === "agree" && form.submission.status === "success") await recordHouseholdAgreement(actor, id, form.submission.value.proposalId, form.submission.value.programmeId);
    else if (form.intent === "open") await openRequest(actor, id);
    else if (form.intent === "close" && form.submission.status === "success") await closeRequest(actor, id, form.submission.value.reason);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/sponsorships/requests/${id}`, { key: "flash.saved", kind: "success" });
}

type Reply = SubmissionResult<string[]> | undefined;
const useReply = () => useActionData<typeof action>() as Reply;

/** Every message of the last answer, above the page's sections (a form's own field may be gone meanwhile). */
function ReplyAlert() {
  const reply = useReply();
  const errors = reply?.error ? Object.values(reply.error).flat().filter((e): e is string => !!e) : [];
  const message = useFieldError(errors.length ? errors : undefined);
  return message ? (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  ) : null;
}

function AgreeForm({ proposalId, programmes }: { proposalId: number; programmes: Array<{ id: number; name: string }> }) {
  const { t } = useTranslation();
  const reply = useReply();
  const mine = reply?.initialValue?.intent === "agree" ? replyFor(reply, "proposalId", proposalId) : undefined;
  const error = useFieldError(mine?.error?.programmeId ?? mine?.error?.proposalId ?? undefined);
  if (!programmes.length) return <Text size="sm">{t("sponsorships:detail.noProgramme")}</Text>;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="agree" />
      <input type="hidden" name="proposalId" value={proposalId} />
      <Group gap="xs" align="flex-end">
        <NativeSelect
          id={`programme-${proposalId}`}
          name="programmeId"
          label={t("sponsorships:detail.programme")}
          data={programmes.map((p) => ({ value: String(p.id), label: p.name }))}
          defaultValue={typeof mine?.initialValue?.programmeId === "string" ? mine.initialValue.programmeId : undefined}
          error={error}
        />
        <Button type="submit" size="sm">
          {t("sponsorships:detail.agree")}
        </Button>
      </Group>
    </Form>
  );
}

function WithdrawForm({ proposalId }: { proposalId: number }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="withdraw" />
      <input type="hidden" name="proposalId" value={proposalId} />
      <Button type="submit" size="xs" variant="light" color="red">
        {t("sponsorships:detail.withdraw")}
      </Button>
    </Form>
  );
}

export default function SponsorshipRequestPage() {
  const { t, i18n } = useTranslation();
  const { request: r, candidates, top, proposals, programmes, languageNames } = useLoaderData<typeof loader>();
  const reply = useReply();
  const closeError = useFieldError(reply?.initialValue?.intent === "close" ? (reply?.error?.reason ?? undefined) : undefined);
  const openForMatching = r.status === "new" || r.status === "open";
  const lang = (code: string) => languageNames[code] ?? code;
  return (
    <Stack>
      <Anchor component={Link} to="/office/sponsorships">
        {t("sponsorships:office.back")}
      </Anchor>
      <PageTitle description={t("sponsorships:detail.accessLogged")}>{t("sponsorships:detail.heading", { name: r.firstName, code: r.householdCode })}</PageTitle>
      <ReplyAlert />
      <Paper withBorder p="md" component="section" aria-labelledby="h-request">
        <Title order={2} size="h4" id="h-request" mb="xs">
          {t("sponsorships:detail.request")}
        </Title>
        <Group gap="xs" mb="xs">
          <StatusBadge color={r.status === "new" ? "orange" : r.status === "open" ? "blue" : r.status === "matched" ? "green" : "gray"}>{t(`sponsorships:requestStatus.${r.status}`)}</StatusBadge>
          {r.priority > 0 ? <StatusBadge color="red">{t("sponsorships:request.rematch")}</StatusBadge> : null}
          {r.hasMinors ? <StatusBadge color="violet">{t("sponsorships:request.minors")}</StatusBadge> : null}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm">
            {t("sponsorships:request.household")}:{" "}
            <Anchor component={Link} to={`/office/households/${r.householdId}`}>
              {r.householdCode}
            </Anchor>
          </Text>
          <Text size="sm">
            {t("sponsorships:request.contact")}: {[r.contactPhone, r.contactEmail].filter(Boolean).join(" · ") || "—"}
          </Text>
          <Text size="sm">
            {t("sponsorships:request.source")}: {t(`sponsorships:source.${r.source}`)}
            {r.createdBy ? ` (${r.createdBy})` : ""}
          </Text>
          <Text size="sm">
            {t("sponsorships:request.requestedAt")}: {formatDateTime(r.requestedAt, i18n.language)}
          </Text>
          <Text size="sm">
            {t("sponsorships:request.district")}: {r.district ?? "—"}
          </Text>
          <Text size="sm">
            {t("sponsorships:request.languages")}: {r.languages.map(lang).join(", ") || "—"}
          </Text>
          <Text size="sm">
            {t("sponsorships:request.help")}: {r.help.map((h) => t(`sponsorships:help.${h}`)).join(", ")}
          </Text>
          <Text size="sm">
            {t("sponsorships:request.genderWish")}: {t(`sponsorships:genderWish.${r.genderWish ?? "none"}`)}
          </Text>
          <Text size="sm">
            {t("sponsorships:request.times")}:{" "}
            {r.times.map((code) => `${weekdayName(Number(code.split("-")[0]), i18n.language)} ${t(`sponsorships:slots.${code.split("-")[1]}`)}`).join(", ") || "—"}
          </Text>
          <Text size="sm">
            {t("sponsorships:request.familyTandem")}: {r.familyTandem ? t("sponsorships:yes") : t("sponsorships:no")}
          </Text>
        </SimpleGrid>
        {r.note ? (
          <Text size="sm" mt="xs">
            {t("sponsorships:request.note")}: {r.note}
          </Text>
        ) : null}
        {r.closeReason ? (
          <Text size="sm" mt="xs">
            {t("sponsorships:detail.closeReason")}: {r.closeReason}
          </Text>
        ) : null}
        {openForMatching ? (
          <Group mt="md" align="flex-end">
            {r.status === "new" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="open" />
                <Button type="submit" variant="light">
                  {t("sponsorships:detail.takeUp")}
                </Button>
              </Form>
            ) : null}
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <Group gap="xs" align="flex-end">
                <TextInput name="reason" id="close-reason" label={t("sponsorships:detail.closeReason")} maxLength={300} error={closeError} />
                <Button type="submit" variant="light" color="red">
                  {t("sponsorships:detail.close")}
                </Button>
              </Group>
            </Form>
          </Group>
        ) : null}
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
          minWidth={700}
          columns={[
            { header: t("sponsorships:detail.volunteer"), cell: (p) => p.volunteer },
            {
              header: t("sponsorships:office.status"),
              cell: (p) => (
                <>
                  <StatusBadge color={p.status === "accepted" ? "green" : p.status === "proposed" ? "blue" : p.status === "declined" ? "red" : "gray"}>{t(`sponsorships:proposalStatus.${p.status}`)}</StatusBadge>
                  {p.declineReason ? ` ${t(`sponsorships:declineReason.${p.declineReason}`)}` : ""}
                </>
              ),
            },
            { header: t("sponsorships:detail.proposedAt"), cell: (p) => `${formatDate(p.proposedAt, i18n.language)}${p.proposedBy ? ` (${p.proposedBy})` : ""}` },
            { header: t("sponsorships:detail.decidedAt"), cell: (p) => (p.decidedAt ? formatDate(p.decidedAt, i18n.language) : "—") },
            {
              header: t("actions.actions"),
              cell: (p) =>
                p.tandemCode ? (
                  t("sponsorships:detail.tandem", { code: p.tandemCode })
                ) : p.status === "accepted" && openForMatching ? (
                  <Stack gap={4}>
                    <AgreeForm proposalId={p.id} programmes={programmes} />
                    <WithdrawForm proposalId={p.id} />
                  </Stack>
                ) : p.status === "proposed" ? (
                  <WithdrawForm proposalId={p.id} />
                ) : (
                  "—"
                ),
            },
          ]}
        />
      </Stack>

      {openForMatching ? (
        <RankedProposals candidates={candidates} top={top} names={languageNames} reply={reply} intro={t("sponsorships:detail.rankedIntro")} empty={t("sponsorships:detail.noCandidates")} />
      ) : null}
    </Stack>
  );
}
