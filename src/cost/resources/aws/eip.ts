import { UNKNOWN } from '../../attributes.ts';
import { afterApply, monthHours, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer } from '../types.ts';
import { withDefault } from './shared/references.ts';

const NAME = 'Public IPv4 address';

/**
 * Since 2024-02-01 AWS charges every public IPv4 address it provides by the hour, attached to a
 * running instance or idle, in every region (one global price). The older rule, where the first
 * address on a running instance was free and only idle ones billed, no longer applies, so
 * `instance`, `network_interface`, `domain` and `vpc` do not change the price.
 *
 * Addresses from a BYOIP pool (`public_ipv4_pool` other than `amazon`) and customer-owned Outposts
 * addresses (`customer_owned_ipv4_pool`) do not carry the AWS public IPv4 charge; their costs (the
 * IPAM pool, the Outpost) are not priced here, and the line says so.
 */
export const eip: Pricer = {
  types: ['aws_eip'],
  summary: 'the public IPv4 address charge, attached or not',
  components({ attrs, resource }) {
    const customer = attrs.str('customer_owned_ipv4_pool');
    if (typeof customer === 'string') {
      return [
        notPriced(`customer-owned (Outposts) pool ${customer}: not an AWS-provided public IPv4 address`),
      ];
    }
    // The provider computes the pool when the configuration leaves it unset: Amazon's pool.
    const pool = withDefault(resource, ['public_ipv4_pool'], attrs.str('public_ipv4_pool'), 'amazon');
    if (pool === UNKNOWN) {
      const reason = afterApply('public_ipv4_pool');
      return [{ name: NAME, unit: 'hours', quantity: unknownQuantity(reason), skus: [], hourly: true }];
    }
    if (pool !== 'amazon') {
      return [
        notPriced(
          `address from BYOIP pool ${pool}: AWS does not charge its public IPv4 rate for your own addresses, and tollgate does not price BYOIP pools`,
        ),
      ];
    }
    return [
      { name: NAME, unit: 'hours', quantity: monthHours(), skus: [{ sku: 'ec2/public-ipv4' }], hourly: true },
    ];
  },
};

function notPriced(reason: string): ComponentSpec {
  return {
    name: NAME,
    unit: 'hours',
    quantity: monthHours(),
    skus: [],
    hourly: true,
    unpricedReason: reason,
  };
}
