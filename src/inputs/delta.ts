/**
 * The change between two evaluations of the same configuration (`--base-ref`): resources matched by
 * address. In both and different → update; the same → no-op; only at the base → delete; only now →
 * create. Without a provider schema tollgate cannot tell which changes force a replacement, so those
 * are updates too.
 */
import type { Resource } from '../model/resource.ts';
import { valuesEqual, type Value } from './hcl/value.ts';

/** `identity` names the same object at both sides: the address, unless the input knows better. */
export function diffResources(
  base: readonly Resource[],
  head: readonly Resource[],
  identity: (r: Resource) => string = (r) => r.address,
): Resource[] {
  const before = new Map(base.map((r) => [identity(r), r]));
  const out: Resource[] = [];
  for (const r of head) {
    const old = before.get(identity(r));
    if (!old) {
      out.push(r);
      continue;
    }
    before.delete(identity(r));
    const same =
      valuesEqual(r.after as Value, old.after as Value) &&
      valuesEqual(r.afterUnknown as Value, old.afterUnknown as Value);
    const changed: Resource = {
      ...r,
      action: same ? 'no-op' : 'update',
      before: old.after,
      beforeSensitive: old.afterSensitive,
    };
    if (old.tags) changed.tagsBefore = old.tags.known;
    out.push(changed);
  }
  for (const old of before.values()) {
    const deleted: Resource = {
      ...old,
      action: 'delete',
      before: old.after,
      after: null,
      afterUnknown: {},
      beforeSensitive: old.afterSensitive,
      afterSensitive: {},
    };
    delete deleted.tags;
    if (old.tags) deleted.tagsBefore = old.tags.known;
    out.push(deleted);
  }
  return out;
}
