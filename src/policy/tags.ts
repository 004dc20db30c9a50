import type { Finding, Severity } from '../model/finding.ts';
import type { TagPolicy, TagRequirement } from '../model/policy.ts';
import type { EffectiveTags, Resource, SourceLocation } from '../model/resource.ts';
import { matchesGlobs } from '../util/glob.ts';
import { closest } from '../util/similar.ts';
import { inScope, type ScopeOptions } from './scope.ts';

export interface TagCheck {
  findings: Finding[];
  /** Resources the taxonomy was applied to. */
  checked: Set<Resource>;
}

/**
 * One set of tags the taxonomy applies to. A cloud resource has one, its tags; a Kubernetes workload
 * may have several label sets (the object's, its pod template's), each checked on its own.
 */
export interface TagSet {
  tags: EffectiveTags;
  /** Labels: the label key each taxonomy key is stored under, and where the labels are written. */
  labels?: {
    keyFor(key: string): string;
    /** `metadata.labels`, `spec.template.metadata.labels`. */
    path: string;
    /** A pod or claim template: selectors match it, and must not be what a fix changes. */
    template: boolean;
  };
  /** Where findings about this set point, when not at the resource. */
  source?: SourceLocation;
}

/** The tag sets of a resource; none when it cannot carry tags. */
export type TagSetsOf = (resource: Resource) => TagSet[];

const ownTags: TagSetsOf = (resource) => (resource.tags ? [{ tags: resource.tags }] : []);

/** Applies the tagging taxonomy to every in-scope resource that supports tags. */
export function checkTags(
  resources: readonly Resource[],
  policy: TagPolicy,
  scope: ScopeOptions,
  tagSetsOf: TagSetsOf = ownTags,
): TagCheck {
  const findings: Finding[] = [];
  const checked = new Set<Resource>();
  // A plan repeats a few types many times: decide applies_to/exclude once per type.
  const applies = new Map<string, boolean>();
  // default_tags that cannot be resolved are reported once per provider, not on every resource.
  const unresolvedProviders = new Map<string, { origin: string; resources: Set<string> }>();
  for (const resource of resources) {
    if (!inScope(resource, scope) || !typeApplies(resource.type, policy, applies)) continue;
    const sets = tagSetsOf(resource);
    if (sets.length === 0) continue;
    checked.add(resource);
    for (const set of sets) {
      for (const requirement of policy.required) {
        const finding = checkRequirement(resource, set, requirement, policy);
        if (finding === 'default-tags-unresolved') {
          const provider = set.tags.unresolvedDefaultsFrom ?? resource.provider;
          const key = `${resource.origin.path}\0${provider}`;
          const entry = unresolvedProviders.get(key) ?? {
            origin: resource.origin.path,
            resources: new Set(),
          };
          entry.resources.add(resource.address);
          unresolvedProviders.set(key, entry);
        } else if (finding) {
          findings.push(finding);
        }
      }
    }
  }
  if (policy.onUnknown !== 'pass') {
    for (const [key, { origin, resources: affected }] of unresolvedProviders) {
      const count = affected.size;
      const provider = key.slice(key.indexOf('\0') + 1);
      findings.push({
        rule: 'tags.unknown',
        severity: policy.onUnknown,
        address: `provider.${provider}`,
        origin,
        message:
          `default_tags of provider "${provider}" are not a constant in the plan, so required tags they may add ` +
          `cannot be checked on ${count} resource${count === 1 ? '' : 's'} whose tags_all is unknown until apply`,
        fix: 'Give default_tags literal values (or a variable), or set the required tags on the resources themselves.',
      });
    }
  }
  return { findings, checked };
}

function typeApplies(type: string, policy: TagPolicy, memo: Map<string, boolean>): boolean {
  let applies = memo.get(type);
  if (applies === undefined) {
    applies =
      !(policy.appliesTo && !matchesGlobs(policy.appliesTo, type)) &&
      !(policy.exclude.length > 0 && matchesGlobs(policy.exclude, type));
    memo.set(type, applies);
  }
  return applies;
}

