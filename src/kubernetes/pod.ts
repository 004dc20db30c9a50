/**
 * A pod's effective request, as the scheduler reserves it on a node (the "effective Pod requests"
 * rules of the Kubernetes documentation, `PodRequests` in k8s.io/component-helpers):
 *
 * - the app containers' requests add up; sidecars (init containers with `restartPolicy: Always`) run
 *   alongside them and add to that sum;
 * - regular init containers run one at a time before the app containers, each next to the sidecars
 *   started before it: the highest of those moments is the effective init request;
 * - the pod requests the larger of the two, plus its `spec.overhead` (set from its RuntimeClass).
 *
 * A container's request defaults to its limit when only the limit is given (API defaulting).
 * Pod-level `spec.resources` (Kubernetes 1.32+), when it sets CPU or memory, is the pod's request for it.
 */
import Big from 'big.js';
import { at, isRecord } from './kinds.ts';
import { cpuCores, memoryGib, parseQuantity } from './quantity.ts';

export type ContainerRole = 'app' | 'init' | 'sidecar';

export interface MissingRequest {
  container: string;
  role: ContainerRole;
  /** `cpu`, `memory` or both. */
  resources: ('cpu' | 'memory')[];
  /** Path of the container in the object: `spec.template.spec.initContainers[0]`. */
  path: (string | number)[];
}

export interface PodRequest {
  /** Cores; a lower bound when `missing` has CPU. */
  cpu: Big;
  /** GiB; a lower bound when `missing` has memory. */
  memory: Big;
  /** Containers that request no CPU or no memory (and set no limit for it). */
  missing: MissingRequest[];
  /** Extended resources (GPUs and other `vendor.example/name` resources), effective per pod. */
  extended: Map<string, Big>;
}

interface Container {
  name: string;
  role: ContainerRole;
  path: (string | number)[];
  values: Map<string, Big>;
}

const ZERO = new Big(0);

/**
 * The effective request of the pod spec at `specPath` of `object`. Quantities were validated when the
 * manifest was read; one that does not parse here counts as not given.
 */
export function podRequest(object: unknown, specPath: (string | number)[]): PodRequest {
  const spec = at(object, specPath);
  const containers = [
    ...containerList(spec, 'initContainers', specPath),
    ...containerList(spec, 'containers', specPath),
  ];
  const podLevel = resourceValues(at(spec, ['resources']));
  const names = new Set<string>(['cpu', 'memory']);
  for (const c of containers) for (const name of c.values.keys()) names.add(name);
  const effective = new Map<string, Big>();
  for (const name of names) effective.set(name, effectiveOf(name, containers));
  const overhead = resourceValues({ requests: at(spec, ['overhead']) });
  for (const [name, value] of overhead) effective.set(name, (effective.get(name) ?? ZERO).plus(value));

  const missing: MissingRequest[] = [];
  for (const c of containers) {
    const resources = (['cpu', 'memory'] as const).filter((r) => !c.values.has(r) && !podLevel.has(r));
    if (resources.length > 0) missing.push({ container: c.name, role: c.role, resources, path: c.path });
  }
  const pick = (name: 'cpu' | 'memory'): Big => {
    const value = podLevel.get(name) ?? effective.get(name) ?? ZERO;
    return podLevel.has(name) ? value.plus(overhead.get(name) ?? ZERO) : value;
  };
  const extended = new Map<string, Big>();
  for (const [name, value] of effective) if (isExtended(name) && value.gt(0)) extended.set(name, value);
  return { cpu: cpuCores(pick('cpu')), memory: memoryGib(pick('memory')), missing, extended };
}

function effectiveOf(name: string, containers: Container[]): Big {
  let sum = ZERO;
  let sidecars = ZERO;
  let init = ZERO;
  for (const c of containers) {
    const value = c.values.get(name) ?? ZERO;
    if (c.role === 'app') {
      sum = sum.plus(value);
    } else if (c.role === 'sidecar') {
      sum = sum.plus(value);
      sidecars = sidecars.plus(value);
      if (sidecars.gt(init)) init = sidecars;
    } else {
      const during = value.plus(sidecars);
      if (during.gt(init)) init = during;
    }
  }
  return sum.gt(init) ? sum : init;
}

function containerList(spec: unknown, field: 'initContainers' | 'containers', specPath: (string | number)[]) {
  const list = at(spec, [field]);
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((c, i): Container => {
    const role: ContainerRole =
      field === 'containers' ? 'app' : c.restartPolicy === 'Always' ? 'sidecar' : 'init';
    return {
      name: typeof c.name === 'string' ? c.name : `#${i}`,
      role,
      path: [...specPath, field, i],
      values: resourceValues(c.resources),
    };
  });
}

/** Requests by resource name, each defaulting to the limit when only that is given. */
function resourceValues(resources: unknown): Map<string, Big> {
  const values = new Map<string, Big>();
  const read = (field: 'limits' | 'requests') => {
    const map = at(resources, [field]);
    if (!isRecord(map)) return;
    for (const [name, raw] of Object.entries(map)) {
      const parsed = parseQuantity(raw);
      // Quantities keep three decimal places; finer ones round up (0.1m is 1m).
      if (parsed.ok) values.set(name, parsed.value.round(3, Big.roundUp));
    }
  };
  read('limits');
  read('requests');
  return values;
}

/**
 * Extended resources carry a domain (`nvidia.com/gpu`, `aws.amazon.com/neuron`); those in the
 * `kubernetes.io` domain and the native ones (ephemeral storage, hugepages) are the node's own.
 */
export function isExtended(name: string): boolean {
  if (!name.includes('/')) return false;
  const domain = name.slice(0, name.indexOf('/'));
  return domain !== 'kubernetes.io' && !domain.endsWith('.kubernetes.io');
}
