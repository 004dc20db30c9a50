import type { ResourceCost } from '../model/cost.ts';
import type { Finding, Severity } from '../model/finding.ts';
import type { Resource } from '../model/resource.ts';
import { matchesAddress } from '../util/glob.ts';
import { closest } from '../util/similar.ts';
import { pricerFor } from './resources/registry.ts';
import type { HoursEntry, Usage } from './usage.ts';

/** Edits an address may be from one of the run's to be suggested: a typo, not another resource. */
const ADDRESS_EDITS = 3;

/**
 * Usage-file entries that match nothing in this run: a `resource_usage` or `monthly_hours.resources`
 * address (or glob) no resource has, a `monthly_hours.tags` key no resource carries. A usage file is
 * often shared by several stacks, so an address this run lacks is a note (`info`), with the run's
 * nearest address when one is a few edits away. A tag key is a warning when it is a misspelling of
 * a key some resource carries (`enviroment`), else a note. Nothing is said when the run read no
 * resources: then nothing could match. Type defaults (`resource_type_default_usage`) are checked by
 * checkUsageKeys.
 */
export function unmatchedUsage(usage: Usage, resources: readonly Resource[]): Finding[] {
  const file = usage.file;
  if (!file || resources.length === 0) return [];
  const isGlob = (pattern: string) => /[*?]/.test(pattern);
  // The run's addresses by their blocks (instance keys dropped): `count = 1000` is one block to
  // compare with, then its instances.
  let blocks: Map<string, string[]> | undefined;
  let blockNames: string[] = [];
  const nearest = (pattern: string): string | undefined => {
    if (isGlob(pattern)) return undefined;
    if (!blocks) {
      blocks = new Map<string, string[]>();
      for (const r of resources) {
        const block = withoutKeys(r.address);
        const list = blocks.get(block);
        if (list) list.push(r.address);
        else blocks.set(block, [r.address]);
      }
      blockNames = [...blocks.keys()];
    }
    const block = withoutKeys(pattern);
    const near = blocks.has(block) ? block : closest(block, blockNames, ADDRESS_EDITS);
    const instances = near === undefined ? undefined : blocks.get(near);
    return instances && closest(pattern, instances, ADDRESS_EDITS);
  };
  let addresses: Set<string> | undefined;
  const matches = (pattern: string): boolean => {
    addresses ??= new Set(resources.map((r) => r.address));
    if (addresses.has(pattern)) return true;
    return isGlob(pattern) && resources.some((r) => matchesAddress(pattern, r.address));
  };
  const findings: Finding[] = [];
  const unmatchedAddress = (where: string, pattern: string, line: number | undefined, what: string) => {
    const near = nearest(pattern);
    findings.push(
      finding(
        'usage.unmatched',
        { file, line, origin: file },
        where,
        'info',
        `no resource in this run ${isGlob(pattern) ? 'matches' : 'has the address'} ${pattern}${near ? ` (did you mean ${near}?)` : ''}: ${what} not used`,
        near
          ? `If the entry is for ${near}, correct the address; if it is for another stack, nothing to do.`
          : 'Nothing to do if the entry is for another stack that shares the usage file; otherwise correct the address.',
      ),
    );
  };
  for (const entry of usage.entries ?? []) {
    if (entry.by !== 'address' || matches(entry.pattern)) continue;
    unmatchedAddress(`resource_usage["${entry.pattern}"]`, entry.pattern, entry.line, 'its usage values are');
  }
  let carried: Set<string> | undefined;
  for (const entry of usage.hours ?? []) {
    if (entry.by === 'address') {
      if (!matches(entry.pattern))
        unmatchedAddress(
          `monthly_hours.resources["${entry.pattern}"]`,
          entry.pattern,
          entry.line,
          'its monthly hours are',
        );
      continue;
    }
    carried ??= tagKeys(resources);
    if (carried.has(entry.pattern)) {
      findings.push(...unmatchedTagValues(entry, resources, file));
      continue;
    }
    const near = closest(entry.pattern, [...carried]);
    findings.push(
      finding(
        'usage.unmatched',
        { file, line: entry.line, origin: file },
        `monthly_hours.tags.${entry.pattern}`,
        near ? 'warn' : 'info',
        `no resource in this run has a tag "${entry.pattern}"${near ? ` (did you mean "${near}"?)` : ''}: its monthly hours are not used`,
        near
          ? `Tag keys are matched exactly: use "${near}" if that is the key meant.`
          : 'Nothing to do if the key is for another stack that shares the usage file; otherwise correct it.',
      ),
    );
  }
  return findings;
}

/**
 * Values of a carried tag key that no resource has, when one is a near miss of a value some resource
 * has (`prd` for `prod`): those resources silently keep 730 hours. Values far from any (a shared file's
 * `staging` in a stack with only `prod`) are another stack's, and say nothing.
 */
