import type Big from 'big.js';
import { UNKNOWN, type AttrView, type Unknown } from '../../attributes.ts';
import { afterApply, fromUsage, known, monthHours, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer, PricerInput, Quantity } from '../types.ts';
import { deploymentSkus, DEPLOYMENT_NAMES, type Deployment } from './shared/rds.ts';
import { isConfigured, referenced, sideOf, withDefault } from './shared/references.ts';

/** The engines whose instance and storage prices the catalog carries, with AWS's names for them. */
const ENGINES: Record<string, string> = { mysql: 'MySQL', postgres: 'PostgreSQL', mariadb: 'MariaDB' };

const STORAGE_TYPES = new Set(['gp2', 'gp3', 'io1', 'io2', 'standard']);

/**
 * gp3 storage includes a baseline of IOPS and throughput that grows at 400 GiB for MySQL, PostgreSQL and
 * MariaDB (RDS User Guide, "General Purpose SSD storage"); only what is provisioned above it is billed.
 */
const GP3_LARGE_FROM_GB = 400;
const GP3_BASELINE = {
  small: { iops: 3000, throughput: 125 },
  large: { iops: 12000, throughput: 500 },
};

/**
 * An RDS DB instance (MySQL, PostgreSQL, MariaDB): instance hours by class and deployment, storage by
 * type and deployment, provisioned IOPS (io1: all; gp3: above the baseline), gp3 throughput above the
 * baseline, and magnetic I/O requests from usage. A read replica (`replicate_source_db`) is billed as
 * an instance of its own; what it leaves to the source (engine, storage size) is read from the source
 * when the source is in the plan. Backup storage beyond the free 100% of the database size and
 * extended-support charges are not priced.
 */
export const dbInstance: Pricer = {
  types: ['aws_db_instance'],
  summary:
    'instance hours by engine, class and deployment (Multi-AZ), storage by type, provisioned IOPS and gp3 throughput above the baseline, magnetic I/O',
  usage: { monthly_standard_io_requests: 'I/O requests a month on magnetic (standard) storage' },
  components(input) {
    const { attrs, resource, usage } = input;
    // A read replica is an instance billed like any other; what it leaves unset it takes from its source.
    const replica = attrs.str('replicate_source_db') !== undefined;
    const source = replica ? replicaSource(input) : undefined;
    const engine = inherit(attrs.str('engine'), source?.str('engine'));
    const instanceClass = attrs.str('instance_class');
    // A DB instance is Single-AZ unless multi_az says otherwise (CreateDBInstance: MultiAZ defaults to false).
    const multiAz = withDefault(resource, ['multi_az'], attrs.bool('multi_az'), false);
    const deployment: Deployment | Unknown =
      multiAz === UNKNOWN ? UNKNOWN : multiAz ? 'multi-az' : 'single-az';

    if (typeof engine === 'string' && !Object.hasOwn(ENGINES, engine)) {
      const reason = engine.startsWith('aurora')
        ? `engine "${engine}" is Aurora: its instances are priced as aws_rds_cluster_instance`
        : `engine "${engine}" is not priced: the catalog has MySQL, PostgreSQL and MariaDB prices`;
      return [
        {
          name: `Database instance (${typeof instanceClass === 'string' ? instanceClass : 'class unknown'}, ${engine})`,
          unit: 'hours',
          quantity: monthHours(),
          skus: [],
          hourly: true,
          unpricedReason: reason,
        },
      ];
    }

    const components = [instanceHours(engine, instanceClass, deployment)];
    const iops = inherit(attrs.num('iops'), source?.num('iops'));
    const size = inherit(attrs.num('allocated_storage'), source?.num('allocated_storage'));
    let storageType = inherit(attrs.str('storage_type'), source?.str('storage_type'));
    if (replica && !source) {
      // A replica whose source is outside the plan has the source's storage type, which we cannot see.
      storageType ??= UNKNOWN;
    } else {
      // The provider's default storage type: io1 when iops is given, gp2 when not.
      const iopsGiven =
        iops !== undefined && !(iops === UNKNOWN && isConfigured(resource, ['iops']) === false);
      storageType = withDefault(resource, ['storage_type'], storageType, iopsGiven ? 'io1' : 'gp2');
    }
    const sizeQuantity: Quantity =
      size === UNKNOWN
        ? unknownQuantity(afterApply('allocated_storage'))
        : size === undefined
          ? unknownQuantity(`allocated_storage is not set: ${unsetSizeReason(attrs, replica)}`)
          : known(size);
    components.push(
      ...storage(input, storageType, deployment, sizeQuantity, iops, attrs.num('storage_throughput')),
    );
    if (storageType === 'standard') {
      components.push({
        name: 'I/O requests (magnetic)',
        unit: '1M requests',
        quantity: fromUsage(usage, 'monthly_standard_io_requests', 1_000_000),
        skus: [{ sku: 'rds/io/standard' }],
      });
    }
    return components;
  },
};

function instanceHours(
  engine: string | Unknown | undefined,
  instanceClass: string | Unknown | undefined,
  deployment: Deployment | Unknown,
): ComponentSpec {
  const label = [
    typeof instanceClass === 'string' ? instanceClass : 'class unknown',
    typeof engine === 'string' ? ENGINES[engine] : 'engine unknown',
    deployment === UNKNOWN ? 'deployment unknown' : DEPLOYMENT_NAMES[deployment],
  ].join(', ');
  const name = `Database instance (${label})`;
  const reason =
    missing(engine, 'engine') ?? missing(instanceClass, 'instance_class') ?? missing(deployment, 'multi_az');
  if (reason || typeof engine !== 'string' || typeof instanceClass !== 'string' || deployment === UNKNOWN) {
    const why = reason ?? 'unknown';
    return {
      name,
      unit: 'hours',
      quantity: unknownQuantity(why),
      skus: [],
      hourly: true,
      unpricedReason: why,
    };
  }
  return {
    name,
    unit: 'hours',
    quantity: monthHours(),
    skus: deploymentSkus(`rds/instance/${engine}`, deployment, `/${instanceClass}`),
    hourly: true,
  };
}

