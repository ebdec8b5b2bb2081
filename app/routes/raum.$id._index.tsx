import { Anchor, Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { MonthCalendar, WeekCalendar } from "~/components/rooms/calendar";
import { buildCalendarDays, monthGrid } from "~/modules/rooms/calendar";
import { parseOpeningHours } from "~/modules/rooms/policy";
import { listRoomPhotos } from "~/modules/rooms/photos.server";
import { getPublicRoom, listCalendarBlocks } from "~/modules/rooms/queries.server";
import { addDaysToDay, addMonthsToDay, berlinDay, berlinToInstant, formatDate, formatMonth, isValidDay, mondayOf, weekdayName } from "~/utils/dates";
import { parseId } from "~/utils/params";
import roomsCss from "~/styles/rooms.css";
import { langAttr, localised, localisedText, type ShownText } from "~/modules/rooms/translations";
import { notFound } from "~/utils/errors";
import { Lines, PlainSummary } from "~/components/plain-language";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: roomsCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.room.name} · Ehrenamt-Hub` : "Ehrenamt-Hub" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public page: the calendar shows times and states only, never names or purposes.
  const id = parseId(params.id);
  const found = await getPublicRoom(id);
  if (!found) throw notFound();
  const url = new URL(request.url);
  const view = url.searchParams.get("view") === "month" ? "month" : "week";
  const raw = url.searchParams.get("from") ?? "";
  const anchor = isValidDay(raw) && raw > "2000-01-01" && raw < "2100-01-01" ? raw : berlinDay(new Date());
  const grid = view === "month" ? monthGrid(anchor) : { first: mondayOf(anchor), count: 7, monthStart: anchor };
  const hours = parseOpeningHours(found.room.opening_hours);
  const [blocks, photos] = await Promise.all([
    listCalendarBlocks(id, berlinToInstant(grid.first).toISOString(), berlinToInstant(addDaysToDay(grid.first, grid.count)).toISOString()),
    listRoomPhotos(id),
  ]);
  const days = buildCalendarDays(grid.first, grid.count, blocks, hours);
  const prev = view === "month" ? addMonthsToDay(grid.monthStart, -1) : addDaysToDay(grid.first, -7);
  const next = view === "month" ? addMonthsToDay(grid.monthStart, 1) : addDaysToDay(grid.first, 7);
  const { room, parts } = found;
  return {
    room: {
      id: room.id,
      name: room.name,
      address: room.address,
      description: room.description,
      descriptionTranslations: room.description_translations,
      capacity: room.capacity,
      minMinutes: room.min_minutes,
      maxMinutes: room.max_minutes,
      leadDays: room.lead_days,
      horizonMonths: room.horizon_months,
      bufferMinutes: room.buffer_minutes,
      nightRestStart: room.night_rest_start,
      keyDeposit: room.key_deposit_cents / 100,
      fee: room.fee_cents / 100,
      feeNote: room.fee_note,
      feeNoteTranslations: room.fee_note_translations,
      keyPickupPlace: room.key_pickup_place,
      keyPickupPlaceTranslations: room.key_pickup_place_translations,
      keyPickupHours: room.key_pickup_hours,
      keyPickupHoursTranslations: room.key_pickup_hours_translations,
    },
    parts,
    photos,
    hours,
    view,
    days,
    first: grid.first,
    monthStart: grid.monthStart,
    prev,
    next,
  };
}

export default function RoomPage() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const here = `/raum/${d.room.id}`;
  // The office's texts in the reader's language; German where none was entered, marked `lang="de"`.
  const description = localisedText(d.room.description, d.room.descriptionTranslations, lang);
  const keyPlace = d.room.keyPickupPlace ? localisedText(d.room.keyPickupPlace, d.room.keyPickupPlaceTranslations, lang) : null;
  const keyHours = d.room.keyPickupHours ? localisedText(d.room.keyPickupHours, d.room.keyPickupHoursTranslations, lang) : null;
  const feeNote = d.room.feeNote ? localisedText(d.room.feeNote, d.room.feeNoteTranslations, lang) : null;
  // One of the office's texts after its label, in its own language and direction.
  const labelled = (label: string, shown: ShownText | null) =>
    shown ? (
      <List.Item>
        {t(label)}{" "}
        <span dir="auto" lang={langAttr(shown, lang)}>
          {shown.text}
        </span>
      </List.Item>
    ) : null;
  const range =
    d.view === "month"
      ? formatMonth(d.monthStart, lang)
      : t("rooms:calendar.weekRange", { from: formatDate(d.first, lang), to: formatDate(addDaysToDay(d.first, 6), lang) });
  return (
    <Stack>
      <Anchor component={Link} to="/raum">
        {t("rooms:list.back")}
      </Anchor>
      <PageTitle description={d.room.address}>{d.room.name}</PageTitle>
      <PlainSummary lines={[t("rooms:room.summary.what"), t("rooms:room.summary.rules"), t("rooms:room.summary.ask"), t("rooms:room.summary.answer")]} />
      {/* The office's text, German when no translation exists: its direction is its own. */}
      <Text dir="auto" lang={langAttr(description, lang)}>
        {description.text}
      </Text>
      {d.photos.length ? (
        <section aria-labelledby="photos-title">
          <Title order={2} size="h4" id="photos-title" mb="xs">
            {t("rooms:photos.gallery")}
          </Title>
          <ul className="room-photos">
            {d.photos.map((p, i) => {
              const alt = localisedText(p.alt, p.altTranslations, lang);
              // The link is named by the description (in its own language) and "show large" (in the page's).
              return (
                <li key={p.id}>
                  <a href={p.url}>
                    <img src={p.thumbUrl} alt={alt.text} lang={langAttr(alt, lang)} width={p.thumbWidth} height={p.thumbHeight} className="room-photo-thumb" loading={i === 0 ? undefined : "lazy"} />
                    <span className="sr-only"> {t("rooms:photos.enlargeHint")}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <Paper withBorder p="md" component="section" aria-labelledby="facts">
        <Title order={2} size="h4" id="facts" mb="xs">
          {t("rooms:room.facts")}
        </Title>
        <List size="sm" spacing={4}>
          <List.Item>{t("rooms:room.capacity", { count: d.room.capacity })}</List.Item>
          {d.parts.length ? <List.Item>{t("rooms:room.parts", { parts: d.parts.map((p) => localised(p.name, p.name_translations, i18n.language)).join(t("common:listSeparator")) })}</List.Item> : null}
          <List.Item>{t("rooms:room.duration", { min: d.room.minMinutes, max: Math.round(d.room.maxMinutes / 6) / 10 })}</List.Item>
          <List.Item>{t("rooms:room.leadTime", { days: d.room.leadDays, months: d.room.horizonMonths })}</List.Item>
          <List.Item>{t("rooms:room.nightRest", { time: d.room.nightRestStart })}</List.Item>
          <List.Item>{t("rooms:room.buffer", { minutes: d.room.bufferMinutes })}</List.Item>
          <List.Item>{t("rooms:room.deposit", { amount: d.room.keyDeposit })}</List.Item>
          {labelled("rooms:room.keyPlace", keyPlace)}
          {labelled("rooms:room.keyHours", keyHours)}
          <List.Item>{d.room.fee > 0 ? t("rooms:room.fee", { amount: d.room.fee }) : t("rooms:room.free")}</List.Item>
          {labelled("rooms:room.feeNote", feeNote)}
          <List.Item>
            {t("rooms:room.hours")}{" "}
            {d.hours.map((h, i) => `${weekdayName(i + 1, lang)} ${h ? `\u2066${h.open}–${h.close}\u2069` : t("rooms:calendar.closed")}`).join(" · ")}
          </List.Item>
        </List>
        <Button component={Link} to={`${here}/anfragen`} mt="md">
          {t("rooms:request.start")}
        </Button>
      </Paper>
      <Stack component="section" aria-labelledby="calendar-title" gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="calendar-title">
            {t("rooms:calendar.title", { range })}
          </Title>
          <Group component="nav" aria-label={t("rooms:calendar.viewLabel")} gap={4}>
            {(["week", "month"] as const).map((v) => (
              <Button
                key={v}
                component={Link}
                size="compact-sm"
                variant={d.view === v ? "filled" : "default"}
                aria-current={d.view === v ? "page" : undefined}
                to={`${here}?view=${v}&from=${v === "month" ? d.monthStart : d.first}`}
              >
                {t(`rooms:calendar.${v}`)}
              </Button>
            ))}
          </Group>
        </Group>
        <Group component="nav" aria-label={t("rooms:calendar.navLabel")} gap="xs">
          <Button component={Link} variant="default" size="compact-sm" to={`${here}?view=${d.view}&from=${d.prev}`}>
            {d.view === "month" ? t("rooms:calendar.prevMonth") : t("rooms:calendar.prevWeek")}
          </Button>
          <Button component={Link} variant="default" size="compact-sm" to={`${here}?view=${d.view}`}>
            {t("rooms:calendar.today")}
          </Button>
          <Button component={Link} variant="default" size="compact-sm" to={`${here}?view=${d.view}&from=${d.next}`}>
            {d.view === "month" ? t("rooms:calendar.nextMonth") : t("rooms:calendar.nextWeek")}
          </Button>
        </Group>
        <Text size="sm">
          <Lines text={t("rooms:calendar.legend")} />
        </Text>
        {d.view === "month" ? <MonthCalendar days={d.days} monthStart={d.monthStart} caption={t("rooms:calendar.title", { range })} /> : <WeekCalendar days={d.days} labelledBy="calendar-title" />}
        <Text size="sm">
          <Anchor href={`${here}/kalender.ics`}>{t("rooms:calendar.feed")}</Anchor>
        </Text>
      </Stack>
    </Stack>
  );
}
