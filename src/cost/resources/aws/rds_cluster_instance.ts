import { UNKNOWN, type Unknown } from '../../attributes.ts';
import type { Resource } from '../../../model/resource.ts';
import { afterApply, fromUsage, monthHours, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer, PricerInput, Quantity, SkuChoice } from '../types.ts';
import { AURORA_ENGINES, auroraSkuEngine, auroraStorage, type AuroraStorage } from './shared/rds.ts';
import { byValue, referenced, sideOf } from './shared/references.ts';

const STORAGE_NAMES: Record<AuroraStorage, string> = { standard: 'Standard', iopt1: 'I/O-Optimized' };

const CLUSTER_NOT_IN_PLAN = 'its cluster is not in the plan: priced as Aurora Standard';

/**
 * An Aurora DB instance: instance hours by engine and class, at the rate of its cluster's storage
 * configuration (I/O-Optimized clusters bill higher instance rates than Aurora Standard ones), or for
 * `db.serverless` the Aurora Serverless v2 capacity from usage: `average_acus` (ACUs averaged over the
 * hours it runs, scaled by monthly_hours) or `monthly_acu_hours`. Storage and I/O are billed on the
 * aws_rds_cluster.
 */
export const rdsClusterInstance: Pricer = {
  types: ['aws_rds_cluster_instance'],
  summary:
    "Aurora instance hours by engine, class and the cluster's storage configuration; Serverless v2 capacity",
  usage: {
    monthly_acu_hours: 'Aurora Serverless v2 ACU-hours a month; wins over average_acus',
    average_acus: 'average ACUs, for every hour the instance runs',
  },
  components(input) {
    const { attrs } = input;
    const cluster = clusterOf(input);
    const clusterAttrs = cluster ? sideOf(cluster, input.side) : undefined;
    let engine = attrs.str('engine');
    if (engine === UNKNOWN || engine === undefined) engine = clusterAttrs?.str('engine') ?? engine;
    const instanceClass = attrs.str('instance_class');
    const classLabel = typeof instanceClass === 'string' ? instanceClass : 'class unknown';

    if (engine === UNKNOWN || engine === undefined) {
      const reason = engine === UNKNOWN ? afterApply('engine') : 'engine is not set';
      return [instance(`Database instance (${classLabel})`, unknownQuantity(reason), [], reason)];
    }
    if (!Object.hasOwn(AURORA_ENGINES, engine)) {
      const reason = `engine "${engine}" is not Aurora: tollgate prices Aurora cluster instances`;
      return [instance(`Database instance (${classLabel}, ${engine})`, monthHours(), [], reason)];
    }
    const engineName = AURORA_ENGINES[engine] as string;
    const skuEngine = auroraSkuEngine(engine);

    let storage: AuroraStorage | Unknown | undefined = 'standard';
    let note: string | undefined = CLUSTER_NOT_IN_PLAN;
    if (cluster && clusterAttrs) {
      storage = auroraStorage(clusterAttrs.str('storage_type'), cluster);
      note = undefined;
    }
    const storageLabel =
      storage === UNKNOWN || storage === undefined ? 'storage unknown' : STORAGE_NAMES[storage];

    if (instanceClass === 'db.serverless') {
      const name = `Aurora Serverless v2 capacity (${engineName}, ${storageLabel})`;
      const quantity = serverlessQuantity(input);
      const spec = priceable(
        name,
        'ACU-hours',
        quantity.value,
        storage,
        (s) => `rds/aurora-serverless-v2/${s}`,
        note,
      );
      if (quantity.hourly) spec.hourly = true;
      return [spec];
    }
    const name = `Database instance (${classLabel}, ${engineName}, ${storageLabel})`;
    if (instanceClass === UNKNOWN || instanceClass === undefined) {
      const reason = instanceClass === UNKNOWN ? afterApply('instance_class') : 'instance_class is not set';
      return [instance(name, unknownQuantity(reason), [], reason)];
    }
    const spec = priceable(
      name,
      'hours',
      monthHours(),
      storage,
      (s) => `rds/instance/${skuEngine}/${s === 'iopt1' ? 'cluster-iopt1' : 'cluster'}/${instanceClass}`,
      note,
    );
    spec.hourly = true;
    return [spec];
  },
};

/** The cluster this instance belongs to, by the configuration's reference or by identifier. */
function clusterOf(input: PricerInput): Resource | undefined {
  const byReference = referenced(input, ['cluster_identifier'], ['aws_rds_cluster']);
  if (byReference) return byReference;
  const id = input.attrs.str('cluster_identifier');
  return typeof id === 'string' ? byValue(input, ['aws_rds_cluster'], 'cluster_identifier', id) : undefined;
}

/** ACU-hours from usage: `monthly_acu_hours` as given, or `average_acus` for every hour it runs. */
function serverlessQuantity(input: PricerInput): { value: Quantity; hourly: boolean } {
  const total = fromUsage(input.usage, 'monthly_acu_hours');
  if (total.kind === 'known') return { value: total, hourly: false };
  const average = input.usage.number('average_acus');
  if (average === undefined) return { value: { kind: 'usage', key: 'average_acus' }, hourly: true };
  return { value: monthHours(average), hourly: true };
}

function priceable(
  name: string,
  unit: string,
  quantity: Quantity,
  storage: AuroraStorage | Unknown | undefined,
  sku: (storage: AuroraStorage) => string,
  note: string | undefined,
): ComponentSpec {
  if (storage === UNKNOWN) {
    const reason = "the cluster's storage_type is known only after apply";
    return { name, unit, quantity: unknownQuantity(reason), skus: [] };
  }
  if (storage === undefined) {
    const reason = "the cluster's storage_type is not Aurora storage";
    return { name, unit, quantity, skus: [], unpricedReason: reason };
  }
  const choice: SkuChoice = { sku: sku(storage) };
  if (note) choice.note = note;
  return { name, unit, quantity, skus: [choice] };
}

function instance(name: string, quantity: Quantity, skus: SkuChoice[], reason: string): ComponentSpec {
  return { name, unit: 'hours', quantity, skus, hourly: true, unpricedReason: reason };
}
