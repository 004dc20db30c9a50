import { UNKNOWN, type Unknown } from '../../../attributes.ts';
import { afterApply, monthHours, unknownQuantity } from '../../quantity.ts';
import type { ComponentSpec } from '../../types.ts';
import { joinNotes } from '../../../notes.ts';

/** Whether an instance gets a public IPv4 address: yes, no, or unknown with the reason. */
export type PublicIpv4 = boolean | { unknown: string };

/**
 * `associate_public_ip_address` as written or left unset. Left unset, the subnet's
 * `map_public_ip_on_launch` decides, which tollgate does not follow: no address is charged and the
 * line is not made unknown, or every instance in a private subnet would be. Only a value the
 * configuration gives but the plan cannot know (a variable from another resource) is unknown.
 */
export function publicIpv4Of(
  value: boolean | Unknown | undefined,
  leftUnset: boolean,
  at: string,
): PublicIpv4 {
  if (value === UNKNOWN) return leftUnset ? false : { unknown: afterApply(at) };
  return value === true;
}

/**
 * AWS charges every public IPv4 address it provides by the hour since 2024-02-01, an instance's own
 * as much as an Elastic IP (see eip.ts): one global price, the `ec2/public-ipv4` SKU. An Elastic IP
 * later associated with the instance replaces its address, but is priced on its own aws_eip: such an
 * instance is counted with two addresses.
 */
export function publicIpv4Component(ip: PublicIpv4): ComponentSpec | undefined {
  if (ip === false) return undefined;
  return {
    name: 'Public IPv4 address',
    unit: 'hours',
    quantity: ip === true ? monthHours() : unknownQuantity(ip.unknown),
    skus: [{ sku: 'ec2/public-ipv4' }],
    hourly: true,
  };
}

/**
 * A load balancer's public IPv4 addresses, one per subnet or zone it is in: `count` of them, or
 * unknown with the reason. `scales` notes that it may add more, when it can.
 */
export function loadBalancerAddresses(
  count: number | { unknown: string },
  per = 'subnet',
  scales = '',
): ComponentSpec {
  const base = {
    name: 'Public IPv4 addresses',
    unit: 'hours',
    skus: [{ sku: 'ec2/public-ipv4' }],
    hourly: true,
  };
  if (typeof count !== 'number') return { ...base, quantity: unknownQuantity(count.unknown) };
  return {
    ...base,
    quantity: monthHours(count),
    note: joinNotes(`${count} ${count === 1 ? 'address' : 'addresses'}, one per ${per}`, scales),
  };
}
