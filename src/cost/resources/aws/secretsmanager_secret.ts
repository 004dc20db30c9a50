import { UNKNOWN } from '../../attributes.ts';
import { afterApply, fromUsage, known, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer } from '../types.ts';

/**
 * A secret bills one secret-month, and each replica is a secret of its own, billed in its region at
 * that region's price. API requests come from usage (`monthly_requests`, per 10k). The 30-day free
 * trial for new secrets is not applied: it is over by the first full month.
 */
export const secretsmanagerSecret: Pricer = {
  types: ['aws_secretsmanager_secret'],
  summary: "the secret-month and each replica's, API requests",
  usage: { monthly_requests: 'API requests a month' },
  components({ attrs, usage }) {
    const components: ComponentSpec[] = [
      { name: 'Secret', unit: 'months', quantity: known(1), skus: [{ sku: 'secretsmanager/secret' }] },
    ];
    const replicas = attrs.blocks('replica');
    if (replicas === UNKNOWN) {
      components.push({
        name: 'Replica secrets',
        unit: 'months',
        quantity: unknownQuantity(afterApply('replica')),
        skus: [],
      });
    } else {
      replicas.forEach((replica, i) => {
        const region = replica.str('region');
        if (typeof region === 'string') {
          components.push({
            name: `Replica secret (${region})`,
            unit: 'months',
            quantity: known(1),
            skus: [{ sku: 'secretsmanager/secret', region }],
          });
        } else {
          const reason =
            region === UNKNOWN ? afterApply(`replica[${i}].region`) : `replica[${i}].region is not set`;
          components.push({
            name: `Replica secret ${i}`,
            unit: 'months',
            quantity: unknownQuantity(reason),
            skus: [],
          });
        }
      });
    }
    components.push({
      name: 'API requests',
      unit: '10k requests',
      quantity: fromUsage(usage, 'monthly_requests', 10_000),
      skus: [{ sku: 'secretsmanager/requests' }],
    });
    return components;
  },
};
