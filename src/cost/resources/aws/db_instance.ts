import type Big from 'big.js';
import { UNKNOWN, type AttrView, type Unknown } from '../../attributes.ts';
import { afterApply, fromUsage, known, monthHours, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer, PricerInput, Quantity } from '../types.ts';
import { deploymentSkus, DEPLOYMENT_NAMES, type Deployment } from './shared/rds.ts';
import { isConfigured, referenced, sideOf, withDefault } from './shared/references.ts';

/** The engines whose instance prices the catalog carries, with AWS's names for them. */
const ENGINES: Record<string, string> = { mysql: 'MySQL', postgres: 'PostgreSQL', mariadb: 'MariaDB' };
const ENGINE_LIST = 'MySQL, PostgreSQL and MariaDB';

const STORAGE_TYPES = new Set(['gp2', 'gp3', 'io1', 'io2', 'standard']);

/**
 * gp3 storage includes a baseline of IOPS and throughput; only what is provisioned above it is billed.
 * RDS stripes gp3 storage across four volumes from 400 GiB for Db2, MariaDB, MySQL and PostgreSQL and
 * from 200 GiB for Oracle, which raises the baseline from 3,000 IOPS / 125 MiB/s to 12,000 / 500;
 * SQL Server storage is never striped, so its baseline stays at 3,000 / 125 (RDS User Guide,
 * "General Purpose SSD storage", gp3).
 */
const GP3_BASELINE = {
  small: { iops: 3000, throughput: 125 },
  large: { iops: 12000, throughput: 500 },
};
const GP3_STRIPED_FROM_GB = { oracle: 200, other: 400 };

/**
 * An RDS DB instance (MySQL, PostgreSQL, MariaDB): instance hours by class and deployment, storage by
 * type and deployment, provisioned IOPS (io1: all; gp3: above the baseline), gp3 throughput above the
 * baseline, and magnetic I/O requests from usage. A read replica (`replicate_source_db`) is billed as
 * an instance of its own; what it leaves to the source (engine, storage size) is read from the source
 * when the source is in the plan. An engine the catalog has no instance prices for (Oracle, SQL Server,
 * Db2) still has its storage priced; its instance hours are named as not priced. Backup storage beyond
 * the free 100% of the database size and extended-support charges are not priced.
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

    // Aurora storage is billed on the cluster, so an Aurora engine here leaves nothing else to price.
    if (typeof engine === 'string' && engine.startsWith('aurora')) {
      return [
        {
          name: `Database instance (${typeof instanceClass === 'string' ? instanceClass : 'class unknown'}, ${engine})`,
          unit: 'hours',
          quantity: monthHours(),
          skus: [],
          hourly: true,
          unpricedReason: `engine "${engine}" is Aurora: its instances are priced as aws_rds_cluster_instance`,
        },
      ];
    }

    const components = [instanceHours(engine, instanceClass, deployment)];
    const iops = inherit(attrs.num('iops'), source?.num('iops'));
    const size = inherit(attrs.num('allocated_storage'), source?.num('allocated_storage'));
    let storageType = inherit(attrs.str('storage_type'), source?.str('storage_type'));
    let typeNote: string | undefined;
    if (replica && !source) {
      // A replica whose source is outside the plan has the source's storage type, which we cannot see.
      storageType ??= UNKNOWN;
    } else {
      // Left out of the configuration, the provider's documented default applies: io1 when iops is
      // given, gp2 when not. Written there but unknown until apply, it stays unknown.
      const iopsGiven =
        iops !== undefined && !(iops === UNKNOWN && isConfigured(resource, ['iops']) === false);
      const fallback = iopsGiven ? 'io1' : 'gp2';
      const resolved = withDefault(resource, ['storage_type'], storageType, fallback);
      if (resolved !== storageType) {
        typeNote = `storage_type is not set: ${fallback}, the default${iopsGiven ? ' when iops is set' : ''}`;
      }
      storageType = resolved;
    }
    const sizeQuantity: Quantity =
      size === UNKNOWN
        ? unknownQuantity(afterApply('allocated_storage'))
        : size === undefined
          ? unknownQuantity(`allocated_storage is not set: ${unsetSizeReason(attrs, replica)}`)
          : known(size);
    components.push(
      ...storage(input, {
        engine,
        type: storageType,
        typeNote,
        deployment,
        size: sizeQuantity,
        iops,
        throughput: attrs.num('storage_throughput'),
      }),
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
    typeof engine === 'string' ? (ENGINES[engine] ?? engine) : 'engine unknown',
    deployment === UNKNOWN ? 'deployment unknown' : DEPLOYMENT_NAMES[deployment],
  ].join(', ');
  const name = `Database instance (${label})`;
  if (typeof engine === 'string' && !Object.hasOwn(ENGINES, engine)) {
    const reason = `the catalog has no instance prices for engine "${engine}" (it has ${ENGINE_LIST})`;
    return { name, unit: 'hours', quantity: monthHours(), skus: [], hourly: true, unpricedReason: reason };
  }
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

interface StorageSpec {
  engine: string | Unknown | undefined;
  type: string | Unknown;
  /** Why the type is what it is, when the configuration leaves it to the default. */
  typeNote: string | undefined;
  deployment: Deployment | Unknown;
  size: Quantity;
  iops: Big | Unknown | undefined;
  throughput: Big | Unknown | undefined;
}

