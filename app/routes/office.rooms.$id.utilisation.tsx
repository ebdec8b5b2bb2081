import { Anchor, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { requireOfficeRoom } from "~/modules/rooms/office-room.server";
import { listConfirmedInMonth } from "~/modules/rooms/queries.server";
import { summariseUtilisation, type Utilisation } from "~/modules/rooms/utilisation";
import { addMonthsToDay, berlinDay, berlinToInstant, formatMonth, weekdayName } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "rooms:office.utilisation");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, ...found } = await requireOfficeRoom(await requireActor(request, context), params.id);
  const raw = new URL(request.url).searchParams.get("month") ?? "";
  const month = /^20\d{2}-(0[1-9]|1[0-2])$/.test(raw) ? raw : berlinDay(new Date()).slice(0, 7);
  const first = `${month}-01`;
  const next = addMonthsToDay(first, 1);
  const rows = await listConfirmedInMonth(actor, found.room.id, berlinToInstant(first).toISOString(), berlinToInstant(next).toISOString());
  return { room: { id: found.room.id, name: found.room.name }, month, prev: addMonthsToDay(first, -1).slice(0, 7), next: next.slice(0, 7), summary: summariseUtilisation(rows) };
}

/** A bar chart of hours per weekday; the table below carries the same numbers as text. */
function WeekdayChart({ summary, lang, title }: { summary: Utilisation; lang: string; title: string }) {
  const max = Math.max(1, ...summary.byWeekday.map((w) => w.hours));
  const W = 420;
  const H = 180;
  const bar = 40;
  return (
    <svg role="img" aria-labelledby="chart-title chart-desc" viewBox={`0 0 ${W} ${H + 30}`} width="100%" style={{ maxWidth: W }}>
      <title id="chart-title">{title}</title>
      <desc id="chart-desc">{summary.byWeekday.map((w) => `${weekdayName(w.weekday, lang, "long")}: ${w.hours}`).join(", ")}</desc>
      {summary.byWeekday.map((w, i) => {
        const h = Math.round((w.hours / max) * (H - 20));
        const x = 10 + i * (bar + 18);
        return (
          <g key={w.weekday}>
            <rect x={x} y={H - h} width={bar} height={h} fill="#1c4e80" />
            <text x={x + bar / 2} y={H - h - 4} textAnchor="middle" fontSize="12" fill="#1a1b1e">
              {w.hours}
            </text>
            <text x={x + bar / 2} y={H + 18} textAnchor="middle" fontSize="12" fill="#1a1b1e">
              {weekdayName(w.weekday, lang)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export default function RoomUtilisation() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const here = `/office/rooms/${d.room.id}/utilisation`;
  const label = formatMonth(`${d.month}-01`, lang);
  return (
    <Stack>
      <Anchor component={Link} to={`/office/rooms/${d.room.id}`}>
        {t("rooms:request.backToRoom", { name: d.room.name })}
      </Anchor>
      <PageTitle description={d.room.name}>{t("rooms:office.utilisationTitle", { month: label })}</PageTitle>
      <Group component="nav" aria-label={t("rooms:calendar.navLabel")} gap="xs">
        <Button component={Link} to={`${here}?month=${d.prev}`} variant="default" size="compact-sm">
          {t("rooms:calendar.prevMonth")}
        </Button>
        <Button component={Link} to={`${here}?month=${d.next}`} variant="default" size="compact-sm">
          {t("rooms:calendar.nextMonth")}
        </Button>
      </Group>
      <Text>{t("rooms:office.utilisationSummary", { hours: d.summary.hours, count: d.summary.count })}</Text>
      <Title order={2} size="h4">
        {t("rooms:office.byWeekday")}
      </Title>
      <WeekdayChart summary={d.summary} lang={lang} title={t("rooms:office.chartTitle", { month: label })} />
      <Table>
        <caption className="sr-only">{t("rooms:office.byWeekday")}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("rooms:config.weekday")}</Table.Th>
            <Table.Th scope="col">{t("rooms:office.bookings")}</Table.Th>
            <Table.Th scope="col">{t("rooms:office.hours")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.summary.byWeekday.map((w) => (
            <Table.Tr key={w.weekday}>
              <Table.Th scope="row">{weekdayName(w.weekday, lang, "long")}</Table.Th>
              <Table.Td>{w.count}</Table.Td>
              <Table.Td>{w.hours}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
