import Big from 'big.js';
import { PolicyError } from '../errors.ts';
import type { Resource } from '../model/resource.ts';
import { displayPath, parseYamlFile, typeName, type ParsedYamlFile } from '../policy/validate.ts';
import { matchesAddress } from '../util/glob.ts';
import { HOURS_PER_MONTH } from './money.ts';
import { pricedTypes, pricerFor } from './resources/registry.ts';

/** The usage values that apply to one resource: its address's entry, else its type's defaults. */
export interface UsageValues {
  /** The value of `key`; asking notes the key as read for the resource (see Usage.readKeys). */
  number(key: string): Big | undefined;
  /** Names the entries the values come from: resources with equal ids read equal values. */
  id: string;
}

export interface Usage {
  /** Where the usage came from, for the report. */
  file?: string;
  valuesFor(resource: Resource): UsageValues;
  /** Hours a month the resource runs, when the usage file says; undefined means always on (730). */
  /** The side's monthly hours: by address, else by the tag values the resource has on that side. */
  monthlyHoursFor(resource: Resource, side: 'before' | 'after'): Big | undefined;
  /** The file's entries, to check their keys against what the resources read. */
  entries?: readonly UsageEntry[];
  /** The file's `monthly_hours` entries, to check them against the resources of the run. */
  hours?: readonly HoursEntry[];
  /** The `resource_usage` entry that applies to the resource (its exact address, else a glob). */
  entryFor?(resource: Resource): UsageEntry | undefined;
  /**
   * The keys asked of the resource's values so far: after its costs are planned, the keys its
   * pricer read for the sides it has. A key given for it and not among them priced nothing.
   */
  readKeys?(resource: Resource): ReadonlySet<string>;
}

/** One `resource_usage` (by address or glob) or `resource_type_default_usage` (by type) entry. */
export interface UsageEntry {
  by: 'address' | 'type';
  pattern: string;
  keys: readonly string[];
  line?: number;
  /** The line of each key, where known. */
  keyLines?: Readonly<Record<string, number>>;
}

/** One `monthly_hours.resources` address (or glob), or one `monthly_hours.tags` key. */
export interface HoursEntry {
  by: 'address' | 'tag';
  /** The address or glob, or the tag key. */
  pattern: string;
  line?: number;
  /** For a tag key: its values, each with its line. */
  values?: readonly { value: string; line?: number }[];
}

type Values = Record<string, unknown>;

interface UsageFile {
  resource_usage?: Record<string, Values>;
  resource_type_default_usage?: Record<string, Values>;
  monthly_hours?: { resources?: Record<string, number>; tags?: Record<string, Record<string, number>> };
}

const NONE: UsageValues = { number: () => undefined, id: '' };

/** No usage file: every usage-billed component is "usage not given". */
export const NO_USAGE: Usage = { valuesFor: () => NONE, monthlyHoursFor: () => undefined };

/**
 * Parses a usage file (YAML, schema/usage.schema.json); errors name the file and line. Values of the
 * keys tollgate reads for an entry must be numbers of 0 or more; other keys (another tool's:
 * infracost's nested S3 classes, `operating_system`, ...) may hold anything and are reported as not
 * read (usage-keys.ts), not refused.
 */
export function parseUsage(file: string, text: string): Usage {
  const parsed = parseYamlFile('usage', file, text);
  const data = parsed.data as UsageFile;
  checkValues(parsed, data);
  const byAddress = Object.entries(data.resource_usage ?? {});
  const byType = data.resource_type_default_usage ?? {};
  const hoursByAddress = Object.entries(data.monthly_hours?.resources ?? {});
  const hoursByTag = Object.entries(data.monthly_hours?.tags ?? {});
  const entry = (section: string, by: UsageEntry['by'], pattern: string, values: Values): UsageEntry => {
    const keyLines: Record<string, number> = {};
    for (const key of Object.keys(values)) {
      const line = parsed.keyLineOf([section, pattern, key]);
      if (line !== undefined) keyLines[key] = line;
    }
    return { by, pattern, keys: Object.keys(values), line: parsed.keyLineOf([section, pattern]), keyLines };
  };
  const addressEntries = byAddress.map(([pattern, values]) =>
    entry('resource_usage', 'address', pattern, values),
  );
  const entries: UsageEntry[] = [
    ...addressEntries,
    ...Object.entries(byType).map(([pattern, values]) =>
      entry('resource_type_default_usage', 'type', pattern, values),
    ),
  ];
  const hours: HoursEntry[] = [
    ...hoursByAddress.map(([pattern]): HoursEntry => ({
      by: 'address',
      pattern,
      line: parsed.keyLineOf(['monthly_hours', 'resources', pattern]),
    })),
    ...hoursByTag.map(([pattern, byValue]): HoursEntry => ({
      by: 'tag',
      pattern,
      line: parsed.keyLineOf(['monthly_hours', 'tags', pattern]),
      values: Object.keys(byValue).map((value) => ({
        value,
        line: parsed.keyLineOf(['monthly_hours', 'tags', pattern, value]),
      })),
    })),
  ];
  const reads = new Map<Resource, Set<string>>();
  return {
    file,
    entries,
    hours,
    entryFor(resource) {
      const i = entryIndex(byAddress, resource.address);
      return i === -1 ? undefined : addressEntries[i];
    },
    readKeys(resource) {
      return reads.get(resource) ?? new Set<string>();
    },
    valuesFor(resource) {
      const ownIndex = entryIndex(byAddress, resource.address);
      const own = ownIndex === -1 ? undefined : byAddress[ownIndex]?.[1];
      const defaults = Object.hasOwn(byType, resource.type) ? byType[resource.type] : undefined;
      if (!own && !defaults) return NONE;
      let read = reads.get(resource);
      if (!read) reads.set(resource, (read = new Set<string>()));
      const noted = read;
      return {
        id: `${ownIndex}\0${defaults ? resource.type : ''}`,
        number(key) {
          noted.add(key);
          const value =
            own && Object.hasOwn(own, key)
              ? own[key]
              : defaults && Object.hasOwn(defaults, key)
                ? defaults[key]
                : undefined;
          return typeof value === 'number' ? new Big(value) : undefined;
        },
      };
    },
    monthlyHoursFor(resource, side) {
      const exact = entryFor(hoursByAddress, resource.address);
      if (exact !== undefined) return new Big(exact);
      // A change of tag value (dev to prod, say) changes the hours: each side by its own tags.
      const tags = (side === 'after' ? resource.tags?.known : resource.tagsBefore) ?? {};
      for (const [key, values] of hoursByTag) {
        const value = Object.hasOwn(tags, key) ? tags[key] : undefined;
        if (value !== undefined && Object.hasOwn(values, value)) return new Big(values[value] as number);
      }
      return undefined;
    },
  };
}

