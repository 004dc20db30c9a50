import type { Finding } from '../model/finding.ts';
import type { Resource } from '../model/resource.ts';
import { matchesAddress } from '../util/glob.ts';
import { closest } from '../util/similar.ts';
import { isFree } from './resources/free.ts';
import { pricedTypes, pricerFor } from './resources/registry.ts';
import type { Usage, UsageEntry } from './usage.ts';

/**
 * Usage-file keys that no resource they apply to reads. A typo (`monthly_requets`) or a key of
 * another tool would otherwise be ignored without a word, and the component it was meant for would
 * stay "usage not given". Address entries are checked against the resources of this run they match;
 * entries that match none are unmatchedUsage's (usage-match.ts).
 */
export function checkUsageKeys(usage: Usage, resources: readonly Resource[]): Finding[] {
  const file = usage.file;
  if (!file || !usage.entries) return [];
  const findings: Finding[] = [];
  for (const entry of usage.entries) {
    const types =
      entry.by === 'type'
        ? [entry.pattern]
        : [...new Set(resources.filter((r) => addressMatches(entry.pattern, r.address)).map((r) => r.type))];
    if (types.length === 0) continue;
    const read = new Set<string>();
    const unpriced: string[] = [];
    for (const type of types) {
      const keys = pricerFor(type)?.usage;
      if (keys) for (const key of Object.keys(keys)) read.add(key);
      else if (!pricerFor(type)) unpriced.push(type);
    }
    const where =
      entry.by === 'type'
        ? `resource_type_default_usage.${entry.pattern}`
        : `resource_usage["${entry.pattern}"]`;
    if (unpriced.length === types.length) {
      // A type default names its type itself: an unpriced one may be a misspelt priced one.
      const near =
        entry.by === 'type' && !isFree(entry.pattern) ? closest(entry.pattern, pricedTypes()) : undefined;
      const what = unpriced.every(isFree)
        ? `${unpriced.join(', ')} ${unpriced.length > 1 ? 'are' : 'is'} free`
        : `tollgate does not price ${unpriced.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`;
      findings.push(
        finding(
          file,
          entry,
          where,
          `${what}: the usage values in ${where} are not used`,
          near
            ? `If the entry is for ${near}, correct the type; else remove it, or keep it for another tool.`
            : 'Remove the entry, or keep it for another tool.',
        ),
      );
      continue;
    }
    const unknown = entry.keys.filter((key) => !read.has(key));
    if (unknown.length === 0) continue;
    const known = [...read].sort();
    const hints = unknown.map((key) => {
      const near = closest(key, known);
      return near ? `"${key}" (did you mean "${near}"?)` : `"${key}"`;
    });
    findings.push(
      finding(
        file,
        entry,
        where,
        `usage key${unknown.length > 1 ? 's' : ''} ${hints.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not read for ${types.join(', ')}: ignored`,
        `${types.join(', ')} read${types.length > 1 ? '' : 's'} ${known.length > 0 ? known.join(', ') : 'no usage keys'} (README: "Usage file").`,
      ),
    );
  }
  return findings;
}

function addressMatches(pattern: string, address: string): boolean {
  return pattern === address || (/[*?]/.test(pattern) && matchesAddress(pattern, address));
}

function finding(file: string, entry: UsageEntry, where: string, message: string, fix: string): Finding {
  const f: Finding = {
    rule: 'usage.unknown_key',
    severity: 'warn',
    address: where,
    message,
    fix,
    origin: file,
  };
  f.source = entry.line === undefined ? { file } : { file, line: entry.line };
  return f;
}
