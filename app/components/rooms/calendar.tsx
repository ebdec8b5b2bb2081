import { useTranslation } from "react-i18next";
import type { CalendarDay } from "~/modules/rooms/calendar";
import { formatDayLong, weekdayName } from "~/utils/dates";

/** Times and states of one day. Plain elements (styles in `app/styles/rooms.css`): a month has hundreds. */
function BlockList({ day }: { day: CalendarDay }) {
  const { t } = useTranslation();
  if (!day.hours && !day.blocks.length) return <p className="room-blocks">{t("rooms:calendar.closed")}</p>;
  return (
    <ul className="room-blocks">
      {day.hours ? <li className="room-hours">{t("rooms:calendar.open", { open: day.hours.open, close: day.hours.close })}</li> : null}
      {day.blocks.length === 0 && day.hours ? (
        <li>
          <span className="room-state room-state--free">{t("rooms:calendar.free")}</span>
        </li>
      ) : null}
      {day.blocks.map((b, i) => (
        <li key={i}>
          {b.allDay ? t("rooms:calendar.allDay") : <bdi>{`${b.from}–${b.to}`}</bdi>}
          <span className={`room-state room-state--${b.state}`}>{t(`rooms:calendar.state.${b.state}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A week as a list of days with headings: readable by screen readers and on a phone. */
export function WeekCalendar({ days, labelledBy }: { days: CalendarDay[]; labelledBy: string }) {
  const { i18n } = useTranslation();
  return (
    <ol className="room-week" aria-labelledby={labelledBy}>
      {days.map((d) => (
        <li key={d.day}>
          <h3 className="room-day-title">{formatDayLong(d.day, i18n.language)}</h3>
          <BlockList day={d} />
        </li>
      ))}
    </ol>
  );
}

/** A month as a table (weeks as rows, weekdays as column headers). */
export function MonthCalendar({ days, monthStart, caption }: { days: CalendarDay[]; monthStart: string; caption: string }) {
  const { i18n } = useTranslation();
  const weeks: CalendarDay[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  const month = monthStart.slice(0, 7);
  const captionId = `room-month-${month}`;
  return (
    // A phone scrolls the table sideways: the box is focusable (arrow keys) and named by the caption.
    <div className="room-month-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="room-month">
        <caption className="sr-only" id={captionId}>
          {caption}
        </caption>
        <thead>
          <tr>
            {[1, 2, 3, 4, 5, 6, 7].map((w) => (
              <th key={w} scope="col">
                <abbr title={weekdayName(w, i18n.language, "long")}>{weekdayName(w, i18n.language)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0].day}>
              {week.map((d) => (
                <td key={d.day} className={d.day.startsWith(month) ? undefined : "room-other-month"}>
                  <strong>
                    <span aria-hidden="true">{Number(d.day.slice(8))}</span>
                    <span className="sr-only">{formatDayLong(d.day, i18n.language)}</span>
                  </strong>
                  <BlockList day={d} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
