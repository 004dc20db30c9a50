/**
 * The lines of a bill for pods' requests: CPU and memory, each pod-hours × the per-pod effective
 * request × the rate; a line "unknown" for containers that request no CPU or memory (never a silent 0,
 * so the workload is partial); and a "not priced" line for extended resources such as GPUs.
 */
import type Big from 'big.js';
import type { PodRequest } from '../../../kubernetes/pod.ts';
import type { KubernetesSettings } from '../../../model/policy.ts';
import { times, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Quantity } from '../types.ts';
import { rateFor, type Resource } from './rates.ts';

/** How many pod-hours a month (a range with `max`), and how that was reached. */
export interface PodHours {
  quantity: Quantity;
  max?: Quantity;
  note: string;
  /** Always-on pods: scaled by the usage file's monthly_hours like other hourly lines. */
  hourly: boolean;
}

const ROLE = { app: 'container', init: 'init container', sidecar: 'sidecar' } as const;

export function requestComponents(
  request: PodRequest,
  hours: PodHours,
  settings: KubernetesSettings,
): ComponentSpec[] {
  const line = (resource: Resource, amount: Big, shown: string): ComponentSpec => {
    const rate = rateFor(resource, settings.pricing);
    const spec: ComponentSpec = {
      name: resource === 'cpu' ? 'CPU requests' : 'Memory requests',
      unit: resource === 'cpu' ? 'vCPU-hours' : 'GiB-hours',
      quantity: scaled(hours.quantity, amount),
      skus: rate.skus,
      note: `${hours.note} × ${shown}`,
    };
    if (hours.max) spec.quantityMax = scaled(hours.max, amount);
    if (hours.hourly) spec.hourly = true;
    if (rate.policyPrice) spec.policyPrice = rate.policyPrice;
    if (rate.unpricedReason) spec.unpricedReason = rate.unpricedReason;
    return spec;
  };
  const missing = (resource: Resource) => request.missing.some((m) => m.resources.includes(resource));
  const specs: ComponentSpec[] = [];
  // A pod none of whose containers request the resource has only the "not requested" line.
  if (!(request.cpu.eq(0) && missing('cpu')))
    specs.push(line('cpu', request.cpu, `${request.cpu.toString()} vCPU`));
  if (!(request.memory.eq(0) && missing('memory')))
    specs.push(line('memory', request.memory, memory(request.memory)));
  for (const resource of ['cpu', 'memory'] as const) {
    const without = request.missing.filter((m) => m.resources.includes(resource));
    if (without.length === 0) continue;
    const names = without.map((m) => `${ROLE[m.role]} "${m.container}"`).join(', ');
    const what = resource === 'cpu' ? 'CPU' : 'memory';
    specs.push({
      name: `${resource === 'cpu' ? 'CPU' : 'Memory'} not requested`,
      unit: resource === 'cpu' ? 'vCPU-hours' : 'GiB-hours',
      quantity: unknownQuantity(
        `${names} request${without.length === 1 ? 's' : ''} no ${what}: what it uses is not known`,
      ),
      skus: [],
    });
  }
  for (const [name, amount] of request.extended) {
    specs.push({
      name: `${name} requests`,
      unit: `${name}-hours`,
      quantity: scaled(hours.quantity, amount),
      skus: [],
      note: `${hours.note} × ${amount.toString()} ${name}`,
      unpricedReason: `extended resource ${name} is not priced (it comes with the node type that has it)`,
    });
  }
  return specs;
}

/** Pod-hours × a per-pod amount; usage and unknown quantities stay what they are. */
function scaled(quantity: Quantity, amount: Big): Quantity {
  return times(quantity, amount);
}

/** `64 MiB`, `1.5 GiB`: memory as people write it. */
export function memory(gib: Big): string {
  const mib = gib.times(1024);
  if (gib.lt(1) && mib.eq(mib.round(0))) return `${mib.toString()} MiB`;
  return `${gib.round(4).toString()} GiB`;
}
