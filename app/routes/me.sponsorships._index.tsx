import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import {
  CheckboxField,
  FormSection,
  replyFor,
  SelectField,
  TextField,
  useFieldError,
} from "~/components/form";
import { StatusBadge } from "~/components/list-page";
import {
  HelpChoices,
  TimesChoices,
} from "~/components/sponsorships/choice-fields";
import {
  answerProposal,
  listOwnProposals,
} from "~/modules/sponsorships/proposals.server";
import { requestFormOptions } from "~/modules/sponsorships/requests.server";
import {
  DECLINE_REASONS,
  MAX_CAPACITY,
  ME_PAGE_FORMS,
  SPONSOR_GENDERS,
  SponsorProfileSchema,
} from "~/modules/sponsorships/schema";
import {
  getOwnSponsorProfile,
  saveSponsorProfile,
} from "~/modules/sponsorships/sponsor-profile.server";
import { listOwnTandems } from "~/modules/sponsorships/tandem-queries.server";
import { maskToTimes } from "~/modules/sponsorships/times";
import { formatDate, weekdayName } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { languageName } from "~/utils/language-names";

export const meta: MetaFunction = ({ matches }) =>
  titleFrom(matches, "sponsorships:me.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:sponsorship:own", { userId: actor.userId });
  const [profile, proposals, options, tandems] = await Promise.all([
    getOwnSponsorProfile(actor),
    listOwnProposals(actor),
    requestFormOptions(),
    listOwnTandems(actor),
  ]);
  return { profile, proposals, options, tandems };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "update:sponsorship:own", { userId: actor.userId });
  const form = await parseIntentForm(request, ME_PAGE_FORMS);
  const { submission } = form;
  if (submission.status !== "success") return invalid(submission);
  try {
    if (form.intent === "profile" && form.submission.status === "success")
      await saveSponsorProfile(actor, form.submission.value);
    else if (form.intent === "answer" && form.submission.status === "success") {
      const v = form.submission.value;
      await answerProposal(
        actor,
        v.proposalId,
        v.answer as "accepted" | "declined",
        v.reason
      );
    }
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash("/me/sponsorships", {
    key: "flash.saved",
    kind: "success",
  });
}

type Reply = SubmissionResult<string[]> | undefined;

