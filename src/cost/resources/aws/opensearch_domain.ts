import type Big from 'big.js';
import { UNKNOWN, type AttrView, type Unknown } from '../../attributes.ts';
import { dec } from '../../money.ts';
import { afterApply, fromUsage, known, monthHours, times, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer, PricerInput, Quantity } from '../types.ts';
import { isConfigured } from './shared/references.ts';

const EBS_TYPES = new Set(['gp2', 'gp3']);

/**
 * A gp3 volume of up to 170 GiB includes 3,000 IOPS and 125 MiB/s; OpenSearch Service bills what is
 * provisioned above that on every data node. What a larger volume includes depends on its size (the
 * AWS Pricing Calculator adds throughput per 3 TB), by a rule tollgate does not carry: above
 * 3,000 / 125 on such a volume the extra is left unknown rather than guessed.
 */
const GP3_INCLUDED = { upToGb: 170, iops: 3000, throughput: 125 };

/**
 * An OpenSearch (or Elasticsearch) domain: data nodes, dedicated master nodes and UltraWarm nodes by
 * instance type × count, and EBS storage for every data node: volume_size is per node, so the domain
 * stores volume_size × instance_count GB (a common tool bills one volume), and gp3 IOPS and throughput
 * above what each volume includes. Elasticsearch names its types `*.elasticsearch`; they are the same
 * instances as `*.search`. UltraWarm and cold managed storage are named as not priced.
 */
export const opensearchDomain: Pricer = {
  types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  summary:
    'data, dedicated master and UltraWarm node hours, EBS storage per data node, gp3 IOPS and throughput above the included baseline, UltraWarm and cold storage',
  usage: {
    ultrawarm_storage_gb: 'GB in UltraWarm managed storage',
    cold_storage_gb: 'GB in cold storage',
  },
  components(input) {
    const { attrs, usage } = input;
    const blocks = attrs.blocks('cluster_config');
    if (blocks === UNKNOWN) {
      const reason = afterApply('cluster_config');
      return [
        { name: 'Data nodes', unit: 'hours', quantity: unknownQuantity(reason), skus: [], hourly: true },
      ];
    }
    // Without a cluster_config block the provider's defaults apply: one data node (instance_count = 1).
    const cluster = blocks[0];
    const at = (name: string) => `cluster_config[0].${name}`;
    const dataCount = cluster ? cluster.num('instance_count') : dec(1);
    const components: ComponentSpec[] = [
      nodes(
        'Data nodes',
        cluster?.str('instance_type'),
        dataCount ?? dec(1),
        at('instance_type'),
        at('instance_count'),
      ),
    ];

    const masters = cluster?.bool('dedicated_master_enabled');
    if (masters === UNKNOWN) {
      components.push(unknownNodes('Dedicated master nodes', afterApply(at('dedicated_master_enabled'))));
    } else if (masters === true && cluster) {
      components.push(
        nodes(
          'Dedicated master nodes',
          cluster.str('dedicated_master_type'),
          cluster.num('dedicated_master_count'),
          at('dedicated_master_type'),
          at('dedicated_master_count'),
        ),
      );
    }

    const warm = cluster?.bool('warm_enabled');
    if (warm === UNKNOWN) {
      components.push(unknownNodes('UltraWarm nodes', afterApply(at('warm_enabled'))));
    } else if (warm === true && cluster) {
      components.push(
        nodes(
          'UltraWarm nodes',
          cluster.str('warm_type'),
          cluster.num('warm_count'),
          at('warm_type'),
          at('warm_count'),
        ),
        {
          name: 'UltraWarm managed storage',
          unit: 'GB-months',
          quantity: fromUsage(usage, 'ultrawarm_storage_gb'),
          skus: [],
          unpricedReason: 'UltraWarm managed storage prices are not in the catalog',
        },
      );
    }
    const cold = cluster?.blocks('cold_storage_options');
    const coldEnabled = cold === UNKNOWN ? UNKNOWN : cold?.[0]?.bool('enabled');
    // The provider computes the block when the configuration leaves it out: then cold storage is off.
    if (
      coldEnabled === UNKNOWN &&
      isConfigured(input.resource, ['cluster_config', 0, 'cold_storage_options']) !== false
    ) {
      const path = cold === UNKNOWN ? at('cold_storage_options') : at('cold_storage_options[0].enabled');
      components.push({
        name: 'Cold storage',
        unit: 'GB-months',
        quantity: unknownQuantity(afterApply(path)),
        skus: [],
      });
    } else if (coldEnabled === true) {
      components.push({
        name: 'Cold storage',
        unit: 'GB-months',
        quantity: fromUsage(usage, 'cold_storage_gb'),
        skus: [],
        unpricedReason: 'cold storage prices are not in the catalog',
      });
    }

    components.push(...storage(input, dataCount ?? dec(1)));
    return components;
  },
};

