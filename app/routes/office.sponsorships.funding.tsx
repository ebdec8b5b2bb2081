import { Alert, Anchor, Button, Group, NativeSelect, Stack, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Ltr, ValueList } from "~/components/bdi";
import { DateTextInput } from "~/components/date-field";
import { useFieldError } from "~/components/form";
import { fundingEvidence } from "~/modules/sponsorships/funding-evidence.server";
import { FundingQuerySchema } from "~/modules/sponsorships/meetings-schema";
import { listProgrammes } from "~/modules/sponsorships/tandem-queries.server";
import { formatDate, todayOf } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { dateParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "tandems:funding.title");

/**
 * The funding evidence per programme and period, printable (the page prints as a plain list),
 * with the CSV beside it. Pseudonymous codes and dates only. A bad query is answered with the
 * messages at its fields and the input kept (400).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:tandem:any");
  const url = new URL(request.url);
  const programmes = await listProgrammes();
  const today = todayOf();
  const raw = { programmeId: url.searchParams.get("programmeId") ?? "", from: dateParam(url, "from"), to: dateParam(url, "to") };
  if (!url.searchParams.has("programmeId")) return { programmes, raw: { ...raw, from: `${today.slice(0, 4)}-01-01`, to: today }, errors: {}, evidence: null };
  const parsed = FundingQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return data({ programmes, raw, errors, evidence: null }, { status: 400 });
  }
  const evidence = await fundingEvidence(actor, parsed.data);
  if (!evidence) return data({ programmes, raw, errors: { programmeId: "errors.invalidChoice" }, evidence: null }, { status: 400 });
  return { programmes, raw, errors: {}, evidence };
}

export default function Funding() {
  const { t, i18n } = useTranslation("tandems");
  const { programmes, raw, errors, evidence } = useLoaderData<typeof loader>();
  const e = errors as Record<string, string | undefined>;
  const programmeError = useFieldError(e.programmeId ? [e.programmeId] : undefined);
  const fromError = useFieldError(e.from ? [e.from] : undefined);
  const toError = useFieldError(e.to ? [e.to] : undefined);
  const csv = evidence ? `/office/sponsorships/funding.csv?${new URLSearchParams(raw).toString()}` : null;
  return (
    <Stack>
      <Anchor component={Link} to="/office/sponsorships/tandems" className="no-print">
        {t("detail.back")}
      </Anchor>
      <PageTitle description={t("funding.intro")}>{t("funding.title")}</PageTitle>
      <Form method="get" className="no-print" aria-label={t("funding.period")}>
        <Group align="flex-end">
          <NativeSelect
            id="funding-programme"
            name="programmeId"
            label={t("list.programme")}
            defaultValue={raw.programmeId}
            error={programmeError}
            required
            data={[{ value: "", label: t("common:actions.choose") }, ...programmes.map((p) => ({ value: String(p.id), label: p.name }))]}
          />
          <DateTextInput id="funding-from" name="from" label={t("funding.from")} defaultValue={raw.from} error={fromError} required />
          <DateTextInput id="funding-to" name="to" label={t("funding.to")} defaultValue={raw.to} error={toError} required />
          <Button type="submit" variant="light">
            {t("funding.show")}
          </Button>
        </Group>
      </Form>
      {evidence ? (
        <Stack>
          <Text fw={600}>
            <bdi>{evidence.programme.name}</bdi>
            {evidence.programme.funder ? (
              <>
                {" · "}
                <bdi>{evidence.programme.funder}</bdi>
              </>
            ) : null}{" "}
            · {t("funding.periodValue", { from: formatDate(evidence.period.from, i18n.language), to: formatDate(evidence.period.to, i18n.language) })}
          </Text>
          <Text size="sm">{t("funding.summary", { tandems: evidence.rows.length, meetings: evidence.totalMeetings })}</Text>
          {csv ? (
            <Anchor href={csv} className="no-print">
              {t("funding.csv")}
            </Anchor>
          ) : null}
          {evidence.rows.length === 0 ? (
            <Alert color="blue">{t("funding.empty")}</Alert>
          ) : (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("funding.code")}</Table.Th>
                  <Table.Th scope="col">{t("funding.started")}</Table.Th>
                  <Table.Th scope="col">{t("funding.status")}</Table.Th>
                  <Table.Th scope="col">{t("funding.ended")}</Table.Th>
                  <Table.Th scope="col">{t("funding.dates")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {evidence.rows.map((r) => (
                  <Table.Tr key={r.code}>
                    <Table.Td>
                      <Ltr>{r.code}</Ltr>
                    </Table.Td>
                    <Table.Td>{formatDate(r.startedOn, i18n.language)}</Table.Td>
                    <Table.Td>{t(`status.${r.status}`)}</Table.Td>
                    <Table.Td>{r.endedOn ? formatDate(r.endedOn, i18n.language) : "—"}</Table.Td>
                    <Table.Td>{r.meetings.length ? <ValueList items={r.meetings.map((m) => formatDate(m, i18n.language))} /> : "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      ) : null}
    </Stack>
  );
}