function storage(
  input: PricerInput,
  type: string | Unknown,
  deployment: Deployment | Unknown,
  size: Quantity,
  iops: Big | Unknown | undefined,
  throughput: Big | Unknown | undefined,
): ComponentSpec[] {
  const where = deployment === UNKNOWN ? 'deployment unknown' : DEPLOYMENT_NAMES[deployment];
  if (type === UNKNOWN || !STORAGE_TYPES.has(type)) {
    const reason =
      type === UNKNOWN ? afterApply('storage_type') : `storage type "${type}" is not known to tollgate`;
    return [unpriced(`Storage (${type === UNKNOWN ? 'type unknown' : type}, ${where})`, 'GB-months', reason)];
  }
  const byDeployment = (prefix: string): ComponentSpec['skus'] =>
    deployment === UNKNOWN ? [] : deploymentSkus(prefix, deployment);
  const deploymentUnknown = deployment === UNKNOWN ? afterApply('multi_az') : undefined;
  const components: ComponentSpec[] = [
    {
      name: `Storage (${type}, ${where})`,
      unit: 'GB-months',
      quantity: deploymentUnknown ? unknownQuantity(deploymentUnknown) : size,
      skus: byDeployment(`rds/storage/${type}`),
    },
  ];

  if (type === 'io1' || type === 'io2') {
    const quantity =
      iops === UNKNOWN
        ? unknownQuantity(afterApply('iops'))
        : iops === undefined
          ? unknownQuantity(`iops is not set: ${type} storage needs provisioned IOPS`)
          : known(iops);
    const component: ComponentSpec = {
      name: `Provisioned IOPS (${type}, ${where})`,
      unit: 'IOPS-months',
      quantity: deploymentUnknown ? unknownQuantity(deploymentUnknown) : quantity,
      skus: type === 'io1' ? byDeployment('rds/iops/io1') : [],
    };
    // The price list tollgate knows has no key for io2 IOPS on RDS; the storage itself is priced.
    if (type === 'io2') component.unpricedReason = 'RDS io2 provisioned IOPS are not in the price catalog';
    components.push(component);
  } else if (type === 'gp3') {
    // The baseline depends on the size: with the size unknown, so is what lies above it.
    const baseline =
      size.kind !== 'known'
        ? { iops: size, throughput: size }
        : size.value.gte(GP3_LARGE_FROM_GB)
          ? GP3_BASELINE.large
          : GP3_BASELINE.small;
    components.push(
      ...aboveBaseline(
        input,
        'IOPS',
        'iops',
        iops,
        baseline.iops,
        'IOPS-months',
        byDeployment('rds/iops/gp3'),
        where,
      ),
      ...aboveBaseline(
        input,
        'throughput',
        'storage_throughput',
        throughput,
        baseline.throughput,
        'MiBps-months',
        byDeployment('rds/throughput/gp3'),
        where,
      ),
    );
  }
  return components;
}

/**
 * gp3 IOPS or throughput above the baseline. Left out of the configuration, AWS provisions exactly the
 * baseline, which costs nothing extra; set but unknown until apply, the charge is unknown.
 */
function aboveBaseline(
  input: PricerInput,
  what: string,
  attribute: string,
  value: Big | Unknown | undefined,
  baseline: number | Quantity,
  unit: string,
  skus: ComponentSpec['skus'],
  where: string,
): ComponentSpec[] {
  if (value === undefined || (value === UNKNOWN && isConfigured(input.resource, [attribute]) === false))
    return [];
  const name = `Provisioned ${what} above ${typeof baseline === 'number' ? baseline : 'the baseline'} (gp3, ${where})`;
  if (value === UNKNOWN) return [{ name, unit, quantity: unknownQuantity(afterApply(attribute)), skus }];
  if (typeof baseline !== 'number') return [{ name, unit, quantity: baseline, skus }];
  if (value.lte(baseline)) return [];
  return [{ name, unit, quantity: known(value.minus(baseline)), skus }];
}

/** The source DB of a read replica, when it is in the same plan. */
function replicaSource(input: PricerInput): AttrView | undefined {
  const source = referenced(input, ['replicate_source_db'], ['aws_db_instance']);
  return source ? sideOf(source, input.side) : undefined;
}

function unsetSizeReason(attrs: AttrView, replica: boolean): string {
  if (replica) return 'a read replica takes it from its source, which is not in the plan';
  if (attrs.str('snapshot_identifier') !== undefined) return 'the size comes from the snapshot';
  return 'no size to price';
}

/** A replica's own value, else what it takes from its source. */
function inherit<T>(
  own: T | Unknown | undefined,
  fromSource: T | Unknown | undefined,
): T | Unknown | undefined {
  if (own !== undefined && own !== UNKNOWN) return own;
  return fromSource !== undefined && fromSource !== UNKNOWN ? fromSource : own;
}

function missing(value: unknown, attribute: string): string | undefined {
  if (value === UNKNOWN) return afterApply(attribute);
  if (value === undefined) return `${attribute} is not set`;
  return undefined;
}

function unpriced(name: string, unit: string, reason: string): ComponentSpec {
  return { name, unit, quantity: unknownQuantity(reason), skus: [], unpricedReason: reason };
}
