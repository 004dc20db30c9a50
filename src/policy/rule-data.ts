/**
 * What a json-logic rule sees of one resource:
 * `{ address, type, action, region, before, after, tags, cost: { monthly_before, monthly_after,
 * monthly_delta, status } }`. Values known only after apply are `Unknown` where the value would be,
 * so a rule that reads one is undecidable rather than silently passing on a null.
 */
import { toJsonNumber } from '../cost/money.ts';
import type { CostSide, ResourceCost } from '../model/cost.ts';
import type { Resource } from '../model/resource.ts';
import { OTHER_KEYS, Unknown } from './json-logic.ts';

/**
 * Every `cost.*` value with --no-cost: a rule that reads one is not evaluated (a note, as budgets
 * are), not undecided — the user turned cost off; nothing is unknown about the change.
 */
export const COST_OFF = new Unknown('cost estimation is turned off (--no-cost)');

export interface RuleDataOptions {
  /** Region for resources whose input does not say (the policy's pricing.default_region). */
  defaultRegion?: string;
  /** False with --no-cost: every cost is unknown. */
  costed: boolean;
}

export function ruleData(
  resource: Resource,
  cost: ResourceCost | undefined,
  options: RuleDataOptions,
): Record<string, unknown> {
  const region = resource.region ?? options.defaultRegion;
  return {
    address: resource.address,
    type: resource.type,
    action: resource.action,
    region:
      region ??
      new Unknown(
        `the region of ${resource.address} is not known (set pricing.default_region in the policy)`,
      ),
    before: resource.before,
    after: resource.after
      ? withUnknowns(resource.after, resource.afterUnknown, resource.config?.expressions, 'after')
      : null,
    tags: tagData(resource),
    cost: costData(resource, cost, options),
  };
}

/**
 * `after` with `Unknown` at every path `after_unknown` marks, unless the configuration writes a
 * constant there (providers mark whole blocks computed even when each attribute in them is written).
 */
function withUnknowns(value: unknown, unknown: unknown, expressions: unknown, path: string): unknown {
  if (unknown === true) {
    const constant = constantOf(expressions);
    return constant !== undefined ? constant : new Unknown(`${path} is known only after apply`);
  }
  if (unknown === null || typeof unknown !== 'object') return value;
  if (Array.isArray(value) || Array.isArray(unknown)) {
    const values = Array.isArray(value) ? (value as unknown[]) : [];
    const marks = Array.isArray(unknown) ? (unknown as unknown[]) : [];
    const length = Math.max(values.length, marks.length);
    return Array.from({ length }, (_, i) =>
      withUnknowns(values[i], marks[i], step(expressions, i), `${path}.${i}`),
    );
  }
  if (value !== null && value !== undefined && typeof value !== 'object') return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown> | null | undefined) };
  for (const [key, mark] of Object.entries(unknown)) {
    if (mark === false || mark === null) continue;
    // Defined, not assigned: a key named __proto__ in a plan stays data, never a prototype.
    Object.defineProperty(out, key, {
      value: withUnknowns(
        Object.hasOwn(out, key) ? out[key] : undefined,
        mark,
        step(expressions, key),
        `${path}.${key}`,
      ),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function step(node: unknown, key: string | number): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  return Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
}

function constantOf(expressions: unknown): unknown {
  if (expressions === null || typeof expressions !== 'object' || Array.isArray(expressions)) return undefined;
  return Object.hasOwn(expressions, 'constant_value')
    ? (expressions as { constant_value: unknown }).constant_value
    : undefined;
}

function tagData(resource: Resource): unknown {
  const tags = resource.tags;
  if (!tags) return null;
  const why = (key: string): string =>
    tags.unknownWhy?.[key] ?? tags.unknownWhy?.['*'] ?? `tag "${key}" is known only after apply`;
  if (tags.allUnknown && Object.keys(tags.known).length === 0)
    return new Unknown(
      tags.unknownWhy?.['*'] ?? `the tags of ${resource.address} are known only after apply`,
    );
  const out: Record<string, unknown> = { ...tags.known };
  for (const key of tags.unknown)
    Object.defineProperty(out, key, { value: new Unknown(why(key)), enumerable: true });
  if (tags.allUnknown || tags.unresolvedDefaultsFrom !== undefined) {
    // Keys not listed may still come from computed tags or default_tags.
    Object.defineProperty(out, OTHER_KEYS, {
      value: new Unknown(
        tags.unresolvedDefaultsFrom !== undefined
          ? `default_tags of provider "${tags.unresolvedDefaultsFrom}" are known only after apply`
          : `the tags of ${resource.address} are known only after apply`,
      ),
    });
  }
  return out;
}

function costData(
  resource: Resource,
  cost: ResourceCost | undefined,
  options: RuleDataOptions,
): Record<string, unknown> {
  if (!options.costed || !cost)
    return { monthly_before: COST_OFF, monthly_after: COST_OFF, monthly_delta: COST_OFF, status: COST_OFF };
  if (cost.status === 'not-priced') {
    const unpriced = new Unknown(
      `the cost of ${resource.address} is not known (${cost.reason ?? 'not priced by tollgate'})`,
    );
    return {
      monthly_before: unpriced,
      monthly_after: unpriced,
      monthly_delta: unpriced,
      status: 'not-priced',
    };
  }
  const side = (s: CostSide | undefined, total: typeof cost.monthlyAfter, name: string): unknown => {
    if (!s?.incomplete) return toJsonNumber(total);
    const gap = s.components.find((c) => c.state === 'unknown' || c.state === 'not-priced');
    return new Unknown(
      `the monthly cost ${name} of ${resource.address} is only partly known (${gap?.name ?? 'a component'}: ${gap?.reason ?? 'unknown'})`,
    );
  };
  const before = side(cost.before, cost.monthlyBefore, 'before');
  const after = side(cost.after, cost.monthlyAfter, 'after');
  return {
    monthly_before: before,
    monthly_after: after,
    monthly_delta:
      before instanceof Unknown ? before : after instanceof Unknown ? after : toJsonNumber(cost.monthlyDelta),
    status: cost.status,
  };
}
