import { known } from '../quantity.ts';
import type { Pricer } from '../types.ts';

/**
 * A hosted zone bills a zone-month at Route 53's global price. The price is tiered per account (the
 * first 25 zones, then a lower price); tollgate cannot see the account's other zones and prices each
 * zone at the first-tier price, and says so. DNS queries are billed on records and traffic, not here.
 */
export const route53Zone: Pricer = {
  types: ['aws_route53_zone'],
  summary: 'the hosted-zone month (first-25-zones tier)',
  components() {
    return [
      {
        name: 'Hosted zone',
        unit: 'months',
        quantity: known(1),
        skus: [{ sku: 'route53/zone', note: 'first-tier price (the first 25 hosted zones of an account)' }],
      },
    ];
  },
};
