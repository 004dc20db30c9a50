import { UNKNOWN } from '../../attributes.ts';
import { afterApply, fromUsage, unknownQuantity } from '../quantity.ts';
import type { Pricer } from '../types.ts';
import { withDefault } from './shared/references.ts';

/**
 * A queue bills its requests (`monthly_requests`, per 1M; every 64 KB chunk of a payload is a
 * request), at the FIFO or standard price by `fifo_queue`. The first 1M requests a month are free per
 * account, not per queue, so they are not subtracted here.
 */
export const sqsQueue: Pricer = {
  types: ['aws_sqs_queue'],
  summary: 'requests, standard or FIFO',
  usage: { monthly_requests: 'requests a month (each 64 KB chunk of a payload is one request)' },
  components({ attrs, resource, usage }) {
    // A queue is standard unless fifo_queue says otherwise (provider default false).
    const fifo = withDefault(resource, ['fifo_queue'], attrs.bool('fifo_queue'), false);
    if (fifo === UNKNOWN) {
      return [
        {
          name: 'Requests',
          unit: '1M requests',
          quantity: unknownQuantity(afterApply('fifo_queue')),
          skus: [],
        },
      ];
    }
    const kind = fifo ? 'fifo' : 'standard';
    return [
      {
        name: `Requests (${fifo ? 'FIFO' : 'standard'})`,
        unit: '1M requests',
        quantity: fromUsage(usage, 'monthly_requests', 1_000_000),
        skus: [{ sku: `sqs/requests/${kind}` }],
      },
    ];
  },
};
