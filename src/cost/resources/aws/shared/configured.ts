import type { Resource } from '../../../../model/resource.ts';
import { isConfigured, leftToDefault } from './references.ts';

type Path = readonly (string | number)[];

/**
 * Whether the configuration leaves an attribute of one block unset, so that a value the plan marks
 * unknown there is the default AWS fills in at apply (gp3's 3,000 IOPS), not an expression's result.
 */
export type LeftUnset = (attribute: string) => boolean;

/** Nothing can be said (no configuration, or a block it does not write out): every value may be set. */
export const NOTHING_UNSET: LeftUnset = () => false;

/**
 * For the block at `block` (`['root_block_device', 0]`; `[]` for the resource itself). A block the
 * configuration does not write out, as a `dynamic` block, tells nothing about its attributes.
 */
export function unsetIn(resource: Resource | undefined, block: Path): LeftUnset {
  if (!resource || isConfigured(resource, block) !== true) return NOTHING_UNSET;
  return (attribute) => leftToDefault(resource, [...block, attribute]);
}

/**
 * For a block of a set (`ebs_block_device`), whose order in the plan need not be the order of the
 * configuration: the configured block with the same device name; when none is found by name, an
 * attribute is unset only if every configured block of that type leaves it unset.
 */
export function unsetInDevice(resource: Resource | undefined, name: string, deviceName: unknown): LeftUnset {
  const blocks = field(resource?.config?.expressions, name);
  if (!resource || !Array.isArray(blocks) || blocks.length === 0) return NOTHING_UNSET;
  const index = blocks.findIndex((b) => field(field(b, 'device_name'), 'constant_value') === deviceName);
  if (typeof deviceName === 'string' && index >= 0) return unsetIn(resource, [name, index]);
  const each = blocks.map((_, i) => unsetIn(resource, [name, i]));
  return (attribute) => each.every((unset) => unset(attribute));
}

function field(node: unknown, key: string): unknown {
  if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
  return (node as Record<string, unknown>)[key];
}
