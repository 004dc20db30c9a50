import Big from 'big.js';
import type { Resource } from '../model/resource.ts';
import { parseYamlFile } from '../policy/validate.ts';
import { matchesAddress } from '../util/glob.ts';

/** The usage values that apply to one resource: its address's entry, else its type's defaults. */
export interface UsageValues {
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
}

/** One `resource_usage` (by address or glob) or `resource_type_default_usage` (by type) entry. */
export interface UsageEntry {
  by: 'address' | 'type';
  pattern: string;
  keys: readonly string[];
  line?: number;
}

type Values = Record<string, number>;

interface UsageFile {
  resource_usage?: Record<string, Values>;
  resource_type_default_usage?: Record<string, Values>;
  monthly_hours?: { resources?: Record<string, number>; tags?: Record<string, Record<string, number>> };
}

const NONE: UsageValues = { number: () => undefined, id: '' };

/** No usage file: every usage-billed component is "usage not given". */
export const NO_USAGE: Usage = { valuesFor: () => NONE, monthlyHoursFor: () => undefined };

/** Parses a usage file (YAML, schema/usage.schema.json); errors name the file and line. */
export function parseUsage(file: string, text: string): Usage {
  const parsed = parseYamlFile('usage', file, text);
  const data = parsed.data as UsageFile;
  const byAddress = Object.entries(data.resource_usage ?? {});
  const byType = data.resource_type_default_usage ?? {};
  const hoursByAddress = Object.entries(data.monthly_hours?.resources ?? {});
  const hoursByTag = Object.entries(data.monthly_hours?.tags ?? {});
  const entries: UsageEntry[] = [
    ...byAddress.map(([pattern, values]): UsageEntry => ({
      by: 'address',
      pattern,
      keys: Object.keys(values),
      line: parsed.keyLineOf(['resource_usage', pattern]),
    })),
    ...Object.entries(byType).map(([pattern, values]): UsageEntry => ({
      by: 'type',
      pattern,
      keys: Object.keys(values),
      line: parsed.keyLineOf(['resource_type_default_usage', pattern]),
    })),
  ];
  return {
    file,
    entries,
    valuesFor(resource) {
      const ownIndex = entryIndex(byAddress, resource.address);
      const own = ownIndex === -1 ? undefined : byAddress[ownIndex]?.[1];
      const defaults = Object.hasOwn(byType, resource.type) ? byType[resource.type] : undefined;
      if (!own && !defaults) return NONE;
      return {
        id: `${ownIndex}\0${defaults ? resource.type : ''}`,
        number(key) {
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
