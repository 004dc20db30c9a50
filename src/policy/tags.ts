import type { Finding, Severity } from '../model/finding.ts';
import type { TagPolicy, TagRequirement } from '../model/policy.ts';
import type { EffectiveTags, Resource } from '../model/resource.ts';
import { matchesGlobs } from '../util/glob.ts';
import { closest } from '../util/similar.ts';
import { inScope, type ScopeOptions } from './scope.ts';

export interface TagCheck {
  findings: Finding[];
  /** Resources the taxonomy was applied to. */
  checked: Set<Resource>;
}

/** Applies the tagging taxonomy to every in-scope resource that supports tags. */
export function checkTags(resources: readonly Resource[], policy: TagPolicy, scope: ScopeOptions): TagCheck {
  const findings: Finding[] = [];
  const checked = new Set<Resource>();
  // A plan repeats a few types many times: decide applies_to/exclude once per type.
  const applies = new Map<string, boolean>();
  // default_tags that cannot be resolved are reported once per provider, not on every resource.
  const unresolvedProviders = new Map<string, { origin: string; resources: Set<string> }>();
  for (const resource of resources) {
    const tags = resource.tags;
    if (!tags || !inScope(resource, scope) || !typeApplies(resource.type, policy, applies)) continue;
    checked.add(resource);
    for (const requirement of policy.required) {
      const finding = checkRequirement(resource, tags, requirement, policy);
      if (finding === 'default-tags-unresolved') {
        const provider = tags.unresolvedDefaultsFrom ?? resource.provider;
        const key = `${resource.origin.path}\0${provider}`;
        const entry = unresolvedProviders.get(key) ?? { origin: resource.origin.path, resources: new Set() };
        entry.resources.add(resource.address);
        unresolvedProviders.set(key, entry);
      } else if (finding) {
        findings.push(finding);
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
  tags: EffectiveTags,
  req: TagRequirement,
  policy: TagPolicy,
): Finding | 'default-tags-unresolved' | undefined {
  const finding = (rule: string, severity: Severity, message: string, fix: string): Finding => {
    const f: Finding = {
      rule,
      severity,
      address: resource.address,
      message,
      fix,
      origin: resource.origin.path,
    };
    if (resource.source) f.source = resource.source;
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

  const why = tags.unknownWhy?.[key];
  if (tags.unknown.includes(key)) {
    return unknownFinding(
      why
        ? `tag "${key}" is not known (${why}), so it cannot be checked yet`
        : `tag "${key}" is known only after apply, so it cannot be checked yet`,
    );
  }
  const value = Object.hasOwn(tags.known, key) ? tags.known[key] : undefined;
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
    const lookalike = Object.keys(tags.known).find((k) => normalizeKey(k) === normalizeKey(key));
    if (lookalike !== undefined) {
      return finding(
        'tags.required',
        req.severity,
        `missing required tag "${key}" (found "${lookalike}": tag keys are case- and spelling-sensitive)`,
        `Rename tag "${lookalike}" to "${key}".`,
      );
    }
    return finding('tags.required', req.severity, `missing required tag "${key}"`, addTagFix(tags, req));
  }
  if (value.trim() === '') {
    return finding(
      'tags.required',
      req.severity,
      `required tag "${key}" is empty`,
      `Give tag "${key}" a value${valueHint(req)}.`,
    );
  }
  const shown = tags.sensitive.includes(key) ? '(sensitive value)' : JSON.stringify(value);
  if (req.allowed && !isAllowed(value, req)) {
    const nearest = tags.sensitive.includes(key) ? undefined : closest(value, req.allowed);
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
      `Set "${key}" to a value matching ${source}${req.description ? ` (${req.description})` : ''}.`,
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
