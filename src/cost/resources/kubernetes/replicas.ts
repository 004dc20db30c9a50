/**
 * How many pods a workload runs: `spec.replicas` (1 when not set), `kubernetes.daemonset_nodes` for a
 * DaemonSet, 1 for a bare Pod; and when a HorizontalPodAutoscaler targets it, a range from its
 * `minReplicas` (1 when not set) to its `maxReplicas` instead, since the autoscaler owns the count.
 * The autoscaler is looked up on the same side of the change: a base without one prices
 * `spec.replicas`, a head with one the range.
 */
import Big from 'big.js';
import { at, groupOf, isRecord } from '../../../kubernetes/kinds.ts';
import type { Resource } from '../../../model/resource.ts';
import type { PricerInput } from '../types.ts';

export type Replicas =
  { kind: 'known'; min: Big; max?: Big; note: string } | { kind: 'unknown'; reason: string };

export function replicasOf(input: PricerInput, object: unknown): Replicas {
  const meta = input.resource.kubernetes;
  if (!meta) return { kind: 'unknown', reason: 'not a Kubernetes object' };
  if (meta.kind === 'Pod') return { kind: 'known', min: new Big(1), note: '1 pod' };
  if (meta.kind === 'DaemonSet') {
    const nodes = input.kubernetes.daemonsetNodes;
    return nodes === undefined
      ? {
          kind: 'unknown',
          reason: 'kubernetes.daemonset_nodes is not set in the policy: how many nodes run it is not known',
        }
      : { kind: 'known', min: new Big(nodes), note: `${pods(nodes)} (kubernetes.daemonset_nodes)` };
  }
  const hpa = autoscalerOf(input, meta.kind, meta.group, meta.namespace);
  if (hpa) {
    const spec = at(hpa.object, ['spec']);
    const min = numberAt(spec, 'minReplicas') ?? 1;
    const max = numberAt(spec, 'maxReplicas');
    if (max !== undefined && max >= min) {
      const by = `HorizontalPodAutoscaler ${hpa.resource.kubernetes?.namespace ?? ''}/${hpa.resource.name}`;
      return max === min
        ? { kind: 'known', min: new Big(min), note: `${pods(min)} (${by})` }
        : { kind: 'known', min: new Big(min), max: new Big(max), note: `${min}–${max} pods (${by})` };
    }
  }
  const replicas = numberAt(at(object, ['spec']), 'replicas') ?? 1;
  return { kind: 'known', min: new Big(replicas), note: pods(replicas) };
}

function pods(n: number): string {
  return `${n} pod${n === 1 ? '' : 's'}`;
}

function numberAt(spec: unknown, key: string): number | undefined {
  const value = isRecord(spec) ? spec[key] : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

interface Autoscaler {
  resource: Resource;
  object: unknown;
  /** The target's API group, when its scaleTargetRef names an apiVersion. */
  group?: string;
}

/** Autoscalers by side and `namespace/kind/name` of their target, built once per set of resources. */
const indexes = new WeakMap<readonly Resource[], Map<string, Autoscaler[]>>();

function autoscalerIndex(all: readonly Resource[]): Map<string, Autoscaler[]> {
  let index = indexes.get(all);
  if (index) return index;
  index = new Map();
  for (const resource of all) {
    for (const side of ['before', 'after'] as const) {
      const object = resource[side];
      const ref = at(object, ['spec', 'scaleTargetRef']);
      if (!object || !isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
      const key = `${side}\0${resource.kubernetes?.namespace ?? ''}\0${ref.kind}\0${ref.name}`;
      const entry: Autoscaler = { resource, object };
      if (typeof ref.apiVersion === 'string') entry.group = groupOf(ref.apiVersion);
      const list = index.get(key);
      if (list) list.push(entry);
      else index.set(key, [entry]);
    }
  }
  indexes.set(all, index);
  return index;
}

/** The autoscaler (on the side being priced) whose scaleTargetRef is this workload, if any. */
function autoscalerOf(
  input: PricerInput,
  kind: string,
  group: string,
  namespace: string | undefined,
): Autoscaler | undefined {
  const index = autoscalerIndex(input.lookup.ofType('k8s:HorizontalPodAutoscaler', undefined));
  const candidates = index.get(`${input.side}\0${namespace ?? ''}\0${kind}\0${input.resource.name}`) ?? [];
  return candidates.find((a) => a.group === undefined || a.group === group);
}
