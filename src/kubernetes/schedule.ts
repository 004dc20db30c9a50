/**
 * How many times a CronJob's schedule fires in tollgate's month of 730 hours. Kubernetes parses
 * schedules with robfig/cron's standard parser: five fields (minute, hour, day of month, month, day of
 * week) with `*`, `?`, ranges, steps, lists and month and weekday names, or a descriptor (`@hourly`,
 * `@daily`, `@every 90m`, ...). The count is the average over the 400-year Gregorian cycle (146 097
 * days, a whole number of weeks), scaled to 730 hours, so weekdays, month lengths and leap years
 * all weigh what they do over time.
 */
import Big from 'big.js';
import { HOURS_PER_MONTH } from '../cost/money.ts';

export type ParsedSchedule = { ok: true; runsPerMonth: Big } | { ok: false; why: string };

interface Field {
  values: Set<number>;
  /** Written as `*` or `?` (no step): for the day fields, cron's "either day field matches" rule. */
  star: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const CYCLE_DAYS = 146_097;

export function runsPerMonth(schedule: string): ParsedSchedule {
  // A time zone changes when runs happen, not how many there are.
  const text = schedule.trim().replace(/^(CRON_)?TZ=\S+\s+/, '');
  const every = /^@every\s+(\S+)$/.exec(text);
  if (every) return everyDuration(every[1] as string);
  const expanded = Object.hasOwn(DESCRIPTORS, text) ? (DESCRIPTORS[text] as string) : text;
  if (expanded.startsWith('@')) return { ok: false, why: `unknown descriptor ${text.split(/\s/)[0]}` };
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5)
    return {
      ok: false,
      why: `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`,
    };
  const [minute, hour, dom, month, dow] = parts as [string, string, string, string, string];
  const fields = [
    parseField(minute, 0, 59, 'minute'),
    parseField(hour, 0, 23, 'hour'),
    parseField(dom, 1, 31, 'day of month'),
    parseField(month, 1, 12, 'month', MONTHS, 1),
    parseField(dow, 0, 7, 'day of week', DAYS, 0),
  ];
  for (const f of fields) if (typeof f === 'string') return { ok: false, why: f };
  const [m, h, d, mo, w] = fields as Field[] as [Field, Field, Field, Field, Field];
  if (w.values.has(7)) w.values.add(0);
  const days = matchingDays(d, mo, w);
  const runs = new Big(days).times(m.values.size * h.values.size);
  return { ok: true, runsPerMonth: runs.times(HOURS_PER_MONTH).div(CYCLE_DAYS * 24) };
}

/** Days of the 400-year cycle a schedule fires on; 2000-01-01, where it starts, was a Saturday. */
function matchingDays(dom: Field, month: Field, dow: Field): number {
  let count = 0;
  let weekday = 6;
  for (let year = 2000; year < 2400; year++) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    for (let mo = 1; mo <= 12; mo++) {
      const length = mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
      for (let day = 1; day <= length; day++) {
        if (month.values.has(mo)) {
          const domMatch = dom.values.has(day);
          const dowMatch = dow.values.has(weekday);
          // cron: when either day field is `*`, both must match; when both are restricted, either may.
          if (dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch) count++;
        }
        weekday = (weekday + 1) % 7;
      }
    }
  }
  return count;
}

function parseField(
  text: string,
  min: number,
  max: number,
  what: string,
  names?: string[],
  nameBase = 0,
): Field | string {
  const values = new Set<number>();
  let star = false;
  const value = (s: string): number | undefined => {
    if (/^\d+$/.test(s)) return Number(s);
    const i = names?.indexOf(s.toLowerCase()) ?? -1;
    return i >= 0 ? i + nameBase : undefined;
  };
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (range === undefined || extra !== undefined || range === '')
      return `${what} "${text}" is not a cron field`;
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0)
        return `${what} step "${stepText}" is not a positive number`;
      step = Number(stepText);
    }
    let start: number | undefined;
    let end: number | undefined;
    if (range === '*' || range === '?') {
      start = min;
      end = max === 7 ? 6 : max;
      if (stepText === undefined || step === 1) star = true;
    } else {
      const [a, b, more] = range.split('-');
      if (more !== undefined) return `${what} "${range}" is not a range`;
      start = value(a as string);
      // `5/15` means from 5 to the end, every 15.
      end = b !== undefined ? value(b) : stepText !== undefined ? max : start;
    }
    if (start === undefined || end === undefined)
      return `${what} "${part}" is not a number${names ? ' or name' : ''}`;
    if (start < min || end > max || start > end) return `${what} "${part}" is outside ${min}-${max}`;
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return { values, star };
}

const UNIT_SECONDS: Record<string, number> = {
  h: 3600,
  m: 60,
  s: 1,
  ms: 0.001,
  us: 0.000001,
  µs: 0.000001,
  ns: 1e-9,
};

/** `@every 1h30m`: a Go duration, truncated to whole seconds and at least one, as robfig/cron does. */
function everyDuration(text: string): ParsedSchedule {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
  let seconds = new Big(0);
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    seconds = seconds.plus(new Big(m[1] as string).times(UNIT_SECONDS[m[2] as string] as number));
    consumed = re.lastIndex;
  }
  if (consumed === 0 || consumed !== text.length)
    return { ok: false, why: `@every "${text}" is not a duration such as 90m or 1h30m` };
  const whole = seconds.round(0, Big.roundDown);
  const interval = whole.lt(1) ? new Big(1) : whole;
  return { ok: true, runsPerMonth: new Big(HOURS_PER_MONTH * 3600).div(interval) };
}
