import { AttrView, UNKNOWN, type Unknown } from '../../../attributes.ts';
import type { Resource } from '../../../../model/resource.ts';
import type { PricerInput } from '../../types.ts';

/**
 * Whether the resource's configuration sets `attribute`, or undefined when the input carries no
 * configuration. A computed attribute the configuration leaves out is unknown in the plan only
 * because the API picks it, which lets a pricer apply the API's documented default.
 */
export function configures(resource: Resource, attribute: string): boolean | undefined {
  const expressions = resource.config?.expressions;
  if (expressions === null || typeof expressions !== 'object') return undefined;
  return Object.hasOwn(expressions, attribute);
}

/**
 * A value that is unknown only because the configuration leaves it to the API becomes `fallback`
 * (the API's documented default); one the configuration sets, or that no configuration explains,
 * stays UNKNOWN.
 */
export function orDefault<T>(
  value: T | Unknown | undefined,
  resource: Resource,
  attribute: string,
  fallback: T,
): T | Unknown {
  if (value === undefined) return fallback;
  if (value === UNKNOWN && configures(resource, attribute) === false) return fallback;
  return value;
}

/** One side of another resource: its `before` when pricing the before side, else its `after`. */
export function sideOf(resource: Resource, side: 'before' | 'after'): AttrView {
  if (side === 'before' && resource.before) return AttrView.of(resource.before);
  if (resource.after) return AttrView.of(resource.after, resource.afterUnknown);
  return AttrView.of(resource.before);
}

/**
 * The resource of one of `types` that the expression of `attribute` refers to
 * (`cluster_identifier = aws_rds_cluster.main.id`), in the same module of the same input.
 */
export function referenced(
  input: PricerInput,
  attribute: string,
  types: readonly string[],
): Resource | undefined {
  const { resource, lookup } = input;
  const expressions = resource.config?.expressions as Record<string, unknown> | undefined;
  const expression = expressions?.[attribute] as { references?: unknown } | undefined;
  const references = Array.isArray(expression?.references) ? expression.references : [];
  for (const reference of references) {
    if (typeof reference !== 'string') continue;
    const match = /^([a-z0-9_]+)\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?/.exec(reference);
    if (!match || !types.includes(match[1] as string)) continue;
    const address = resource.module ? `${resource.module}.${match[0]}` : match[0];
    const found = lookup.byAddress(address, resource.origin.path);
    if (found) return found;
  }
  return undefined;
}

/** The resource of one of `types` in the same input whose `attribute` equals `value` on the same side. */
export function byValue(
  input: PricerInput,
  types: readonly string[],
  attribute: string,
  value: string,
): Resource | undefined {
  const { resource, side } = input;
  for (const type of types) {
    const found = input.lookup
      .ofType(type, resource.origin.path)
      .find((other) => other !== resource && sideOf(other, side).str(attribute) === value);
    if (found) return found;
  }
  return undefined;
}
