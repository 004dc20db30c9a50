/**
 * An evaluated resource instance as the one Resource model every input produces, shaped like the
 * plan's: `after` without unknowns, `afterUnknown` marking them, tags through the shared
 * effectiveTags(). Without a provider schema, whether a type carries tags comes from the bundled list.
 */
import { configExpressions } from './expressions.ts';
import type { Finding } from '../../model/finding.ts';
import type { Attributes, Resource } from '../../model/resource.ts';
import { regionOf } from '../terraform-plan.ts';
import { effectiveTags } from '../terraform-tags.ts';
import type { EvaluatedResourceInstance, ModuleInstance } from './module-instance.ts';
import { isObject, planShapes, Unknown, type Value, type ValueObject } from './value.ts';

export function toResource(
  module: ModuleInstance,
  evaluated: EvaluatedResourceInstance,
  origin: string,
  taggable: ReadonlySet<string>,
): Resource {
  const { decl, instance } = evaluated;
  const address = `${module.address ? `${module.address}.` : ''}${decl.type}.${decl.name}${instance.suffix}`;
  const shapes = planShapes(evaluated.attributes);
  const after = shapes.known as Attributes;
  const afterUnknown = (shapes.unknown === false ? {} : shapes.unknown) as Record<string, unknown>;
  if (decl.type === 'aws_autoscaling_group') {
    // Its tags live in `tag` blocks; none written is an empty list, as in the plan.
    if (!Object.hasOwn(after, 'tag') && afterUnknown.tag !== true) after.tag = [];
    else if (afterUnknown.tag === true) after.tag = null;
  } else if (taggable.has(decl.type) && !Object.hasOwn(after, 'tags')) {
    // A taggable type without tags, or with tags unknown as a whole, is still checked.
    after.tags = null;
  }
  const provider = module.providerOf(decl);
  const resource: Resource = {
    address,
    type: decl.type,
    name: decl.name,
    provider: decl.type.split('_')[0] ?? decl.type,
    providerKey: provider.key,
    action: 'create',
    before: null,
    after,
    afterUnknown,
    beforeSensitive: false,
    afterSensitive: {},
    config: { address: decl.type + '.' + decl.name, expressions: configExpressions(decl.body) },
    source: decl.line === undefined ? { file: decl.file } : { file: decl.file, line: decl.line },
    origin: { kind: 'terraform-hcl', path: origin },
  };
  if (module.address) resource.module = module.address;
  const region = regionOf(after, null, provider.region);
  if (region) resource.region = region;
  const tags = effectiveTags({
    type: decl.type,
    after,
    afterUnknown,
    afterSensitive: {},
    defaultTags: provider.defaultTags,
    providerKey: provider.key,
  });
  if (tags) {
    // Default tags whose values are not static are unknown, unless the resource sets them itself.
    const own =
      after.tags !== null && typeof after.tags === 'object' ? (after.tags as Record<string, unknown>) : {};
    for (const key of provider.unknownDefaultTags ?? []) {
      if (tags.carrier !== 'tags' || Object.hasOwn(own, key)) continue;
      if (!tags.unknown.includes(key)) tags.unknown.push(key);
      delete tags.known[key];
    }
    const why = unknownReasons(evaluated.attributes.tags, tags.unknown, provider.unknownDefaultTagReasons);
    if (why) tags.unknownWhy = why;
    resource.tags = tags;
  }
  if (decl.suppressions.length > 0) resource.suppressions = decl.suppressions;
  return resource;
}

/** Why each unknown tag is unknown, from the Unknown values themselves. */
function unknownReasons(
  tags: Value | undefined,
  unknownKeys: string[],
  defaults: Record<string, string> | undefined,
): Record<string, string> | undefined {
  const why: Record<string, string> = {};
  if (tags instanceof Unknown) why['*'] = tags.reason;
  for (const key of unknownKeys) {
    const v = isObject(tags ?? null) ? (tags as ValueObject)[key] : undefined;
    const reason = v instanceof Unknown ? v.reason : defaults?.[key];
    if (reason) why[key] = reason;
  }
  return Object.keys(why).length > 0 ? why : undefined;
}

/** Notes about one resource instance: unknown instances, expressions that could not be evaluated. */
export function instanceNotes(resource: Resource, evaluated: EvaluatedResourceInstance): Finding[] {
  const notes: Finding[] = [];
  const base = {
    address: resource.address,
    origin: resource.origin.path,
    ...(resource.source ? { source: resource.source } : {}),
  };
  const { expansion } = evaluated;
  if (expansion.unknown) {
    const meta = expansion.mode === 'count' ? 'count' : 'for_each';
    notes.push({
      ...base,
      rule: 'hcl.instances-unknown',
      severity: 'info',
      message: `${meta} is not known statically (${expansion.unknown.reason}), so how many instances there will be is unknown; checked as one instance, ${resource.address}`,
      fix: `Give ${meta} a value known without a plan (a literal, a variable with a value, or locals built from them).`,
    });
  }
  if (evaluated.errors.length > 0) {
    const more = evaluated.errors.length > 1 ? ` (and ${evaluated.errors.length - 1} more)` : '';
    notes.push({
      ...base,
      rule: 'hcl.unevaluated',
      severity: 'warn',
      message: `an expression cannot be evaluated: ${evaluated.errors[0] ?? ''}${more}; its value is treated as unknown`,
      fix: 'Terraform would reject this expression too; fix it, or check it with `terraform validate`.',
    });
  }
  return notes;
}
