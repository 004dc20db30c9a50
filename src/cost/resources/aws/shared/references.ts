import { AttrView, UNKNOWN, type Unknown } from '../../../attributes.ts';
import type { Resource } from '../../../../model/resource.ts';
import { afterApply } from '../../quantity.ts';
import type { PricerInput } from '../../types.ts';

type Path = readonly (string | number)[];

interface Expression {
  constant_value?: unknown;
  references?: string[];
}

/**
 * The expression the configuration writes at `path` (attribute names and block indexes, as in
 * `['launch_template', 0, 'id']`), or undefined when it writes none.
 */
export function configExpression(resource: Resource, path: Path): Expression | undefined {
  let node: unknown = resource.config?.expressions;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  return node;
}

/**
 * Whether the configuration writes `path` (an attribute or a block), or undefined when the input
 * carries no configuration.
 */
export function isConfigured(resource: Resource, path: Path): boolean | undefined {
  let node: unknown = resource.config?.expressions;
  if (node === null || typeof node !== 'object') return undefined;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return true;
}

/**
 * True when the plan has the resource's configuration and it leaves `path` unset: a value unknown
 * there is the default AWS fills in at apply (desired capacity = min size, capacity type on-demand),
 * not the result of an expression. Without a configuration nothing can be said, so false.
 */
export function leftToDefault(resource: Resource, path: Path): boolean {
  return isConfigured(resource, path) === false;
}

/**
 * The value at `path`, with `fallback` (a default AWS or the provider documents) when it is not set,
 * or unknown only because the configuration leaves it to that default.
 */
export function withDefault<T>(
  resource: Resource,
  path: Path,
  value: T | Unknown | undefined,
  fallback: T,
): T | Unknown {
  if (value === undefined) return fallback;
  if (value === UNKNOWN && leftToDefault(resource, path)) return fallback;
  return value;
}

/** An instance key in an address: `[0]`, `["a"]` (a for_each key, with its escapes). */
export const INSTANCE_KEY = String.raw`\[(?:\d+|"(?:[^"\\]|\\.)*")\]`;

const TRAILING_KEY = new RegExp(`(${INSTANCE_KEY})$`);

/** How one attribute of the pricing resource names another resource. */
export interface ReferenceVia {
  /** Where the reference is on this resource: `['launch_template', 0, 'id']`. */
  path: Path;
  /** Whether `target` is what a known value at `path` names (its id, name, ARN ...). */
  names(target: AttrView, value: string): boolean;
}

export type Referenced =
  | { kind: 'found'; address: string; attrs: AttrView; resource: Resource }
  /** A reference is there but cannot be followed: the reason names it. */
  | { kind: 'missing'; reason: string }
  /** The resource names no such resource at any of the paths. */
  | { kind: 'none' };

/**
 * Finds the resource of `type` that this one refers to (an ASG's launch template, a service's task
 * definition) and returns its attributes on the side being priced. A value known at plan time is
 * matched against the plan's resources of that type; a value known only after apply (the target is
 * created in the same plan, so its id is unknown) is followed through the configuration's
 * `references`, which name the target's address relative to this resource's module.
 */
export function followReference(
  input: PricerInput,
  options: { type: string; what: string; via: readonly ReferenceVia[] },
): Referenced {
  let missing: string | undefined;
  for (const via of options.via) {
    const at = pathText(via.path);
    const value = input.attrs.str(via.path);
    if (typeof value === 'string') {
      for (const target of input.lookup.ofType(options.type, input.resource.origin.path)) {
        const attrs = sideOf(target, input.side);
        if (attrs && via.names(attrs, value))
          return { kind: 'found', address: target.address, attrs, resource: target };
      }
      missing ??= `${options.what} "${value}" (${at}) is not in this plan, so its settings cannot be read`;
      continue;
    }
    const refs = configExpression(input.resource, via.path)?.references ?? [];
    if (value === undefined && refs.length === 0) continue;
    const addresses = candidateAddresses(input.resource, options.type, refs);
    for (const address of addresses) {
      const target = input.lookup.byAddress(address, input.resource.origin.path);
      const attrs = target && sideOf(target, input.side);
      if (target && attrs) return { kind: 'found', address, attrs, resource: target };
    }
    if (value === UNKNOWN || refs.length > 0) {
      missing ??=
        refs.length > 0
          ? `${at} refers to ${refs[0] ?? ''}, which is not a resource in this plan`
          : afterApply(at);
    }
  }
  return missing === undefined ? { kind: 'none' } : { kind: 'missing', reason: missing };
}

