/**
 * What a requested vCPU-hour and GiB-hour cost, from the policy's `kubernetes.pricing`:
 *
 * - `cpu_hour` / `memory_gib_hour`, when given, are used as they are (each on its own);
 * - otherwise the node type's on-demand price is split between its vCPUs and its GiB of memory in
 *   the ratio of OpenCost's default prices, 0.031611 per vCPU-hour to 0.004237 per GiB-hour
 *   (opencost/opencost configs/aws.json; data/pricing-facts/services.json, "Kubernetes allocation
 *   defaults (OpenCost)"), the split OpenCost itself uses to attribute a node's cost to CPU and RAM.
 *   With price P, V vCPUs and M GiB: k = P / (V × 0.031611 + M × 0.004237); a vCPU-hour costs
 *   0.031611 × k and a GiB-hour 0.004237 × k, so a pod requesting the whole node costs the node.
 *   Capacity, not allocatable: what the system reserves is the node's overhead, not a workload's.
 *
 * Neither given: the rate is unknown and the request not priced, with the reason.
 */
import type Big from 'big.js';
import { dec } from '../../money.ts';
import type { KubernetesSettings } from '../../../model/policy.ts';
import type { SkuChoice } from '../types.ts';
import { instanceShape } from '../aws/shared/instance-types.ts';

/** OpenCost's default prices, used only for their ratio. */
export const OPENCOST_CPU_HOUR = dec('0.031611');
export const OPENCOST_GIB_HOUR = dec('0.004237');

export type Resource = 'cpu' | 'memory';

/** How one requested unit is priced: SKU choices, or a price from the policy, or why it cannot be. */
export interface Rate {
  skus: SkuChoice[];
  policyPrice?: { usd: Big; note: string };
  unpricedReason?: string;
}

// Rates depend only on the policy: computed once per policy, not per workload.
const cache = new WeakMap<KubernetesSettings['pricing'], Record<Resource, Rate>>();

export function rateFor(resource: Resource, pricing: KubernetesSettings['pricing']): Rate {
  let rates = cache.get(pricing);
  if (!rates) {
    rates = { cpu: computeRate('cpu', pricing), memory: computeRate('memory', pricing) };
    cache.set(pricing, rates);
  }
  return rates[resource];
}

function computeRate(resource: Resource, pricing: KubernetesSettings['pricing']): Rate {
  const explicit = resource === 'cpu' ? pricing.cpuHour : pricing.memoryGibHour;
  const key = resource === 'cpu' ? 'cpu_hour' : 'memory_gib_hour';
  if (explicit !== undefined)
    return { skus: [], policyPrice: { usd: explicit, note: `kubernetes.pricing.${key}` } };
  const type = pricing.nodeInstanceType;
  if (type === undefined) {
    return {
      skus: [],
      unpricedReason: `no rate: set kubernetes.pricing.node.instance_type (or ${key}) in the policy`,
    };
  }
  const shape = instanceShape(type);
  if (!shape) {
    return {
      skus: [],
      unpricedReason: `node type ${type} is not one whose vCPUs and memory tollgate knows (data/ec2-instance-shapes.json)`,
    };
  }
  const weight = dec(shape.vcpu).times(OPENCOST_CPU_HOUR).plus(dec(shape.memoryGib).times(OPENCOST_GIB_HOUR));
  const share = resource === 'cpu' ? OPENCOST_CPU_HOUR : OPENCOST_GIB_HOUR;
  return {
    skus: [
      {
        sku: `ec2/instance/${type}`,
        factor: share.div(weight),
        note: `${type} (${shape.vcpu} vCPU, ${shape.memoryGib} GiB) split by OpenCost's CPU:RAM price ratio`,
      },
    ],
  };
}
