import { Anchor, Button, Group, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { ConsentsSection, EraseSection, HouseholdFacts, NeedsSection } from "~/components/donations/household-sections";
import { listCategories } from "~/modules/donations/categories.server";
import { eraseHousehold, recordHouseholdConsent, withdrawHouseholdConsent } from "~/modules/donations/household-privacy.server";
import { currentConsentTexts, getHouseholdForStaff, viewHousehold } from "~/modules/donations/households.server";
import { createNeed, listHouseholdNeeds, setNeedStatus } from "~/modules/donations/needs.server";
import { ConsentSchema, EraseSchema, NeedSchema, NeedStatusSchema, WithdrawConsentSchema } from "~/modules/donations/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import donationsCss from "~/styles/donations.css";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";
import { notFound } from "~/utils/errors";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: donationsCss }];

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:household.detailTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "read:household:any");
  const household = await viewHousehold(actor, id);
  if (!household) throw notFound();
  const [needs, categories, consentTexts] = await Promise.all([listHouseholdNeeds(id), listCategories(undefined, { activeOnly: true }), currentConsentTexts()]);
  const hasConsent = household.consents.some((c) => c.purpose === "donations" && !c.withdrawn_at);
  return { household, needs, categories, hasConsent, consentTexts };
}

const HOUSEHOLD_INTENTS = {
  consent: ConsentSchema,
  withdraw: WithdrawConsentSchema,
  need: NeedSchema,
  "need-status": NeedStatusSchema,
  erase: EraseSchema,
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:household:any");
  if (!(await getHouseholdForStaff(actor, id))) throw notFound();
  const { submission } = await parseIntentForm(request, HOUSEHOLD_INTENTS);
  if (submission.status !== "success") return invalid(submission);
  let flash = "flash.saved";
  try {
    const v = submission.value;
    if (v.intent === "consent") await recordHouseholdConsent(actor, id, v);
    else if (v.intent === "withdraw") {
      await withdrawHouseholdConsent(actor, id, v.consentId);
      flash = "flash.consentWithdrawn";
    } else if (v.intent === "need") await createNeed(actor, id, v);
    else if (v.intent === "need-status") await setNeedStatus(actor, id, v.needId, v.to as "open" | "cancelled", v.reason);
    else {
      await eraseHousehold(actor, id);
      return redirectWithFlash("/office/households", { key: "flash.saved", kind: "success" });
    }
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirectWithFlash(`/office/households/${id}`, { key: flash, kind: "success" });
}

export default function HouseholdDetail() {
  const { t } = useTranslation();
  const { household: h, needs, categories, hasConsent, consentTexts } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <Anchor component={Link} to="/office/households">
        {t("donations:household.backToList")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={t("donations:household.accessLogged")}>{t("donations:household.detailHeading", { code: h.code })}</PageTitle>
        <Group>
          <Button component={Link} to={`/office/households/${h.id}/edit`} variant="light">
            {t("donations:household.edit")}
          </Button>
          <Button component="a" href={`/office/households/${h.id}/export.json`} variant="light">
            {t("donations:household.export")}
          </Button>
        </Group>
      </Group>
      <HouseholdFacts h={h} />
      <ConsentsSection consents={h.consents} texts={consentTexts} consentPending={h.consent_pending === 1} />
      <NeedsSection needs={needs} categories={categories} hasConsent={hasConsent} />
      <EraseSection />
    </Stack>
  );
}