function unmatchedTagValues(entry: HoursEntry, resources: readonly Resource[], file: string): Finding[] {
  const carried = new Set<string>();
  for (const r of resources) {
    const known = r.tags?.known ?? {};
    if (Object.hasOwn(known, entry.pattern)) carried.add(known[entry.pattern] as string);
    const before = r.tagsBefore ?? {};
    if (Object.hasOwn(before, entry.pattern)) carried.add(before[entry.pattern] as string);
  }
  const findings: Finding[] = [];
  for (const { value, line } of entry.values ?? []) {
    if (carried.has(value)) continue;
    const near = closest(value, [...carried], value.length <= 4 ? 1 : 2);
    if (!near) continue;
    findings.push(
      finding(
        'usage.unmatched',
        { file, line: line ?? entry.line, origin: file },
        `monthly_hours.tags.${entry.pattern}.${value}`,
        'warn',
        `no resource in this run has ${entry.pattern}=${value} (did you mean "${near}"?): its monthly hours are not used`,
        `Tag values are matched exactly: use "${near}" if that is the value meant.`,
      ),
    );
  }
  return findings;
}

/** `module.a[0].aws_x.y["k"]` → `module.a.aws_x.y`. */
function withoutKeys(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

/** Every tag key any resource has, on either side, known value or not. */
function tagKeys(resources: readonly Resource[]): Set<string> {
  const keys = new Set<string>();
  for (const r of resources) {
    if (r.tags) {
      for (const key of Object.keys(r.tags.known)) keys.add(key);
      for (const key of r.tags.unknown) keys.add(key);
      for (const key of r.tags.sensitive) keys.add(key);
    }
    for (const key of Object.keys(r.tagsBefore ?? {})) keys.add(key);
  }
  return keys;
}

/**
 * Usage values given for a resource, of keys its type reads, that its pricer did not read for it:
 * the component they price is not in its bill as planned (point-in-time recovery off, a provisioned
 * DynamoDB table given request units, an instance not in unlimited mode given CPU credits). Only the
 * resource's own `resource_usage` entry is checked: a type default is meant for whichever resources
 * of the type use it. Call after the costs are planned (Usage.readKeys); `costs[i]` is
 * `resources[i]`'s, and resources whose cost is not priced at all are skipped, their status says why.
 */
export function unusedUsage(
  usage: Usage,
  resources: readonly Resource[],
  costs: readonly (ResourceCost | undefined)[],
): Finding[] {
  const file = usage.file;
  if (!file || !usage.entryFor || !usage.readKeys) return [];
  const findings: Finding[] = [];
  for (const [i, resource] of resources.entries()) {
    const status = costs[i]?.status;
    if (status !== 'priced' && status !== 'partial') continue;
    const entry = usage.entryFor(resource);
    const meanings = pricerFor(resource.type)?.usage;
    if (!entry || !meanings) continue;
    const read = usage.readKeys(resource);
    const unused = entry.keys.filter((key) => Object.hasOwn(meanings, key) && !read.has(key));
    if (unused.length === 0) continue;
    const first = unused[0] as string;
    const keys = unused.join(', ');
    const them = unused.length > 1 ? 'them' : 'it';
    // A component known only after apply may be the one the value would price (PITR unknown).
    const cost = costs[i];
    const unknown = [
      ...new Set(
        [...(cost?.after?.components ?? []), ...(cost?.before?.components ?? [])]
          .filter((c) => c.state === 'unknown')
          .map((c) => c.name),
      ),
    ];
    const meaning = unused.map((key) => `${key} is ${meanings[key] ?? 'a usage value'}`).join('; ');
    findings.push(
      finding(
        'usage.unused',
        { file, line: entry.keyLines?.[first] ?? entry.line, origin: resource.origin.path },
        resource.address,
        'info',
        // Whether its bill bills it otherwise (an annotation that wins) is not known here: say only
        // that no line as planned reads it.
        unknown.length === 0
          ? `the usage file gives ${keys} for ${resource.address}, but no line of its bill as planned uses ${them}: not used`
          : `the usage file gives ${keys} for ${resource.address}, but no line of its bill as planned uses ${them}; ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} known only after apply, which may change that`,
        `${meaning}. Nothing to do if the configuration is as intended; otherwise check the setting that component depends on.`,
      ),
    );
  }
  return findings;
}

/** A finding located at its usage-file line; `origin` is the input its address belongs to. */
function finding(
  rule: 'usage.unmatched' | 'usage.unused',
  at: { file: string; line: number | undefined; origin: string },
  address: string,
  severity: Severity,
  message: string,
  fix: string,
): Finding {
  const f: Finding = { rule, severity, address, message, fix, origin: at.origin };
  f.source = at.line === undefined ? { file: at.file } : { file: at.file, line: at.line };
  return f;
}
