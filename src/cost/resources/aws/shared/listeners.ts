import { AttrView, UNKNOWN } from '../../../attributes.ts';
import { dec, formatCount } from '../../../money.ts';
import { afterApply } from '../../quantity.ts';
import type { PricerInput } from '../../types.ts';
import { configExpression } from './references.ts';

/** What one NLCU covers in an hour: new connections (flows) a second, active ones, GB processed. */
export interface NlcuDimensions {
  new_connections: number;
  active_connections: number;
  processed_bytes_gb: number;
}

/**
 * AWS's NLCU per hour by listener protocol: TCP 800 new connections/s, 100,000 active, 1 GB; UDP 400
 * new flows/s, 50,000 active flows, 1 GB; TLS 50 new connections/s, 3,000 active, 1 GB.
 */
const NLCU = {
  TCP: { new_connections: 800, active_connections: 100_000, processed_bytes_gb: 1 },
  UDP: { new_connections: 400, active_connections: 50_000, processed_bytes_gb: 1 },
  TLS: { new_connections: 50, active_connections: 3_000, processed_bytes_gb: 1 },
} as const;

type Family = keyof typeof NLCU;

/** A TCP_UDP listener carries UDP flows too: its traffic may take the UDP dimensions. */
const FAMILIES: Record<string, Family> = { TCP: 'TCP', UDP: 'UDP', TCP_UDP: 'UDP', TLS: 'TLS' };

/** Each of these covers less per NLCU than the next in every dimension. */
const STRICTEST_FIRST: readonly Family[] = ['TLS', 'UDP', 'TCP'];

/**
 * The NLCU dimensions for a network load balancer's usage averages, from the protocols of its
 * listeners in the same plan. AWS counts NLCUs per protocol, but the averages are not split by
 * protocol: with several, the strictest applies to all, an upper bound the note says. Without
 * listeners in the plan, TCP's.
 */
export function nlbDimensions(
  input: PricerInput,
): { per: NlcuDimensions; note?: string } | { reason: string } {
  const families = new Set<Family>();
  let listeners = 0;
  for (const { address, attrs } of listenersOf(input)) {
    listeners++;
    const protocol = attrs.str('protocol');
    if (protocol === UNKNOWN)
      return { reason: `${afterApply(`${address}.protocol`)}: the NLCU dimensions depend on it` };
    if (protocol === undefined) continue;
    const family = Object.hasOwn(FAMILIES, protocol.toUpperCase())
      ? FAMILIES[protocol.toUpperCase()]
      : undefined;
    if (!family)
      return {
        reason: `${address} listens on ${protocol}: tollgate knows the NLCU dimensions of TCP, UDP and TLS`,
      };
    families.add(family);
  }
  if (listeners === 0)
    return {
      per: NLCU.TCP,
      note: `${covers('TCP')} (no listener of this load balancer was found in the plan)`,
    };
  const used = STRICTEST_FIRST.find((f) => families.has(f)) ?? 'TCP';
  if (families.size <= 1) return used === 'TCP' ? { per: NLCU.TCP } : { per: NLCU[used], note: covers(used) };
  const all = STRICTEST_FIRST.filter((f) => families.has(f)).join(', ');
  return {
    per: NLCU[used],
    note: `${covers(used)}, for all the averages: they are not split by protocol (listeners: ${all}), so this is an upper bound`,
  };
}

function covers(family: Family): string {
  const per = NLCU[family];
  const what = family === 'UDP' ? 'flows' : 'connections';
  const n = (v: number) => formatCount(dec(v), 0);
  return `${family}: an NLCU covers ${n(per.new_connections)} new ${what}/s, ${n(per.active_connections)} active, ${n(per.processed_bytes_gb)} GB`;
}

/**
 * The listeners of the load balancer being priced, on the same side: matched by its ARN, or, when
 * that is known only after apply, by the configuration's reference to it from the same module.
 */
function listenersOf(input: PricerInput): { address: string; attrs: AttrView }[] {
  const { resource, side } = input;
  const arn = input.attrs.str('arn');
  const local = resource.module ? resource.address.slice(resource.module.length + 1) : resource.address;
  const found: { address: string; attrs: AttrView }[] = [];
  for (const type of ['aws_lb_listener', 'aws_alb_listener']) {
    for (const listener of input.lookup.ofType(type, resource.origin.path)) {
      // A listener deleted by the change is not on the after side, nor one it creates on the before.
      const values = side === 'after' ? listener.after : listener.before;
      if (!values) continue;
      const attrs =
        side === 'after'
          ? AttrView.of(values, listener.afterUnknown, listener.config?.expressions)
          : AttrView.of(values);
      const target = attrs.str('load_balancer_arn');
      const mine =
        typeof target === 'string'
          ? target === arn
          : listener.module === resource.module &&
            (configExpression(listener, ['load_balancer_arn'])?.references ?? []).some(
              (ref) => ref === local || ref.startsWith(`${local}.`),
            );
      if (mine) found.push({ address: listener.address, attrs });
    }
  }
  return found;
}
