import { Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CalendarDay } from "~/modules/rooms/calendar";
import { formatDayLong, weekdayName } from "~/utils/dates";

const COLORS = { booked: "red", requested: "yellow", blackout: "gray" } as const;

function BlockList({ day }: { day: CalendarDay }) {
  const { t } = useTranslation();
  if (!day.hours && !day.blocks.length) return <Text size="sm">{t("rooms:calendar.closed")}</Text>;
  return (
    <List size="sm" listStyleType="none" spacing={2} p={0} m={0}>
      {day.hours ? (
        <List.Item>
          <Text span size="sm" c="gray.7">
            {t("rooms:calendar.open", { open: day.hours.open, close: day.hours.close })}
          </Text>
        </List.Item>
      ) : null}
      {day.blocks.length === 0 && day.hours ? (
        <List.Item>
          <Badge color="green" variant="light" c="dark.9">
            {t("rooms:calendar.free")}
          </Badge>
        </List.Item>
      ) : null}
      {day.blocks.map((b, i) => (
        <List.Item key={i}>
          <Group gap={4} wrap="nowrap">
            <Text span size="sm">
              {b.allDay ? t("rooms:calendar.allDay") : `${b.from}–${b.to}`}
            </Text>
            <Badge color={COLORS[b.state]} variant="light" c="dark.9">
              {t(`rooms:calendar.state.${b.state}`)}
            </Badge>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

/** A week as a list of days with headings: readable by screen readers and on a phone. */
export function WeekCalendar({ days, labelledBy }: { days: CalendarDay[]; labelledBy: string }) {
  const { i18n } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} component="ol" p={0} style={{ listStyle: "none" }} aria-labelledby={labelledBy}>
      {days.map((d) => (
        <Paper component="li" key={d.day} withBorder p="xs">
          <Stack gap={4}>
            <Title order={3} size="h6">
              {formatDayLong(d.day, i18n.language)}
            </Title>
            <BlockList day={d} />
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** A month as a table (weeks as rows, weekdays as column headers). */
export function MonthCalendar({ days, monthStart, caption }: { days: CalendarDay[]; monthStart: string; caption: string }) {
  const { i18n } = useTranslation();
  const weeks: CalendarDay[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  const month = monthStart.slice(0, 7);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table withTableBorder withColumnBorders layout="fixed">
        <caption className="sr-only">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {[1, 2, 3, 4, 5, 6, 7].map((w) => (
              <Table.Th key={w} scope="col">
                <abbr title={weekdayName(w, i18n.language, "long")}>{weekdayName(w, i18n.language)}</abbr>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weeks.map((week) => (
            <Table.Tr key={week[0].day}>
              {week.map((d) => (
                <Table.Td key={d.day} style={{ verticalAlign: "top" }} bg={d.day.startsWith(month) ? undefined : "gray.0"}>
                  <Text fw={700} size="sm" component="div">
                    <span aria-hidden="true">{Number(d.day.slice(8))}</span>
                    <span className="sr-only">{formatDayLong(d.day, i18n.language)}</span>
                  </Text>
                  <BlockList day={d} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
