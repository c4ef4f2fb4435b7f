/**
 * Standard five-field cron (minute hour day-of-month month day-of-week) as the CronJob controller reads it
 * (robfig/cron's standard parser): `*`, `?`, lists, ranges, `/steps`, month and weekday names, 7 = Sunday, and
 * the @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly shorthands. As in cron, when both day fields
 * are restricted a day matching either is due.
 */
export type CronSchedule = { minutes: Set<number>; hours: Set<number>; days: Set<number>; months: Set<number>; weekdays: Set<number>; anyDay: boolean; anyWeekday: boolean };

const shorthands: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};
const monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

export class CronSyntaxError extends Error {}

export function parseCron(text: string): CronSchedule {
  const expanded = shorthands[text.trim().toLowerCase()] ?? text.trim();
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5) throw new CronSyntaxError(`expected exactly 5 fields, found ${fields.length}: ${text}`);
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  const weekdays = parseField(weekday, 0, 7, dayNames);
  if (weekdays.delete(7)) weekdays.add(0);
  return {
    minutes: parseField(minute, 0, 59),
    hours: parseField(hour, 0, 23),
    days: parseField(day, 1, 31),
    months: parseField(month, 1, 12, monthNames, 1),
    weekdays,
    anyDay: day.startsWith("*") || day === "?",
    anyWeekday: weekday.startsWith("*") || weekday === "?",
  };
}

function parseField(field: string, min: number, max: number, names: string[] = [], nameBase = 0): Set<number> {
  const out = new Set<number>();
  const value = (token: string): number => {
    const named = names.indexOf(token.toLowerCase());
    if (named >= 0) return named + nameBase;
    if (!/^\d+$/.test(token)) throw new CronSyntaxError(`failed to parse int from ${token}`);
    return Number(token);
  };
  for (const part of field.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : value(stepText);
    if (step < 1) throw new CronSyntaxError(`step of range should be a positive number: ${part}`);
    let from: number;
    let to: number;
    if (range === "*" || range === "?") [from, to] = [min, max];
    else if (range.includes("-")) {
      const [a = "", b = ""] = range.split("-");
      [from, to] = [value(a), value(b)];
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    if (from < min) throw new CronSyntaxError(`beginning of range (${from}) below minimum (${min}): ${part}`);
    if (to > max) throw new CronSyntaxError(`end of range (${to}) above maximum (${max}): ${part}`);
    if (from > to) throw new CronSyntaxError(`beginning of range (${from}) beyond end of range (${to}): ${part}`);
    for (let i = from; i <= to; i += step) out.add(i);
  }
  return out;
}

type Wall = { month: number; day: number; weekday: number; hour: number; minute: number };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a time zone (UTC when none is given). */
function wallClock(ms: number, timeZone: string | undefined): Wall {
  const date = new Date(ms);
  if (!timeZone || timeZone === "UTC" || timeZone === "Etc/UTC") {
    return { month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay(), hour: date.getUTCHours(), minute: date.getUTCMinutes() };
  }
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", weekday: "short" });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return { month: Number(parts.month), day: Number(parts.day), weekday: dayNames.indexOf(String(parts.weekday).toLowerCase()), hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** Throws a RangeError for a time zone the runtime does not know (`unknown time zone X` in Kubernetes). */
export function checkTimeZone(timeZone: string | undefined): void {
  if (timeZone) wallClock(0, timeZone);
}

const MINUTE = 60_000;
/** Five years of minutes: a schedule with no time in that span (e.g. 30 February) never runs. */
const HORIZON_MS = 5 * 366 * 24 * 60 * MINUTE;

/** The first scheduled instant strictly after `afterMs`, or undefined if there is none within five years. */
export function nextRun(schedule: CronSchedule, afterMs: number, timeZone?: string): number | undefined {
  let t = Math.floor(afterMs / MINUTE) * MINUTE + MINUTE;
  const end = afterMs + HORIZON_MS;
  while (t <= end) {
    const w = wallClock(t, timeZone);
    const dayOk = schedule.anyDay || schedule.anyWeekday ? schedule.days.has(w.day) && schedule.weekdays.has(w.weekday) : schedule.days.has(w.day) || schedule.weekdays.has(w.weekday);
    if (!schedule.months.has(w.month) || !dayOk) t += ((23 - w.hour) * 60 + (60 - w.minute)) * MINUTE;
    else if (!schedule.hours.has(w.hour)) t += (60 - w.minute) * MINUTE;
    else if (!schedule.minutes.has(w.minute)) t += MINUTE;
    else return t;
  }
  return undefined;
}
