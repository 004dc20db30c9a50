import { AttrView } from '../../../attributes.ts';
import type { Resource } from '../../../../model/resource.ts';
import type { PricerInput } from '../../types.ts';
import { configExpression, INSTANCE_KEY } from './references.ts';

export interface Listener {
  address: string;
  attrs: AttrView;
}

export interface Listeners {
  found: Listener[];
  /**
   * Addresses of the found listeners that name the load balancer's resource but not which of its
   * instances (`aws_lb.x[var.primary]`): counted for each instance, which the note must say.
   */
  unpaired: string[];
  /** The load balancer's resource (`module.a.aws_lb.x`) and how many instances it has on this side. */
  resource: string;
  instances: number;
}

const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];
const LOAD_BALANCER = /^aws_a?lb\./;
const ADDRESS_AND_KEY = new RegExp(`^(.*?)(${INSTANCE_KEY})?$`);

/** `aws_lb.x[0]` (relative to its module) as the resource `aws_lb.x` and the instance key `[0]`. */
function splitAddress(resource: Resource): { name: string; key?: string } {
  const local = resource.module ? resource.address.slice(resource.module.length + 1) : resource.address;
  const m = ADDRESS_AND_KEY.exec(local) as RegExpExecArray;
  return m[2] === undefined ? { name: m[1] as string } : { name: m[1] as string, key: m[2] };
}

/**
 * The listeners of the load balancer being priced, on the same side: matched by its ARN, or, when
 * that is known only after apply, by the configuration's references from the same module. Terraform
 * lists a reference with its static steps (`aws_lb.x[0].arn`, `aws_lb.x[0]`, `aws_lb.x`); an index
 * it evaluates later leaves only `aws_lb.x` and the index's own references (`count.index`).
 */
export function listenersOf(input: PricerInput): Listeners {
  const { resource, side } = input;
  const arn = input.attrs.str('arn');
  const lb = splitAddress(resource);
  const keysOf = instanceKeys(input);
  const lbKeys = keysOf(resource.type, resource.module, lb.name);
  const agrees = new Map<string, boolean>();
  const result: Listeners = {
    found: [],
    unpaired: [],
    resource: resource.module ? `${resource.module}.${lb.name}` : lb.name,
    instances: lbKeys.length,
  };
  for (const type of LISTENER_TYPES) {
    for (const listener of input.lookup.ofType(type, resource.origin.path)) {
      // A listener deleted by the change is not on the after side, nor one it creates on the before.
      const values = side === 'after' ? listener.after : listener.before;
      if (!values) continue;
      const attrs =
        side === 'after'
          ? AttrView.of(values, listener.afterUnknown, listener.config?.expressions)
          : AttrView.of(values);
      const target = attrs.str('load_balancer_arn');
      let match: 'matched' | 'unpaired' | undefined;
      if (typeof target === 'string') match = target === arn ? 'matched' : undefined;
      else if (listener.module === resource.module) {
        const own = splitAddress(listener);
        const refs = configExpression(listener, ['load_balancer_arn'])?.references ?? [];
        const sameKeys = () => {
          if (!agrees.has(own.name))
            agrees.set(own.name, sameSet(keysOf(type, listener.module, own.name), lbKeys));
          return agrees.get(own.name) === true;
        };
        match = byReference(refs, lb, own.key, sameKeys);
      }
      if (match) result.found.push({ address: listener.address, attrs });
      if (match === 'unpaired') result.unpaired.push(listener.address);
    }
  }
  return result;
}

/**
 * Whether a listener's references name this load balancer. A listener that names the resource
 * through an index Terraform evaluates later belongs to the instance with its own key when both
 * iterate over the same keys with nothing but `count.index` or `each.key` (the module idiom
 * `aws_lb.x[count.index]`); any other index may be any instance, so it counts for each. A reference
 * that names another load balancer as well (a conditional) is left out: which one is not known.
 */
function byReference(
  written: readonly string[],
  lb: { name: string; key?: string },
  listenerKey: string | undefined,
  sameKeys: () => boolean,
): 'matched' | 'unpaired' | undefined {
  const refs = indexApart(written, lb.name);
  const self = lb.name + (lb.key ?? '');
  if (refs.some((r) => r === self || r.startsWith(`${self}.`))) return 'matched';
  if (lb.key === undefined || !refs.includes(lb.name)) return undefined;
  // A static index names one instance, and it is not this one.
  if (refs.some((r) => r.startsWith(`${lb.name}[`))) return undefined;
  const index = refs.filter((r) => r !== lb.name && !r.startsWith(`${lb.name}.`));
  if (index.some((r) => LOAD_BALANCER.test(r))) return undefined;
  const by = index.length === 1 ? index[0] : undefined;
  const pairs =
    listenerKey !== undefined &&
    ((by === 'count.index' && /^\[\d/.test(listenerKey) && /^\[\d/.test(lb.key)) ||
      (by === 'each.key' && listenerKey.startsWith('["') && lb.key.startsWith('["'))) &&
    sameKeys();
  if (pairs) return listenerKey === lb.key ? 'matched' : undefined;
  return 'unpaired';
}

/**
 * Terraform writes an index it evaluates later as a reference of its own (`aws_lb.x`, `count.index`);
 * one written in place (`aws_lb.x[count.index]`) is read the same way.
 */
function indexApart(refs: readonly string[], name: string): string[] {
  const out = refs.flatMap((r) => {
    const m = r.startsWith(`${name}[`) ? /^\[(count\.index|each\.key)\]/.exec(r.slice(name.length)) : null;
    return m ? [name, m[1] as string] : [r];
  });
  return [...new Set(out)];
}

/** The instance keys of a resource (`[0]`, `["a"]`) present on the side being priced. */
function instanceKeys(input: PricerInput) {
  return (type: string, module: string | undefined, name: string): string[] =>
    input.lookup
      .ofType(type, input.resource.origin.path)
      .filter((r) => r.module === module && (input.side === 'after' ? r.after : r.before))
      .map(splitAddress)
      .filter((a) => a.name === name)
      .map((a) => a.key ?? '');
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((k) => set.has(k));
}
