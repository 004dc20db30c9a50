/**
 * PersistentVolumeClaims, and a StatefulSet's volume claim templates (one claim per replica), as the
 * EBS volumes the EBS CSI driver provisions for them: the claim's storage class is mapped to a volume
 * type by `kubernetes.storage_classes` (gp3 when not mapped or not named); the size is the request
 * rounded up to whole GiB, as EBS sizes volumes. IOPS and throughput come from the StorageClass's
 * parameters when the StorageClass is among the manifests.
 */
import Big from 'big.js';
import { at, isRecord } from '../../../kubernetes/kinds.ts';
import { parseQuantity } from '../../../kubernetes/quantity.ts';
import type { Resource } from '../../../model/resource.ts';
import { EBS_USAGE, volumeComponents } from '../aws/shared/ebs.ts';
import { monthHours } from '../quantity.ts';
import type { ComponentSpec, Pricer, PricerInput } from '../types.ts';
import { notBuiltIn } from './built-in.ts';
import type { Replicas } from './replicas.ts';
import { joinNotes } from '../../notes.ts';

const EBS_PROVISIONERS = new Set(['ebs.csi.aws.com', 'kubernetes.io/aws-ebs']);
const BYTES_PER_GIB = new Big(2).pow(30);

export const persistentVolumeClaim: Pricer = {
  types: ['k8s:PersistentVolumeClaim'],
  summary:
    'an EBS volume of the requested size, its type by storage class; IOPS and throughput from the StorageClass',
  usage: EBS_USAGE,
  components(input) {
    const object = input.side === 'after' ? input.resource.after : input.resource.before;
    if (!object) return [];
    return notBuiltIn(input.resource) ?? claimComponents(input, object, 'Volume', new Big(1));
  },
};

/** The volumes of a StatefulSet's claim templates: one per replica, a range with the autoscaler's. */
export function claimTemplateComponents(
  input: PricerInput,
  object: unknown,
  replicas: Replicas,
): ComponentSpec[] {
  const templates = at(object, ['spec', 'volumeClaimTemplates']);
  if (!Array.isArray(templates)) return [];
  return templates.filter(isRecord).flatMap((claim, i): ComponentSpec[] => {
    const name =
      typeof at(claim, ['metadata', 'name']) === 'string'
        ? (at(claim, ['metadata', 'name']) as string)
        : `#${i}`;
    const label = `Volume ${name}`;
    if (replicas.kind === 'unknown') {
      return claimComponents(input, claim, label, new Big(0)).map((spec) => ({
        ...spec,
        quantity: { kind: 'unknown' as const, reason: replicas.reason },
      }));
    }
    const low = claimComponents(input, claim, label, replicas.min);
    if (!replicas.max) return low.map((spec) => ({ ...spec, note: joinNotes(replicas.note, spec.note) }));
    const high = claimComponents(input, claim, label, replicas.max);
    return low.map((spec, k) => ({
      ...spec,
      note: joinNotes(replicas.note, spec.note),
      ...(high[k] ? { quantityMax: high[k].quantity } : {}),
    }));
  });
}

/** `count` volumes for the claim `claim` (a PVC or a claim template). */
function claimComponents(input: PricerInput, claim: unknown, label: string, count: Big): ComponentSpec[] {
  const className =
    stringAt(claim, ['spec', 'storageClassName']) ??
    stringAt(claim, ['metadata', 'annotations', 'volume.beta.kubernetes.io/storage-class']);
  const storageClass = className === undefined ? undefined : storageClassObject(input, className);
  const mapped = className !== undefined && Object.hasOwn(input.kubernetes.storageClasses, className);
  const provisioner = stringAt(storageClass, ['provisioner']);
  if (!mapped && provisioner !== undefined && !EBS_PROVISIONERS.has(provisioner)) {
    return [
      {
        name: `${label} storage`,
        unit: 'GB-months',
        quantity: monthHours(0),
        skus: [],
        unpricedReason: `storage class "${className ?? ''}" provisions with ${provisioner}, not EBS; map it in kubernetes.storage_classes to price it as an EBS type`,
      },
    ];
  }
  const parameterType = stringAt(storageClass, ['parameters', 'type']);
  const type = mapped ? (input.kubernetes.storageClasses[className] as string) : (parameterType ?? 'gp3');
  const how = mapped
    ? `storage class "${className}" → ${type} (kubernetes.storage_classes)`
    : parameterType !== undefined
      ? `StorageClass "${className as string}" parameters.type ${type}`
      : className === undefined
        ? 'no storage class: gp3'
        : `storage class "${className}" is not in kubernetes.storage_classes: gp3`;
  const size = sizeGib(claim);
  if (size === undefined) {
    const reason = 'spec.resources.requests.storage is not set';
    return [
      {
        name: `${label} storage`,
        unit: 'GB-months',
        quantity: { kind: 'unknown', reason },
        skus: [],
        unpricedReason: reason,
      },
    ];
  }
  const parameters = (key: string): Big | undefined => {
    const raw = stringAt(storageClass, ['parameters', key]);
    return raw !== undefined && /^\d+(\.\d+)?$/.test(raw) ? new Big(raw) : undefined;
  };
  const perGb = parameters('iopsPerGB');
  const iops = parameters('iops') ?? perGb?.times(size);
  return volumeComponents({
    label,
    type,
    size,
    iops,
    throughput: parameters('throughput'),
    count,
    path: `StorageClass "${className ?? ''}" parameters`,
    names: { type: 'type', size: 'size' },
    usage: input.usage,
  }).map((spec, i) => (i === 0 ? { ...spec, note: joinNotes(how, spec.note) } : spec));
}

/** The requested storage in whole GiB (EBS volumes are sized in GiB), undefined when not requested. */
function sizeGib(claim: unknown): Big | undefined {
  const parsed = parseQuantity(at(claim, ['spec', 'resources', 'requests', 'storage']));
  if (!parsed.ok) return undefined;
  return parsed.value.div(BYTES_PER_GIB).round(0, Big.roundUp);
}

/** The StorageClass object of that name among the manifests, on the side being priced. */
function storageClassObject(input: PricerInput, name: string): unknown {
  const side = (r: Resource) => (input.side === 'after' ? r.after : r.before);
  const found = input.lookup.ofType('k8s:StorageClass', undefined).find((r) => r.name === name && side(r));
  return found ? side(found) : undefined;
}

function stringAt(value: unknown, path: string[]): string | undefined {
  const v = at(value, path);
  return typeof v === 'string' && v !== '' ? v : undefined;
}