/**
 * Storage, priced the same for every engine: the catalog's RDS storage, IOPS and throughput prices
 * depend on the storage type and deployment only.
 */
function storage(input: PricerInput, spec: StorageSpec): ComponentSpec[] {
  const { type, deployment, size, iops } = spec;
  const where = deployment === UNKNOWN ? 'deployment unknown' : DEPLOYMENT_NAMES[deployment];
  if (type === UNKNOWN || !STORAGE_TYPES.has(type)) {
    const reason =
      type === UNKNOWN ? afterApply('storage_type') : `storage type "${type}" is not known to tollgate`;
    return [unpriced(`Storage (${type === UNKNOWN ? 'type unknown' : type}, ${where})`, 'GB-months', reason)];
  }
  const byDeployment = (prefix: string): ComponentSpec['skus'] =>
    deployment === UNKNOWN ? [] : deploymentSkus(prefix, deployment);
  const deploymentUnknown = deployment === UNKNOWN ? afterApply('multi_az') : undefined;
  const volume: ComponentSpec = {
    name: `Storage (${type}, ${where})`,
    unit: 'GB-months',
    quantity: deploymentUnknown ? unknownQuantity(deploymentUnknown) : size,
    skus: byDeployment(`rds/storage/${type}`),
  };
  if (spec.typeNote) volume.note = spec.typeNote;
  const components = [volume];

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
    const baseline = gp3Baseline(spec.engine, size);
    const above = (what: 'IOPS' | 'throughput', attribute: string, value: Big | Unknown | undefined) =>
      aboveBaseline(input, { what, attribute, value, where }, baseline, {
        unit: what === 'IOPS' ? 'IOPS-months' : 'MiBps-months',
        skus: byDeployment(what === 'IOPS' ? 'rds/iops/gp3' : 'rds/throughput/gp3'),
      });
    components.push(
      ...above('IOPS', 'iops', iops),
      ...above('throughput', 'storage_throughput', spec.throughput),
    );
  }
  return components;
}

type Gp3Baseline = 'small' | 'large' | Quantity;

/** Which gp3 baseline applies; a quantity saying why when the size or the engine is not known. */
function gp3Baseline(engine: string | Unknown | undefined, size: Quantity): Gp3Baseline {
  if (size.kind !== 'known') return size;
  // Below the lowest striping threshold every engine has the small baseline.
  if (size.value.lt(GP3_STRIPED_FROM_GB.oracle)) return 'small';
  if (typeof engine !== 'string') return unknownQuantity(missing(engine, 'engine') ?? 'engine unknown');
  if (engine.includes('sqlserver')) return 'small';
  const from = engine.includes('oracle') ? GP3_STRIPED_FROM_GB.oracle : GP3_STRIPED_FROM_GB.other;
  return size.value.gte(from) ? 'large' : 'small';
}

/**
 * gp3 IOPS or throughput above the baseline. Left out of the configuration, AWS provisions exactly the
 * baseline, which costs nothing extra; set but unknown until apply, the charge is unknown. A value
 * within the small baseline is free whatever the size and engine.
 */
function aboveBaseline(
  input: PricerInput,
  of: { what: 'IOPS' | 'throughput'; attribute: string; value: Big | Unknown | undefined; where: string },
  baseline: Gp3Baseline,
  price: { unit: string; skus: ComponentSpec['skus'] },
): ComponentSpec[] {
  const { what, attribute, value, where } = of;
  if (value === undefined || (value === UNKNOWN && isConfigured(input.resource, [attribute]) === false))
    return [];
  const key = what === 'IOPS' ? 'iops' : 'throughput';
  const free = typeof baseline === 'string' ? GP3_BASELINE[baseline][key] : 'the baseline';
  const name = `Provisioned ${what} above ${free} (gp3, ${where})`;
  const spec = (quantity: Quantity): ComponentSpec[] => [{ name, ...price, quantity }];
  if (value === UNKNOWN) return spec(unknownQuantity(afterApply(attribute)));
  if (value.lte(GP3_BASELINE.small[key])) return [];
  if (typeof baseline !== 'string') return spec(baseline);
  const above = value.minus(GP3_BASELINE[baseline][key]);
  return above.gt(0) ? spec(known(above)) : [];
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
