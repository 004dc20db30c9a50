import { UNKNOWN, type AttrView } from '../../../attributes.ts';
import { afterApply, monthHours } from '../../quantity.ts';
import type { ComponentSpec } from '../../types.ts';
import type { LeftUnset } from './configured.ts';

/**
 * How instances are bought: on-demand, which the catalog prices, or another market it does not
 * (spot, Capacity Blocks), or unknown with the reason.
 */
export type Market = 'on-demand' | 'spot' | { notPriced: string } | { unknown: string };

export const SPOT_NOT_PRICED = 'spot prices are not in the catalog (it holds on-demand prices)';
export const CAPACITY_BLOCK_NOT_PRICED =
  'EC2 Capacity Blocks bill their reservation price, which is not in the catalog';

/**
 * `instance_market_options` of an aws_instance or a launch template. Writing the block at all asks
 * for another market than on-demand, and the provider documents `market_type` as `spot` by default.
 * `unset` says which attributes the configuration leaves unset; `at` prefixes the reasons.
 */
export function marketOf(attrs: AttrView, unset: { resource: LeftUnset; block: LeftUnset }, at = ''): Market {
  const blocks = attrs.blocks('instance_market_options');
  if (blocks === UNKNOWN) {
    // The provider computes the block for every instance: unset in the configuration, on-demand.
    return unset.resource('instance_market_options')
      ? 'on-demand'
      : { unknown: afterApply(`${at}instance_market_options`) };
  }
  const block = blocks[0];
  if (!block) return 'on-demand';
  const type = block.str('market_type');
  if (type === UNKNOWN && !unset.block('market_type')) {
    return { unknown: afterApply(`${at}instance_market_options[0].market_type`) };
  }
  if (type === UNKNOWN || type === undefined || type === 'spot') return 'spot';
  if (type === 'capacity-block') return { notPriced: CAPACITY_BLOCK_NOT_PRICED };
  return { notPriced: `the ${type} market is not in the catalog (it holds on-demand prices)` };
}

/** Spot instance hours, named and not priced: the catalog has no spot prices. */
export function spotHours(type: string): ComponentSpec {
  return {
    name: `Instance (Linux spot, ${type})`,
    unit: 'hours',
    quantity: monthHours(),
    skus: [],
    hourly: true,
    unpricedReason: SPOT_NOT_PRICED,
  };
}
