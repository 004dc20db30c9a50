import type Big from 'big.js';
import { UNKNOWN, type Unknown } from '../../../attributes.ts';
import { dec } from '../../../money.ts';
import type { UsageValues } from '../../../usage.ts';
import { afterApply, fromUsage, known, times, unknownQuantity } from '../../quantity.ts';
import type { ComponentSpec, Quantity } from '../../types.ts';
import type { LeftUnset } from './configured.ts';

export interface VolumeInput {
  /** `Root volume`, `Volume /dev/sdf`, `Storage` ... */
  label: string;
  type: string | Unknown | undefined;
  /** Size in GB; undefined when the API chooses it (from a snapshot or AMI). */
  size: Big | Unknown | undefined;
  iops?: Big | Unknown | undefined;
  throughput?: Big | Unknown | undefined;
  /** How many such volumes (instances in a group); 1 by default. */
  count?: Big | Unknown;
  /** Where the attributes are, for reasons: `root_block_device[0]`. */
  path?: string;
  /** Attribute names: `type`/`size` on aws_ebs_volume, `volume_type`/`volume_size` in blocks. */
  names?: { type: string; size: string };
  usage?: UsageValues;
  /** The type the API uses when none is given. */
  defaultType?: string;
  /** Without a default type: who chooses the type when none is given (`the AMI chooses it`). */
  typeChosenBy?: string;
  /**
   * Which of the volume's attributes (`volume_type`, `iops`) the configuration leaves unset: a value
   * unknown there is AWS's default, not an expression's result. Without it, unknown is unknown.
   */
  unset?: LeftUnset;
}

/** Usage keys of every resource with EBS volumes. */
export const EBS_USAGE = {
  monthly_standard_io_requests: 'I/O requests a month on magnetic (standard) volumes',
} as const;

const ONE = dec(1);
const GP3_FREE_IOPS = 3000;
const GP3_FREE_THROUGHPUT = 125;
const IO2_TIER1 = 32000;
const IO2_TIER2 = 64000;

const TYPE_NAMES: Record<string, string> = {
  gp2: 'general purpose SSD, gp2',
  gp3: 'general purpose SSD, gp3',
  io1: 'provisioned IOPS SSD, io1',
  io2: 'provisioned IOPS SSD, io2',
  st1: 'throughput optimized HDD, st1',
  sc1: 'cold HDD, sc1',
  standard: 'magnetic',
};

/**
 * The monthly components of EBS volumes: storage, and for gp3 the IOPS and throughput above the free
 * baseline, for io1 every provisioned IOPS, for io2 the IOPS in AWS's three tiers, for magnetic the I/O
 * requests (usage). Shared by volumes, instances, launch templates and groups.
 */
