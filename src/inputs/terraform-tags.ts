import type { Attributes, EffectiveTags } from '../model/resource.ts';

/**
 * Effective tags of a Terraform resource, shared by the plan and HCL inputs. Returns undefined when
 * the resource type has no tags: a type supports tags when its schema has a `tags` attribute, i.e. the
 * key is present (even as null), or, for aws_autoscaling_group, `tag` blocks.
 */
export function effectiveTags(input: {
  type: string;
  after: Attributes;
  afterUnknown: unknown;
  afterSensitive: unknown;
  /** The provider's default_tags: a map, `undefined` when it has none, `'unresolved'` when unknown. */
  defaultTags: Record<string, string> | 'unresolved' | undefined;
  providerKey?: string;
}): EffectiveTags | undefined {
  const { after } = input;
  if (usesTagBlocks(input.type, after)) return tagBlocks(after, input.afterUnknown, input.afterSensitive);
  if (!Object.hasOwn(after, 'tags')) return undefined;

  const unknownOwn = field(input.afterUnknown, 'tags');
  const unknownAll = field(input.afterUnknown, 'tags_all');
  const sensitive = sensitiveKeys(input.afterSensitive, ['tags', 'tags_all'], after);
  const result: EffectiveTags = { known: {}, unknown: [], allUnknown: false, sensitive, carrier: 'tags' };

  if (unknownOwn === true) result.allUnknown = true;
  const unknownKeys = trueKeys(unknownOwn);

  if (Object.hasOwn(after, 'tags_all') && isPlainObject(after.tags_all) && unknownAll !== true) {
    // tags_all is the provider's own merge of default_tags and tags: exact when known.
    for (const key of trueKeys(unknownAll)) unknownKeys.add(key);
    // Shared with the plan's own object (no copy per resource) unless it must be edited below.
    result.known = unknownKeys.size > 0 ? { ...stringValues(after.tags_all) } : stringValues(after.tags_all);
  } else {
    // One unknown tag makes the provider mark all of tags_all unknown: rebuild it from
    // default_tags and the known part of tags, the resource winning on a clash.
    if (input.defaultTags === 'unresolved') {
      result.unresolvedDefaultsFrom = input.providerKey ?? 'aws';
    } else if (input.defaultTags) {
      Object.assign(result.known, input.defaultTags);
    }
    if (isPlainObject(after.tags)) Object.assign(result.known, stringValues(after.tags));
  }
  for (const key of unknownKeys) delete result.known[key];
  result.unknown = [...unknownKeys];
  return result;
}

/** Known tags of a resource's prior state, for attributing the cost it had. */
export function priorTags(type: string, before: Attributes | null): Record<string, string> | undefined {
  if (!before) return undefined;
  if (usesTagBlocks(type, before)) return tagBlocks(before, undefined, undefined).known;
  if (isPlainObject(before.tags_all)) return stringValues(before.tags_all);
  if (isPlainObject(before.tags)) return stringValues(before.tags);
  return undefined;
}

/** aws_autoscaling_group keeps tags in `tag` blocks (older providers: a `tags` list of maps). */
function usesTagBlocks(type: string, after: Attributes): boolean {
  return type === 'aws_autoscaling_group' && (Object.hasOwn(after, 'tag') || Array.isArray(after.tags));
}

// ASG tag blocks never receive the provider's default_tags, so they are the whole story.
function tagBlocks(after: Attributes, afterUnknown: unknown, afterSensitive: unknown): EffectiveTags {
  const result: EffectiveTags = {
    known: {},
    unknown: [],
    allUnknown: false,
    sensitive: [],
    carrier: 'asg-tag-blocks',
  };
  for (const attr of ['tag', 'tags'] as const) {
    const blocks = after[attr];
    const unknown = field(afterUnknown, attr);
    const sensitive = field(afterSensitive, attr);
    if (unknown === true) result.allUnknown = true;
    if (!Array.isArray(blocks)) continue;
    blocks.forEach((block: unknown, i) => {
      if (!isPlainObject(block)) return;
      const u = field(unknown, i);
      const key = block.key;
      if (typeof key !== 'string' || u === true || field(u, 'key') === true) {
        result.allUnknown = true;
        return;
      }
      if (field(u, 'value') === true) result.unknown.push(key);
      else if (block.value !== null && block.value !== undefined) result.known[key] = scalarText(block.value);
      const s = field(sensitive, i);
      if (s === true || field(s, 'value') === true || sensitive === true) result.sensitive.push(key);
    });
  }
  return result;
}

function sensitiveKeys(afterSensitive: unknown, attrs: string[], after: Attributes): string[] {
  const keys = new Set<string>();
  for (const attr of attrs) {
    const s = field(afterSensitive, attr);
    if (s === true && isPlainObject(after[attr])) for (const k of Object.keys(after[attr])) keys.add(k);
    for (const k of trueKeys(s)) keys.add(k);
  }
  return [...keys];
}

function field(node: unknown, key: string | number): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  return Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
}

function trueKeys(node: unknown): Set<string> {
  const keys = new Set<string>();
  if (isPlainObject(node)) for (const [k, v] of Object.entries(node)) if (v === true) keys.add(k);
  return keys;
}

/** The map itself when every value is already a string (the usual case), else a cleaned copy. */
function stringValues(map: Record<string, unknown>): Record<string, string> {
  let clean = true;
  for (const k in map) {
    if (typeof map[k] !== 'string') {
      clean = false;
      break;
    }
  }
  if (clean) return map as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) if (v !== null && v !== undefined) out[k] = scalarText(v);
  return out;
}

/** Tag values are strings in Terraform; anything else is shown as its JSON rather than `[object Object]`. */
export function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