/**
 * The keys tollgate reads for an entry, the only ones type-checked: its type's, when the entry names
 * one (a type default, or an address `module.x.aws_s3_bucket.b`, `aws_instance.*`), none for a type
 * tollgate does not price; for an address whose type cannot be told (`module.app.*`, a Kubernetes
 * object's), every key some pricer reads.
 */
function keysReadFor(
  section: 'resource_usage' | 'resource_type_default_usage',
  pattern: string,
): Set<string> {
  const type = section === 'resource_type_default_usage' ? pattern : terraformType(pattern);
  if (type === undefined) {
    everyKey ??= new Set(pricedTypes().flatMap((t) => Object.keys(pricerFor(t)?.usage ?? {})));
    return everyKey;
  }
  return new Set(Object.keys(pricerFor(type)?.usage ?? {}));
}
let everyKey: Set<string> | undefined;

/** The type of a Terraform address or address glob, when its last two parts are a type and a name. */
function terraformType(pattern: string): string | undefined {
  const m = /(?:^|\.)((?:data\.)?([a-z][a-z0-9_]*))\.[^.[\]]+(?:\[[^\]]*\])?$/.exec(pattern);
  if (!m) return undefined;
  // `module.app.*` names a module and a glob, not a type.
  const before = pattern.slice(0, pattern.length - m[0].length + (m[0].startsWith('.') ? 1 : 0));
  return /(?:^|\.)module\.$/.test(before) ? undefined : m[2];
}

/**
 * What the schema leaves to code: a key tollgate reads must hold a number of 0 or more, and monthly
 * hours must fit in tollgate's month. Every problem is counted; the first (by line) is reported.
 */
function checkValues(parsed: ParsedYamlFile, data: UsageFile): void {
  const problems: { message: string; line?: number }[] = [];
  for (const section of ['resource_usage', 'resource_type_default_usage'] as const) {
    for (const [pattern, values] of Object.entries(data[section] ?? {})) {
      const readable = keysReadFor(section, pattern);
      for (const [key, value] of Object.entries(values)) {
        if (!readable.has(key)) continue;
        const path = [section, pattern, key];
        const line = parsed.lineOf(path);
        if (typeof value !== 'number')
          problems.push({ message: `${displayPath(path)} must be a number, not ${typeName(value)}`, line });
        else if (value < 0)
          problems.push({ message: `${displayPath(path)} must be at least 0 (got ${value})`, line });
      }
    }
  }
  const hours: [(string | number)[], number][] = [
    ...Object.entries(data.monthly_hours?.resources ?? {}).map(
      ([address, value]): [(string | number)[], number] => [['monthly_hours', 'resources', address], value],
    ),
    ...Object.entries(data.monthly_hours?.tags ?? {}).flatMap(([key, byValue]) =>
      Object.entries(byValue).map(([value, h]): [(string | number)[], number] => [
        ['monthly_hours', 'tags', key, value],
        h,
      ]),
    ),
  ];
  for (const [path, value] of hours) {
    if (value <= HOURS_PER_MONTH) continue;
    problems.push({
      message:
        `${displayPath(path)} is ${value}, more than the ${HOURS_PER_MONTH} hours of tollgate's month ` +
        `(the average month, 8,760 hours a year / 12: ${HOURS_PER_MONTH} is always on)`,
      line: parsed.lineOf(path),
    });
  }
  if (problems.length === 0) return;
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const first = problems[0] as { message: string; line?: number };
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new PolicyError(parsed.file, first.message + more, first.line);
}

/** An exact address wins over globs; among globs the first in the file. */
function entryFor<T>(entries: [string, T][], address: string): T | undefined {
  const i = entryIndex(entries, address);
  return i === -1 ? undefined : entries[i]?.[1];
}

function entryIndex(entries: [string, unknown][], address: string): number {
  const exact = entries.findIndex(([pattern]) => pattern === address);
  if (exact !== -1) return exact;
  return entries.findIndex(([pattern]) => /[*?]/.test(pattern) && matchesAddress(pattern, address));
}
