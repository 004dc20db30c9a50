/**
 * Pricers match kinds by name (`k8s:Service`); a custom resource may reuse a built-in kind's name in
 * its own group (Knative's `serving.knative.dev` Service). Only the built-in groups are priced.
 */
import type { Resource } from '../../../model/resource.ts';
import { monthHours } from '../quantity.ts';
import type { ComponentSpec } from '../types.ts';

const GROUPS: Record<string, string[]> = {
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  ReplicationController: [''],
  Pod: [''],
  Job: ['batch'],
  CronJob: ['batch'],
  PersistentVolumeClaim: [''],
  Service: [''],
};

/** Undefined for a built-in kind; else the one not-priced line saying why. */
export function notBuiltIn(resource: Resource): ComponentSpec[] | undefined {
  const meta = resource.kubernetes;
  if (!meta) return undefined;
  const groups = GROUPS[meta.kind];
  if (!groups || groups.includes(meta.group)) return undefined;
  return [
    {
      name: meta.kind,
      unit: 'hours',
      quantity: monthHours(),
      skus: [],
      unpricedReason: `${meta.apiVersion} ${meta.kind} is not the built-in ${meta.kind}, and its cost is not known to tollgate`,
    },
  ];
}
