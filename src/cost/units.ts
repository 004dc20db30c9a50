/**
 * How a quantity reads in a report. A unit names what is counted, in the plural: `hours`,
 * `GB-months`, `metric-months`, `requests`. Some prices are quoted per a batch of things (`1M
 * requests`: $0.40 for a million), and the JSON report keeps such quantities in batches, as the price
 * is; read by a person, a quantity counts the things themselves (`25M requests`) and the price names
 * its batch (`$0.40 per 1M`). Exactly one thing is singular (`1 hour`, `1 request`).
 */
import Big from 'big.js';
import { formatCount } from './money.ts';

const SUFFIXES: Record<string, number> = { '': 1, k: 1e3, M: 1e6, B: 1e9 };

const COMPACT: readonly (readonly [string, Big])[] = [
  ['B', new Big(1e9)],
  ['M', new Big(1e6)],
  ['k', new Big(1e3)],
];

// The measure words units end in. Abbreviations (GB, IOPS, MiBps) read the same for one as for many,
// and a trailing "s" on them is no plural, hence a list rather than a rule on spelling.
const SINGULAR = /(hour|second|month|request|run)s$/;

interface Unit {
  /** What is counted, plural: `requests`. */
  things: string;
  /** The batch a price is quoted per (`1M`, and its size), for a unit such as `1M requests`. */
  batch?: { text: string; size: Big };
}

function parseUnit(unit: string): Unit {
  const m = /^(\d+)([kMB]?) (.+)$/.exec(unit);
  if (!m) return { things: unit };
  const digits = m[1] as string;
  const suffix = m[2] as string;
  return {
    things: m[3] as string,
    batch: { text: `${digits}${suffix}`, size: new Big(digits).times(SUFFIXES[suffix] as number) },
  };
}

/** What a unit counts, plural and without a batch: `requests` for `1M requests`. */
export function unitThings(unit: string): string {
  return parseUnit(unit).things;
}

/** ` per 1M` for a unit priced per a batch (`1M requests`); empty for any other unit. */
export function perBatch(unit: string): string {
  const { batch } = parseUnit(unit);
  return batch ? ` per ${batch.text}` : '';
}

/**
 * `7 metric-months`, `25M requests`, `1 hour`: a quantity in `unit`, rounded to `places` decimals
 * (of the k/M/B shown for a batch unit). Display only. With `max`, a range: `10M–50M requests`.
 */
export function formatQuantity(value: Big, unit: string, places: number, max?: Big): string {
  const { things, batch } = parseUnit(unit);
  const count = (v: Big) => (batch ? compact(v.times(batch.size), places) : formatCount(v, places));
  const low = count(value);
  if (max !== undefined) return `${low}–${count(max)} ${things}`;
  return `${low} ${low === '1' ? things.replace(SINGULAR, '$1') : things}`;
}

/** `1.5k`, `25M`, `2B`: a count of things, in the largest of thousands, millions, billions it reaches. */
function compact(value: Big, places: number): string {
  for (const [suffix, size] of COMPACT) {
    if (value.abs().gte(size)) return `${formatCount(value.div(size), places)}${suffix}`;
  }
  return formatCount(value, places);
}