export function volumeComponents(v: VolumeInput): ComponentSpec[] {
  const at = (attr: string) => (v.path ? `${v.path}.${attr}` : attr);
  const names =
    v.names ?? (v.path ? { type: 'volume_type', size: 'volume_size' } : { type: 'type', size: 'size' });
  const count = v.count ?? ONE;
  const typeUnset = v.type === undefined || (v.type === UNKNOWN && v.unset?.(names.type) === true);
  const type = typeUnset ? v.defaultType : v.type;
  if (type === UNKNOWN || type === undefined) {
    const reason = typeUnset
      ? `${at(names.type)} is not set${v.typeChosenBy ? `: ${v.typeChosenBy}` : ''}`
      : afterApply(at(names.type));
    return [
      {
        name: `${v.label} storage`,
        unit: 'GB-months',
        quantity: unknownQuantity(reason),
        skus: [],
        unpricedReason: reason,
      },
    ];
  }
  const name = TYPE_NAMES[type];
  if (!name) {
    const reason = `volume type "${type}" is not known to tollgate`;
    return [
      {
        name: `${v.label} storage (${type})`,
        unit: 'GB-months',
        quantity: unknownQuantity(reason),
        skus: [],
        unpricedReason: reason,
      },
    ];
  }
  const size: Quantity =
    v.size === UNKNOWN
      ? unknownQuantity(afterApply(at(names.size)))
      : v.size === undefined
        ? unknownQuantity(`${at(names.size)} is not set: the size comes from the snapshot or image`)
        : known(v.size);
  const components: ComponentSpec[] = [
    {
      name: `${v.label} storage (${name})`,
      unit: 'GB-months',
      quantity: times(size, count),
      skus: [{ sku: `ebs/storage/${type}` }],
      ...(typeUnset
        ? { note: `${at(names.type)} is not set: ${type}, the EC2 default for a new volume` }
        : {}),
    },
  ];
  const iops = v.iops;
  if (type === 'gp3') {
    // Left unset, gp3 gets its baseline (3,000 IOPS, 125 MiB/s), which the storage price includes.
    const baseline = (value: Big | Unknown | undefined, attribute: string) =>
      value === UNKNOWN && v.unset?.(attribute) === true ? undefined : value;
    components.push(
      ...above(
        'IOPS',
        baseline(iops, 'iops'),
        GP3_FREE_IOPS,
        'IOPS-months',
        'ebs/iops/gp3',
        v,
        at('iops'),
        count,
      ),
    );
    components.push(
      ...above(
        'throughput',
        baseline(v.throughput, 'throughput'),
        GP3_FREE_THROUGHPUT,
        'MiBps-months',
        'ebs/throughput/gp3',
        v,
        at('throughput'),
        count,
      ),
    );
  } else if (type === 'io1') {
    components.push(provisioned(iops, 'ebs/iops/io1', v, at('iops'), count));
  } else if (type === 'io2') {
    components.push(...io2Tiers(iops, v, at('iops'), count));
  } else if (type === 'standard') {
    const requests = v.usage
      ? fromUsage(v.usage, 'monthly_standard_io_requests', 1_000_000)
      : ({ kind: 'usage', key: 'monthly_standard_io_requests' } as Quantity);
    components.push({
      name: `${v.label} I/O requests`,
      unit: '1M requests',
      quantity: times(requests, count),
      skus: [{ sku: 'ebs/io/standard' }],
    });
  }
  return components;
}

function provisioned(
  value: Big | Unknown | undefined,
  sku: string,
  v: VolumeInput,
  path: string,
  count: Big | Unknown,
): ComponentSpec {
  const quantity =
    value === UNKNOWN
      ? unknownQuantity(afterApply(path))
      : value === undefined
        ? unknownQuantity(`${path} is not set`)
        : known(value);
  return {
    name: `${v.label} provisioned IOPS`,
    unit: 'IOPS-months',
    quantity: times(quantity, count),
    skus: [{ sku }],
  };
}

/** gp3 IOPS and throughput are free up to a baseline; only what is provisioned above it is billed. */
function above(
  what: string,
  value: Big | Unknown | undefined,
  free: number,
  unit: string,
  sku: string,
  v: VolumeInput,
  path: string,
  count: Big | Unknown,
): ComponentSpec[] {
  if (value === UNKNOWN) {
    return [
      {
        name: `${v.label} provisioned ${what} above ${free}`,
        unit,
        quantity: unknownQuantity(afterApply(path)),
        skus: [{ sku }],
      },
    ];
  }
  if (value === undefined || value.lte(free)) return [];
  return [
    {
      name: `${v.label} provisioned ${what} above ${free}`,
      unit,
      quantity: times(known(value.minus(free)), count),
      skus: [{ sku }],
    },
  ];
}

function io2Tiers(
  iops: Big | Unknown | undefined,
  v: VolumeInput,
  path: string,
  count: Big | Unknown,
): ComponentSpec[] {
  if (iops === UNKNOWN || iops === undefined)
    return [provisioned(iops, 'ebs/iops/io2-tier1', v, path, count)];
  const tiers: [string, Big, string][] = [
    ['(first 32,000)', iops.gt(IO2_TIER1) ? dec(IO2_TIER1) : iops, 'ebs/iops/io2-tier1'],
    ['(32,001–64,000)', clamp(iops.minus(IO2_TIER1), IO2_TIER2 - IO2_TIER1), 'ebs/iops/io2-tier2'],
    ['(above 64,000)', clamp(iops.minus(IO2_TIER2), Infinity), 'ebs/iops/io2-tier3'],
  ];
  return tiers
    .filter(([, q]) => q.gt(0))
    .map(([label, q, sku]) => ({
      name: `${v.label} provisioned IOPS ${label}`,
      unit: 'IOPS-months',
      quantity: times(known(q), count),
      skus: [{ sku }],
    }));
}

function clamp(value: Big, max: number): Big {
  if (value.lt(0)) return dec(0);
  return Number.isFinite(max) && value.gt(max) ? dec(max) : value;
}
