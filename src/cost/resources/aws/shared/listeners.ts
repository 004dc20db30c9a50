import { UNKNOWN } from '../../../attributes.ts';
import { dec, formatCount } from '../../../money.ts';
import { afterApply } from '../../quantity.ts';
import type { PricerInput } from '../../types.ts';
import { listenersOf, type Listeners } from './listener-refs.ts';

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
  const listeners = listenersOf(input);
  for (const { address, attrs } of listeners.found) {
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
  if (listeners.found.length === 0)
    return {
      per: NLCU.TCP,
      note: `${covers('TCP')} (no listener of this load balancer was found in the plan)`,
    };
  const used = STRICTEST_FIRST.find((f) => families.has(f)) ?? 'TCP';
  const shared = sharedNote(listeners);
  if (families.size <= 1) {
    if (used === 'TCP' && !shared) return { per: NLCU.TCP };
    return { per: NLCU[used], note: covers(used) + shared };
  }
  const all = STRICTEST_FIRST.filter((f) => families.has(f)).join(', ');
  return {
    per: NLCU[used],
    note: `${covers(used)}, for all the averages: they are not split by protocol (listeners: ${all}), so this is an upper bound${shared}`,
  };
}

/**
 * Listeners that may belong to any instance of the load balancer's resource count for each, which may
 * overstate the instances they do not belong to: the note names them. With one instance, no doubt.
 */
function sharedNote(listeners: Listeners): string {
  const { unpaired, instances, resource } = listeners;
  if (unpaired.length === 0 || instances <= 1) return '';
  const [refers, counts] = unpaired.length === 1 ? ['refers', 'it counts'] : ['refer', 'they count'];
  return `; ${unpaired.join(', ')} ${refers} to ${resource} without saying which instance, so ${counts} for each of its ${instances} instances`;
}

function covers(family: Family): string {
  const per = NLCU[family];
  const what = family === 'UDP' ? 'flows' : 'connections';
  const n = (v: number) => formatCount(dec(v), 0);
  return `${family}: an NLCU covers ${n(per.new_connections)} new ${what}/s, ${n(per.active_connections)} active, ${n(per.processed_bytes_gb)} GB`;
}