function nodes(
  label: string,
  type: string | Unknown | undefined,
  count: Big | Unknown | undefined,
  typePath: string,
  countPath: string,
): ComponentSpec {
  const name = `${label} (${count === UNKNOWN || count === undefined ? '?' : count.toString()} × ${typeof type === 'string' ? type : 'type unknown'})`;
  const missing =
    type === UNKNOWN
      ? afterApply(typePath)
      : type === undefined
        ? `${typePath} is not set`
        : count === UNKNOWN
          ? afterApply(countPath)
          : count === undefined
            ? `${countPath} is not set`
            : undefined;
  if (missing || typeof type !== 'string' || count === UNKNOWN || count === undefined) {
    return { name, unit: 'hours', quantity: unknownQuantity(missing ?? 'unknown'), skus: [], hourly: true };
  }
  return {
    name,
    unit: 'hours',
    quantity: times(monthHours(), count),
    skus: [{ sku: `opensearch/instance/${searchType(type)}` }],
    hourly: true,
  };
}

function unknownNodes(label: string, reason: string): ComponentSpec {
  return { name: label, unit: 'hours', quantity: unknownQuantity(reason), skus: [], hourly: true };
}

/** EBS volumes: one of volume_size GB on each data node. */
function storage(input: PricerInput, dataNodes: Big | Unknown): ComponentSpec[] {
  const blocks = input.attrs.blocks('ebs_options');
  const ebs = blocks === UNKNOWN ? undefined : blocks[0];
  const enabled = blocks === UNKNOWN ? UNKNOWN : ebs?.bool('ebs_enabled');
  if (enabled === false || (enabled === undefined && !ebs)) return [];
  const type = ebs?.str('volume_type');
  const size = ebs?.num('volume_size');
  const typeLabel = typeof type === 'string' ? type : 'type unknown';
  const sizeLabel = size === UNKNOWN || size === undefined ? '?' : size.toString();
  const name = `Storage (${typeLabel}, ${nodesLabel(dataNodes)} × ${sizeLabel} GB)`;
  const missing =
    enabled === UNKNOWN
      ? afterApply('ebs_options[0].ebs_enabled')
      : type === UNKNOWN
        ? afterApply('ebs_options[0].volume_type')
        : type === undefined
          ? 'ebs_options[0].volume_type is not set'
          : size === UNKNOWN
            ? afterApply('ebs_options[0].volume_size')
            : size === undefined
              ? 'ebs_options[0].volume_size is not set'
              : undefined;
  if (missing || typeof type !== 'string' || size === UNKNOWN || size === undefined) {
    return [{ name, unit: 'GB-months', quantity: unknownQuantity(missing ?? 'unknown'), skus: [] }];
  }
  const quantity = times(known(size), dataNodes);
  if (!EBS_TYPES.has(type)) {
    const reason = `OpenSearch ${type} volume prices are not in the catalog`;
    return [{ name, unit: 'GB-months', quantity, skus: [], unpricedReason: reason }];
  }
  const components: ComponentSpec[] = [
    { name, unit: 'GB-months', quantity, skus: [{ sku: `opensearch/storage/${type}` }] },
  ];
  if (type === 'gp3' && ebs) {
    const at: DataVolume = { input, ebs, size, dataNodes };
    components.push(
      ...aboveIncluded(at, { what: 'IOPS', attribute: 'iops', unit: 'IOPS-months' }),
      ...aboveIncluded(at, { what: 'throughput', attribute: 'throughput', unit: 'MiBps-months' }),
    );
  }
  return components;
}

/** The gp3 volume each data node has. */
interface DataVolume {
  input: PricerInput;
  ebs: AttrView;
  size: Big;
  dataNodes: Big | Unknown;
}

/**
 * gp3 IOPS or throughput above what each data node's volume includes, for every data node. Left out of
 * the configuration, AWS provisions what is included, which costs nothing extra; set but unknown until
 * apply, the charge is unknown.
 */
function aboveIncluded(
  at: DataVolume,
  of: { what: 'IOPS' | 'throughput'; attribute: 'iops' | 'throughput'; unit: string },
): ComponentSpec[] {
  const path = `ebs_options[0].${of.attribute}`;
  const value = at.ebs.num(of.attribute);
  const leftToAws = isConfigured(at.input.resource, ['ebs_options', 0, of.attribute]) === false;
  if (value === undefined || (value === UNKNOWN && leftToAws)) return [];
  const included = GP3_INCLUDED[of.attribute];
  const small = at.size.lte(GP3_INCLUDED.upToGb);
  const name = `Provisioned ${of.what} above ${small ? included : 'the included baseline'} (gp3, ${nodesLabel(at.dataNodes)})`;
  const spec = (quantity: Quantity): ComponentSpec[] => [
    { name, unit: of.unit, quantity, skus: [{ sku: `opensearch/${of.attribute}/gp3` }] },
  ];
  if (value === UNKNOWN) return spec(unknownQuantity(afterApply(path)));
  if (value.lte(included)) return [];
  if (!small) {
    const reason = `what a gp3 volume over ${GP3_INCLUDED.upToGb} GB includes depends on its size, by a rule tollgate does not carry`;
    return spec(unknownQuantity(reason));
  }
  return spec(times(known(value.minus(included)), at.dataNodes));
}

function nodesLabel(count: Big | Unknown): string {
  if (count === UNKNOWN) return '? data nodes';
  return `${count.toString()} data node${count.eq(1) ? '' : 's'}`;
}

/** `m5.large.elasticsearch` is the instance `m5.large.search`. */
function searchType(type: string): string {
  return type.replace(/\.elasticsearch$/, '.search');
}
