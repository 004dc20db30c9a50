/**
 * `forbidden:`: resource types, instance types and regions a change may not use. An entry forbids
 * a resource that matches every criterion it gives (globs, `!` negating), so
 * `{resource_types: ["aws_instance"], regions: ["us-*"]}` is "no instances in the US".
 */
import { UNKNOWN } from '../cost/attributes.ts';
import { PolicyError } from '../errors.ts';
import type { Finding } from '../model/finding.ts';
import type { ForbiddenEntry } from '../model/policy.ts';
import type { Resource } from '../model/resource.ts';
import { matchesGlobs } from '../util/glob.ts';
import { entrySettings, resourceFinding } from './entries.ts';
import { hasInstanceTypes, instanceTypes } from './instance-types.ts';
import { inScope, type ScopeOptions } from './scope.ts';
import type { ParsedYamlFile } from './validate.ts';

export function compileForbidden(f: ParsedYamlFile): ForbiddenEntry[] {
  const raw = (f.data.forbidden as Record<string, unknown>[] | undefined) ?? [];
  return raw.map((entry, i) => {
    const path = ['forbidden', i];
    const compiled: ForbiddenEntry = { name: entry.name as string, ...entrySettings(f, entry, path) };
    const lists = ['resource_types', 'instance_types', 'regions'] as const;
    for (const key of lists) {
      const globs = entry[key] as string[] | undefined;
      if (globs === undefined) continue;
      if (globs.length === 0)
        throw new PolicyError(
          f.file,
          `forbidden[${i}].${key} is empty; list globs, or leave it out`,
          f.lineOf([...path, key]),
        );
      if (key === 'resource_types') compiled.resourceTypes = globs;
      else if (key === 'instance_types') compiled.instanceTypes = globs;
      else compiled.regions = globs;
    }
    if (!compiled.resourceTypes && !compiled.instanceTypes && !compiled.regions)
      throw new PolicyError(
        f.file,
        `forbidden[${i}] (${compiled.name}) forbids nothing: give resource_types, instance_types or regions`,
        compiled.at.line,
      );
    if (typeof entry.message === 'string') compiled.message = entry.message;
    if (typeof entry.fix === 'string') compiled.fix = entry.fix;
    return compiled;
  });
}

export interface ForbiddenCheck {
  findings: Finding[];
  /** Entries some resource of the inputs had what they look at (the type, an instance type, a region). */
  matched: Set<ForbiddenEntry>;
}

/** One criterion on one resource: matched (and what matched), not matched, undecidable, or not applicable. */
type Outcome =
  | { kind: 'match'; what: string; plural?: boolean }
  | { kind: 'no' }
  | { kind: 'unknown'; why: string }
  | { kind: 'n/a' };

export function checkForbidden(
  resources: readonly Resource[],
  entries: readonly ForbiddenEntry[],
  options: ScopeOptions & { defaultRegion?: string },
): ForbiddenCheck {
  const findings: Finding[] = [];
  const matched = new Set<ForbiddenEntry>();
  for (const entry of entries) {
    for (const resource of resources) {
      const outcomes = criteria(entry, resource, options.defaultRegion);
      // The entry looks at this resource when its type is selected and it has what the entry checks.
      const typeMiss = entry.resourceTypes !== undefined && outcomes[0]?.kind === 'no';
      if (typeMiss || outcomes.some((o) => o.kind === 'n/a')) continue;
      matched.add(entry);
      if (!inScope(resource, options) || outcomes.some((o) => o.kind === 'no')) continue;
      const rule = `forbidden.${entry.name}`;
      const unknown = outcomes.flatMap((o) => (o.kind === 'unknown' ? [o.why] : []));
      if (unknown.length > 0) {
        if (entry.onUnknown === 'pass') continue;
        findings.push(
          resourceFinding(
            resource,
            rule,
            entry.onUnknown,
            `cannot be decided whether ${entry.name} forbids it: ${unknown.join('; ')}`,
            { indeterminate: true, fix: entry.fix },
          ),
        );
        continue;
      }
      const matches = outcomes.flatMap((o) => (o.kind === 'match' ? [o] : []));
      const verb = matches.length === 1 && matches[0]?.plural ? 'are' : 'is';
      const what = matches.map((o) => o.what).join(', ');
      const message = `${what} ${verb} forbidden${entry.message ? `: ${entry.message}` : ` (${entry.name})`}`;
      findings.push(resourceFinding(resource, rule, entry.severity, message, { fix: entry.fix }));
    }
  }
  return { findings, matched };
}

/** The outcome of each criterion the entry gives, resource types first. */
function criteria(entry: ForbiddenEntry, resource: Resource, defaultRegion: string | undefined): Outcome[] {
  const out: Outcome[] = [];
  if (entry.resourceTypes) {
    out.push(
      matchesGlobs(entry.resourceTypes, resource.type)
        ? { kind: 'match', what: `resource type ${resource.type}` }
        : { kind: 'no' },
    );
  }
  if (entry.instanceTypes) out.push(instanceOutcome(entry.instanceTypes, resource));
  if (entry.regions) out.push(regionOutcome(entry.regions, resource, defaultRegion));
  return out;
}

function instanceOutcome(globs: string[], resource: Resource): Outcome {
  if (!hasInstanceTypes(resource.type)) return { kind: 'n/a' };
  const values = instanceTypes(resource);
  const hits = [
    ...new Set(values.flatMap((v) => (v.value !== UNKNOWN && matchesGlobs(globs, v.value) ? [v.value] : []))),
  ];
  if (hits.length > 0)
    return {
      kind: 'match',
      what: `instance type${hits.length > 1 ? 's' : ''} ${hits.map((h) => `"${h}"`).join(', ')}`,
      plural: hits.length > 1,
    };
  const unknown = values.filter((v) => v.value === UNKNOWN).map((v) => v.attribute);
  if (unknown.length > 0)
    return {
      kind: 'unknown',
      why: `${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} known only after apply`,
    };
  return { kind: 'no' };
}

function regionOutcome(globs: string[], resource: Resource, defaultRegion: string | undefined): Outcome {
  const region = resource.region ?? defaultRegion;
  if (region === undefined) {
    // tollgate reads regions of AWS resources only; other providers' resources have none to check.
    return resource.provider === 'aws'
      ? {
          kind: 'unknown',
          why: 'its region is not known (give the provider a constant region, or set pricing.default_region in the policy)',
        }
      : { kind: 'n/a' };
  }
  if (!matchesGlobs(globs, region)) return { kind: 'no' };
  const fromDefault = resource.region === undefined ? ' (pricing.default_region)' : '';
  return { kind: 'match', what: `region "${region}"${fromDefault}` };
}