/** A resource's attributes on one side; an after side that is gone (deleted) falls back to before. */
export function sideOf(target: Resource, side: 'before' | 'after'): AttrView | undefined {
  if (side === 'after' && target.after)
    return AttrView.of(target.after, target.afterUnknown, target.config?.expressions);
  return target.before ? AttrView.of(target.before) : undefined;
}

/**
 * The resource blocks of `type` the references name (`aws_subnet.a`, prefixed with the referring
 * resource's module), each with the instance keys written (`aws_subnet.a[0]`) or, for
 * `aws_subnet.a[count.index]`, the referring resource's own key; no key when none is said.
 */
function namedBlocks(resource: Resource, type: string, refs: readonly string[]): Map<string, Set<string>> {
  const own = TRAILING_KEY.exec(resource.address)?.[1];
  const byInstance = refs.some((r) => r === 'count.index' || r.startsWith('each.'));
  const pattern = new RegExp(`^${type}\\.([A-Za-z_][A-Za-z0-9_-]*)(${INSTANCE_KEY})?`);
  const prefix = resource.module ? `${resource.module}.` : '';
  const blocks = new Map<string, Set<string>>();
  for (const ref of refs) {
    const m = pattern.exec(ref);
    if (!m) continue;
    const base = `${prefix}${type}.${m[1] ?? ''}`;
    const keys = blocks.get(base) ?? new Set<string>();
    blocks.set(base, keys);
    if (m[2]) keys.add(m[2]);
    else if (byInstance && own) keys.add(own);
  }
  return blocks;
}

/** Addresses the references can name, most specific first: each block's instances, then the block. */
function candidateAddresses(resource: Resource, type: string, refs: readonly string[]): string[] {
  return [...namedBlocks(resource, type, refs)].flatMap(([base, keys]) => [
    ...[...keys].map((key) => base + key),
    base,
  ]);
}

function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * The resource of one of `types` that the expression at `path` refers to
 * (`cluster_identifier = aws_rds_cluster.main.id`), in the same module of the same input.
 */
export function referenced(input: PricerInput, path: Path, types: readonly string[]): Resource | undefined {
  const refs = configExpression(input.resource, path)?.references ?? [];
  for (const type of types) {
    for (const address of candidateAddresses(input.resource, type, refs)) {
      const found = input.lookup.byAddress(address, input.resource.origin.path);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Every resource of `type` that the expression at `path` refers to, a counted one's instances
 * included (`aws_subnet.edge[*].id` names all of them); undefined when a reference names one the
 * plan does not hold, so the list would be short.
 */
export function referencedAll(input: PricerInput, path: Path, type: string): Resource[] | undefined {
  const refs = configExpression(input.resource, path)?.references ?? [];
  const blocks = namedBlocks(input.resource, type, refs);
  if (blocks.size === 0) return undefined;
  const origin = input.resource.origin.path;
  const found: Resource[] = [];
  for (const [base, keys] of blocks) {
    const instances =
      keys.size > 0
        ? [...keys].map((key) => input.lookup.byAddress(base + key, origin))
        : instancesOf(input, type, base, origin);
    if (instances.length === 0 || instances.includes(undefined)) return undefined;
    found.push(...(instances as Resource[]));
  }
  return found;
}

/** A block with no instance key said: the resource itself, or every instance of a counted one. */
function instancesOf(input: PricerInput, type: string, base: string, origin: string): Resource[] {
  const block = input.lookup.byAddress(base, origin);
  return block ? [block] : input.lookup.ofType(type, origin).filter((r) => r.address.startsWith(`${base}[`));
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
      // By address, not identity: a pricer may be given a view of the resource, not the object itself.
      .find((other) => other.address !== resource.address && sideOf(other, side)?.str(attribute) === value);
    if (found) return found;
  }
  return undefined;
}
