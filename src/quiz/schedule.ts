/**
 * Pure time logic of the daily quiz: which local day it is in a guild's zone, when that day's question is
 * posted, whether it is due, and when a round closes. No clock of its own: every function takes the
 * instant it reasons about, so tests can stand anywhere in time.
 */
import { DateTime, IANAZone } from "luxon";

/** The part of a guild's quiz settings that fixes the time of day. */
export interface ScheduleSettings {
  /** Local wall-clock time, `HH:MM` (24 h). */
  time: string;
  /** IANA zone, e.g. `Europe/Berlin`. */
  timezone: string;
  /** Local hour (0–23) at which a round closes on its own day; null or absent: at the next post. */
  closeHour?: number | null;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The calendar day (`YYYY-MM-DD`) that `now` falls on in `timezone`. */
export function localDate(now: Date, timezone: string): string {
  return DateTime.fromJSDate(now, { zone: zoneOf(timezone) }).toFormat("yyyy-MM-dd");
}

/** The day after `date` (`YYYY-MM-DD`), by the calendar, whatever the zone. */
export function nextLocalDate(date: string): string {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days: 1 }).toFormat("yyyy-MM-dd");
}

/**
 * The instant the question of local day `date` is posted. When the clocks go back and the time happens
 * twice, the first occurrence; when they go forward over it, the first instant after the gap (a 02:30
 * post on a day the clocks jump from 02:00 to 03:00 goes out at 03:00).
 */
export function postInstant(date: string, settings: ScheduleSettings): Date {
  const [hour, minute] = settings.time.split(":").map(Number) as [number, number];
  return wallClockInstant(date, hour, minute, settings.timezone);
}

/**
 * Whether the day's question should be posted now: today's post time has come and the guild has no round
 * for today yet. A question missed while the bot was down is therefore posted once, late, on the same day,
 * and a restart later that day posts nothing more. A round dated after today (the zone was changed
 * westwards) also counts as "already posted", so a day is never posted twice.
 */
export function isDue(settings: ScheduleSettings, now: Date, lastRoundLocalDate: string | null): boolean {
  const today = localDate(now, settings.timezone);
  if (lastRoundLocalDate !== null && lastRoundLocalDate >= today) return false;
  return now.getTime() >= postInstant(today, settings).getTime();
}

/**
 * When a round closes: at the next day's post, or earlier, at `closeHour` on its own day, if that is set
 * and comes after the round was actually opened (a late post never closes before it opened).
 */
export function closeInstant(round: { localDate: string; createdAt: string }, settings: ScheduleSettings): Date {
  if (settings.closeHour !== null && settings.closeHour !== undefined) {
    const sameDay = wallClockInstant(round.localDate, settings.closeHour, 0, settings.timezone);
    if (sameDay.getTime() > Date.parse(round.createdAt)) return sameDay;
  }
  return postInstant(nextLocalDate(round.localDate), settings);
}

/** True for a zone name the runtime knows (`Europe/Berlin`, `UTC`); offsets like `+05:30` are refused. */
export function isValidTimezone(timezone: string): boolean {
  return IANAZone.isValidZone(timezone);
}

function zoneOf(timezone: string): IANAZone {
  const zone = IANAZone.create(timezone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone: ${timezone}`);
  return zone;
}

/**
 * The first instant at which clocks in `timezone` show `hour:minute` on `date`, or, if they skip it, the
 * instant they resume. Done by hand because luxon moves a skipped time forward by the length of the gap
 * (02:30 → 03:30) and picks the second of two repeated times.
 */
function wallClockInstant(date: string, hour: number, minute: number, timezone: string): Date {
  const zone = zoneOf(timezone);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // The offsets in force a day either side cover any transition on this day.
  const before = zone.offset(wall - DAY);
  const after = zone.offset(wall + DAY);
  const valid = [before, after]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => zone.offset(instant) * MINUTE === wall - instant)
    .sort((a, b) => a - b);
  if (valid.length > 0) return new Date(valid[0]!);
  // Skipped: the transition lies between the time read with the later offset and with the earlier one.
  let lo = wall - after * MINUTE; // still on the old offset
  let hi = wall - before * MINUTE; // already on the new one
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
    if (zone.offset(mid) === after) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** The spans a leaderboard can cover. */
export const LEADERBOARD_PERIODS = ["week", "month", "all"] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

/** Sunday first, as `Date.getUTCDay` counts. */
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

/**
 * The first local day (`YYYY-MM-DD`) of the `period` that local day `today` falls in: the latest `weekStart`
 * on or before it for a week, the 1st for a month; null for all time.
 */
export function periodStart(
  period: LeaderboardPeriod,
  today: string,
  weekStart: (typeof WEEKDAYS)[number],
): string | null {
  if (period === "all") return null;
  if (period === "month") return `${today.slice(0, 8)}01`;
  const day = DateTime.fromISO(today, { zone: "UTC" });
  const back = (day.weekday % 7) - WEEKDAYS.indexOf(weekStart); // luxon: Monday 1 … Sunday 7
  return day.minus({ days: (back + 7) % 7 }).toFormat("yyyy-MM-dd");
}