function checkRequirement(
  resource: Resource,
  set: TagSet,
  req: TagRequirement,
  policy: TagPolicy,
): Finding | 'default-tags-unresolved' | undefined {
  const tags = set.tags;
  const labels = set.labels;
  // Labels are found under their mapped key; messages keep the taxonomy's key and add the label's.
  const stored = labels ? labels.keyFor(req.key) : req.key;
  const where = labels ? ` (label "${stored}" in ${labels.path})` : '';
  const noun = labels ? `label "${stored}"` : `tag "${req.key}"`;
  const finding = (rule: string, severity: Severity, message: string, fix: string): Finding => {
    const f: Finding = {
      rule,
      severity,
      address: resource.address,
      message: message + where,
      fix,
      origin: resource.origin.path,
    };
    const source = set.source ?? resource.source;
    if (source) f.source = source;
    return f;
  };
  const key = req.key;
  const unknownFinding = (message: string): Finding | undefined =>
    policy.onUnknown === 'pass'
      ? undefined
      : finding(
          'tags.unknown',
          policy.onUnknown,
          message,
          `It will be checked once known; set "${key}" to a value known at plan time to check it now.`,
        );

  const why = tags.unknownWhy?.[stored];
  if (tags.unknown.includes(stored)) {
    return unknownFinding(
      why
        ? `tag "${key}" is not known (${why}), so it cannot be checked yet`
        : `tag "${key}" is known only after apply, so it cannot be checked yet`,
    );
  }
  const value = Object.hasOwn(tags.known, stored) ? tags.known[stored] : undefined;
  if (value === undefined) {
    if (tags.allUnknown) {
      const whyAll = tags.unknownWhy?.['*'];
      return unknownFinding(
        whyAll
          ? `tags are not known (${whyAll}), so "${key}" cannot be checked yet`
          : `tags are computed at apply time, so "${key}" cannot be checked yet`,
      );
    }
    if (tags.unresolvedDefaultsFrom) return 'default-tags-unresolved';
    const lookalike = Object.keys(tags.known).find((k) => normalizeKey(k) === normalizeKey(stored));
    if (lookalike !== undefined) {
      return finding(
        'tags.required',
        req.severity,
        `missing required tag "${key}" (found "${lookalike}": ${labels ? 'label' : 'tag'} keys are case- and spelling-sensitive)`,
        `Rename ${labels ? 'label' : 'tag'} "${lookalike}" to "${stored}"${labels ? ` in ${labels.path}` : ''}.`,
      );
    }
    return finding(
      'tags.required',
      req.severity,
      `missing required tag "${key}"`,
      labels ? addLabelFix(stored, labels, req) : addTagFix(tags, req),
    );
  }
  if (value.trim() === '') {
    return finding(
      'tags.required',
      req.severity,
      `required tag "${key}" is empty`,
      `Give ${noun} a value${valueHint(req)}.`,
    );
  }
  const shown = tags.sensitive.includes(stored) ? '(sensitive value)' : JSON.stringify(value);
  if (req.allowed && !isAllowed(value, req)) {
    const nearest = tags.sensitive.includes(stored) ? undefined : closest(value, req.allowed);
    return finding(
      'tags.allowed',
      req.severity,
      `tag "${key}" is ${shown}, which is not an allowed value`,
      `Use one of: ${req.allowed.join(', ')}${nearest ? ` (did you mean "${nearest}"?)` : ''}.`,
    );
  }
  if (req.pattern && !req.pattern.test(value)) {
    const source = req.patternText ?? req.pattern.source;
    return finding(
      'tags.pattern',
      req.severity,
      `tag "${key}" is ${shown}, which does not match ${source}`,
      `Set ${labels ? noun : `"${key}"`} to a value matching ${source}${req.description ? ` (${req.description})` : ''}.`,
    );
  }
  return undefined;
}

function isAllowed(value: string, req: TagRequirement): boolean {
  if (!req.allowed) return true;
  if (!req.ignoreCase) return req.allowed.includes(value);
  const lower = value.toLowerCase();
  return req.allowed.some((a) => a.toLowerCase() === lower);
}

function addTagFix(tags: EffectiveTags, req: TagRequirement): string {
  const hint = valueHint(req);
  if (tags.carrier === 'asg-tag-blocks') {
    return `Add a block tag { key = "${req.key}", value = "...", propagate_at_launch = true }${hint} (provider default_tags do not reach autoscaling groups).`;
  }
  if (tags.carrier === 'labels') return `Add the label "${req.key}"${hint}.`;
  return `Add "${req.key}" to the resource's tags or the provider's default_tags${hint}.`;
}

function addLabelFix(label: string, labels: NonNullable<TagSet['labels']>, req: TagRequirement): string {
  // A template's labels are what pods get; the selector already matches them and must not change.
  const selector = labels.template ? '; leave the selector as it is' : '';
  return `Add the label "${label}" to ${labels.path}${valueHint(req)}${selector}.`;
}

function valueHint(req: TagRequirement): string {
  const parts: string[] = [];
  if (req.allowed) parts.push(`one of: ${req.allowed.join(', ')}`);
  if (req.patternText) parts.push(`matching ${req.patternText}`);
  if (req.description) parts.push(req.description);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s_.:/-]/g, '');
}