function ProfileSection() {
  const { t } = useTranslation();
  const { profile, options } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply;
  const v = profile.values;
  const defaultValue: Record<string, string | string[]> = {
    willing: v.willing ? "on" : "",
    capacity: String(v.capacity),
    help: v.help,
    times: v.times,
    districtId: v.districtId ? String(v.districtId) : "",
    gender: v.gender ?? "",
    hasCar: v.hasCar ? "on" : "",
  };
  const [form, f] = useForm({
    id: "profile",
    lastResult: replyFor(reply, "intent", "profile"),
    defaultValue,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: SponsorProfileSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <FormSection
      id="h-profile"
      title={t("sponsorships:me.profileTitle")}
      form={form}
      intent="profile"
      submit={t("actions.save")}
    >
      <Text size="sm">{t("sponsorships:me.profileIntro")}</Text>
      {!profile.proposable ? (
        <Alert color="blue">{t("sponsorships:me.notProposable")}</Alert>
      ) : null}
      <CheckboxField field={f.willing} label={t("sponsorships:me.willing")} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextField
          field={f.capacity}
          type="number"
          min={1}
          max={MAX_CAPACITY}
          label={t("sponsorships:me.capacity")}
          description={t("sponsorships:me.capacityHint")}
        />
        <SelectField
          field={f.districtId}
          label={t("sponsorships:me.district")}
          options={[
            { value: "", label: t("sponsorships:request.noDistrict") },
            ...options.districts.map((d) => ({
              value: String(d.id),
              label: d.name,
            })),
          ]}
        />
        <SelectField
          field={f.gender}
          label={t("sponsorships:me.gender")}
          description={t("sponsorships:me.genderHint")}
          options={[
            { value: "", label: t("sponsorships:me.genderNone") },
            ...SPONSOR_GENDERS.map((g) => ({
              value: g,
              label: t(`sponsorships:gender.${g}`),
            })),
          ]}
        />
      </SimpleGrid>
      <CheckboxField field={f.hasCar} label={t("sponsorships:me.hasCar")} />
      <HelpChoices field={f.help} legend={t("sponsorships:me.help")} />
      <TimesChoices
        field={f.times}
        legend={t("sponsorships:me.times")}
        description={t("sponsorships:me.timesHint")}
      />
    </FormSection>
  );
}

function AnswerForm({ id }: { id: number }) {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>() as Reply;
  const mine =
    reply?.initialValue?.intent === "answer"
      ? replyFor(reply, "proposalId", id)
      : undefined;
  const reasonError = useFieldError(mine?.error?.reason ?? undefined);
  const otherError = useFieldError(
    mine?.error?.answer ??
      mine?.error?.proposalId ??
      mine?.error?.[""] ??
      undefined
  );
  const kept =
    typeof mine?.initialValue?.reason === "string"
      ? mine.initialValue.reason
      : "";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="proposalId" value={id} />
      <Stack gap="xs">
        {otherError ? (
          <Text c="var(--mantine-color-error)" size="sm" role="alert">
            {otherError}
          </Text>
        ) : null}
        <Group align="flex-end" gap="xs">
          <Button type="submit" name="answer" value="accepted">
            {t("sponsorships:me.accept")}
          </Button>
          <NativeSelect
            id={`reason-${id}`}
            name="reason"
            label={t("sponsorships:me.declineReason")}
            defaultValue={kept}
            error={reasonError}
            data={[
              { value: "", label: t("actions.choose") },
              ...DECLINE_REASONS.map((r) => ({
                value: r,
                label: t(`sponsorships:declineReason.${r}`),
              })),
            ]}
          />
          <Button
            type="submit"
            name="answer"
            value="declined"
            variant="light"
            color="red"
          >
            {t("sponsorships:me.decline")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

export default function MySponsorships() {
  const { t, i18n } = useTranslation();
  const { proposals, options, tandems } = useLoaderData<typeof loader>();
  const names = Object.fromEntries(
    options.languages.map((l) => [l.code, languageName(l.code, i18n.language, l.name_de)])
  );
  const times = (mask: number) =>
    maskToTimes(mask)
      .map(
        (code) =>
          `${weekdayName(Number(code.split("-")[0]), i18n.language)} ${t(
            `sponsorships:slots.${code.split("-")[1]}`
          )}`
      )
      .join(", ");
  return (
    <Stack maw={900}>
      <Anchor component={Link} to="/me">
        {t("volunteers:me.back")}
      </Anchor>
      <PageTitle description={t("sponsorships:me.intro")}>
        {t("sponsorships:me.title")}
      </PageTitle>
      {tandems.length ? (
        <Stack gap="xs" component="section" aria-labelledby="h-tandems">
          <Title order={2} size="h4" id="h-tandems">
            {t("tandems:me.listTitle")}
          </Title>
          {tandems.map((td) => (
            <Text key={td.id}>
              <Anchor component={Link} to={`/me/sponsorships/${td.id}`}>
                {td.firstName ? t("tandems:me.listItem", { name: td.firstName }) : t("tandems:me.heading")} <bdi dir="ltr">{td.code}</bdi>
              </Anchor>{" "}
              · {t(`tandems:status.${td.status}`)}
            </Text>
          ))}
        </Stack>
      ) : null}
      <Stack gap="xs" component="section" aria-labelledby="h-proposals">
        <Title order={2} size="h4" id="h-proposals">
          {t("sponsorships:me.proposalsTitle")}
        </Title>
        {proposals.length === 0 ? (
          <Text>{t("sponsorships:me.noProposals")}</Text>
        ) : null}
        {proposals.map((p) => (
          <Paper
            key={p.id}
            withBorder
            p="md"
            component="article"
            aria-labelledby={`prop-${p.id}`}
          >
            <Stack gap="xs">
              <Group gap="xs">
                <Text fw={700} id={`prop-${p.id}`}>
                  {p.firstName
                    ? t("sponsorships:me.proposalFor", { name: p.firstName })
                    : t("sponsorships:me.proposal")}
                </Text>
                <StatusBadge
                  color={
                    p.status === "accepted"
                      ? "green"
                      : p.status === "proposed"
                      ? "blue"
                      : "gray"
                  }
                >
                  {t(`sponsorships:proposalStatus.${p.status}`)}
                </StatusBadge>
                <Text size="sm">{formatDate(p.proposedAt, i18n.language)}</Text>
              </Group>
              <Text size="sm">
                {t("sponsorships:request.district")}: {p.district ?? "—"} ·{" "}
                {t("sponsorships:request.languages")}:{" "}
                {p.languages.map((c) => names[c] ?? c).join(", ") || "—"}
              </Text>
              <Text size="sm">
                {t("sponsorships:request.help")}:{" "}
                {p.help.map((h) => t(`sponsorships:help.${h}`)).join(", ")}
              </Text>
              <Text size="sm">
                {t("sponsorships:request.times")}: {times(p.timesMask) || "—"}
                {p.familyTandem
                  ? ` · ${t("sponsorships:me.familyTandem")}`
                  : ""}
              </Text>
              {p.status === "proposed" ? (
                <>
                  <Text size="sm">{t("sponsorships:me.beforeAccept")}</Text>
                  <AnswerForm id={p.id} />
                </>
              ) : p.status === "accepted" ? (
                <Text size="sm">
                  {p.tandemCode
                    ? t("sponsorships:me.tandemStarted", { code: p.tandemCode })
                    : t("sponsorships:me.waitingForHousehold")}
                </Text>
              ) : p.declineReason ? (
                <Text size="sm">
                  {t(`sponsorships:declineReason.${p.declineReason}`)}
                </Text>
              ) : null}
            </Stack>
          </Paper>
        ))}
      </Stack>
      <ProfileSection />
    </Stack>
  );
}
