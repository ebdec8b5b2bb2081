import { Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { CoverAnswerBox } from "~/components/coverage/cover-texts";
import { DateTextInput } from "~/components/date-field";
import { selectOptions } from "~/components/form";
import { checkCoverage, searchVolunteers } from "~/modules/coverage/assignments.server";
import { CoverageQuerySchema } from "~/modules/coverage/schema";
import { formatDate, todayOf } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { dateParam, searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:check.title");

/** A read-only question, so a GET form: bookmarkable, and it works without JavaScript. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:assignment:any");
  const url = new URL(request.url);
  const q = searchParam(url) ?? "";
  const input = {
    volunteerId: url.searchParams.get("volunteerId") ?? "",
    day: url.searchParams.has("day") ? dateParam(url, "day") : todayOf(),
    activity: url.searchParams.get("activity") ?? "",
  };
  const matches = q ? await searchVolunteers(actor, q) : [];
  const base = { q, matches, input, errors: {} as Record<string, string>, result: null as Awaited<ReturnType<typeof checkCoverage>> };
  if (!url.searchParams.has("volunteerId")) return base;
  const parsed = CoverageQuerySchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return data({ ...base, errors }, { status: 400 });
  }
  const result = await checkCoverage(actor, parsed.data.volunteerId, parsed.data.day, parsed.data.activity);
  if (!result) return data({ ...base, errors: { volunteerId: "coverage:errors.noSuchVolunteer" } }, { status: 400 });
  return { ...base, result };
}

export default function CoverageCheck() {
  const { t, i18n } = useTranslation("coverage");
  const { t: tc } = useTranslation();
  const { q, matches, input, errors, result } = useLoaderData<typeof loader>();
  const err = (k: string) => {
    const e = (errors as Record<string, string>)[k];
    if (!e) return undefined;
    const [key, json] = e.split("|");
    return tc(key, json ? JSON.parse(json) : {}) as string;
  };
  const volunteerOptions = result ? [{ id: result.volunteer.id, name: result.volunteer.name, email: result.volunteer.email }] : matches;
  return (
    <Stack>
      <PageTitle description={t("check.intro")}>{t("check.title")}</PageTitle>
      <Paper withBorder p="lg">
        <Form method="get" role="search" aria-label={t("volunteerSearch.label")}>
          <Group align="flex-end">
            <TextInput name="q" label={t("volunteerSearch.label")} defaultValue={q} maxLength={100} />
            <input type="hidden" name="day" value={input.day} />
            <Button type="submit" variant="light">{t("common:actions.search")}</Button>
          </Group>
        </Form>
        {q && matches.length === 0 ? <Text mt="sm">{t("volunteerSearch.none")}</Text> : null}
      </Paper>
      {volunteerOptions.length || input.volunteerId ? (
        <Paper withBorder p="lg">
          <Form method="get" aria-label={t("check.title")}>
            <Stack>
              <input type="hidden" name="q" value={q} />
              <Group align="flex-start">
                <NativeSelect
                  name="volunteerId"
                  label={t("fields.volunteer")}
                  required
                  defaultValue={input.volunteerId}
                  error={err("volunteerId")}
                >
                  {selectOptions([{ value: "", label: t("common:actions.choose") }, ...volunteerOptions.map((v) => ({ value: v.id, label: `${v.name} (${v.email})` }))])}
                </NativeSelect>
                <DateTextInput name="day" label={t("check.day")} required defaultValue={input.day} error={err("day")} />
                <TextInput name="activity" label={t("check.activity")} description={t("check.activityHint")} defaultValue={input.activity} maxLength={160} error={err("activity")} />
              </Group>
              <div>
                <Button type="submit">{t("check.submit")}</Button>
              </div>
            </Stack>
          </Form>
        </Paper>
      ) : null}
      {result ? (
        <Stack component="section" aria-labelledby="answer">
          <Title order={2} size="h3" id="answer">
            {t("check.answerFor", { name: result.volunteer.name, date: formatDate(input.day, i18n.language) })}
          </Title>
          <CoverAnswerBox answer={result.answer} />
          {result.assignments.length ? (
            <List size="sm">
              {result.assignments.map((a) => (
                <List.Item key={a.id}>
                  <Link to={`/office/assignments/${a.id}`}>
                    {t("check.assignmentLine", {
                      id: a.id,
                      activity: a.activity,
                      organisation: a.organisationName,
                      start: formatDate(a.startDay, i18n.language),
                      end: a.endDay ? formatDate(a.endDay, i18n.language) : t("fields.openEnd"),
                    })}
                  </Link>
                  {a.closedOn ? ` — ${t("assignments.closedOn", { date: formatDate(a.closedOn, i18n.language) })}` : ""}
                </List.Item>
              ))}
            </List>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}
