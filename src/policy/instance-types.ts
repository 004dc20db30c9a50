/**
 * Where each resource type keeps its instance types and classes. A forbidden list of `p4d.*` must
 * catch a GPU wherever it is asked for: an instance, a node group's list, a launch template, an
 * autoscaling group's overrides, a database or cache class.
 */
import { AttrView, UNKNOWN, type Unknown } from '../cost/attributes.ts';
import type { Resource } from '../model/resource.ts';

/** Attribute paths; `*` is every element of a list (nested blocks, or a list of strings). */
const PATHS: Record<string, readonly (readonly string[])[]> = {
  aws_instance: [['instance_type']],
  aws_spot_instance_request: [['instance_type']],
  aws_launch_template: [['instance_type']],
  aws_launch_configuration: [['instance_type']],
  aws_autoscaling_group: [
    ['mixed_instances_policy', '*', 'launch_template', '*', 'override', '*', 'instance_type'],
  ],
  aws_eks_node_group: [['instance_types', '*']],
  aws_db_instance: [['instance_class']],
  aws_rds_cluster_instance: [['instance_class']],
  aws_rds_cluster: [['db_cluster_instance_class']],
  aws_docdb_cluster_instance: [['instance_class']],
  aws_neptune_cluster_instance: [['instance_class']],
  aws_elasticache_cluster: [['node_type']],
  aws_elasticache_replication_group: [['node_type']],
  aws_memorydb_cluster: [['node_type']],
  aws_dax_cluster: [['node_type']],
  aws_redshift_cluster: [['node_type']],
  aws_opensearch_domain: [
    ['cluster_config', '*', 'instance_type'],
    ['cluster_config', '*', 'dedicated_master_type'],
    ['cluster_config', '*', 'warm_type'],
  ],
  aws_elasticsearch_domain: [
    ['cluster_config', '*', 'instance_type'],
    ['cluster_config', '*', 'dedicated_master_type'],
    ['cluster_config', '*', 'warm_type'],
  ],
  aws_emr_cluster: [
    ['master_instance_group', '*', 'instance_type'],
    ['core_instance_group', '*', 'instance_type'],
  ],
  aws_emr_instance_group: [['instance_type']],
  aws_batch_compute_environment: [['compute_resources', '*', 'instance_type', '*']],
  aws_sagemaker_notebook_instance: [['instance_type']],
  aws_sagemaker_endpoint_configuration: [['production_variants', '*', 'instance_type']],
  aws_msk_cluster: [['broker_node_group_info', '*', 'instance_type']],
  aws_mq_broker: [['host_instance_type']],
};

/** Whether tollgate knows where this type keeps instance types. */
export function hasInstanceTypes(type: string): boolean {
  return Object.hasOwn(PATHS, type);
}

export interface InstanceTypeValue {
  /** The attribute path it was read from, as users write it: `cluster_config[0].instance_type`. */
  attribute: string;
  value: string | Unknown;
}

/** The instance types a resource asks for after the change; UNKNOWN where known only after apply. */
export function instanceTypes(resource: Resource): InstanceTypeValue[] {
  const paths = Object.hasOwn(PATHS, resource.type) ? (PATHS[resource.type] ?? []) : [];
  if (paths.length === 0 || !resource.after) return [];
  const view = AttrView.of(resource.after, resource.afterUnknown, resource.config?.expressions);
  return paths.flatMap((path) => collect(view, path, []));
}

function collect(view: AttrView, path: readonly string[], prefix: (string | number)[]): InstanceTypeValue[] {
  const star = path.indexOf('*');
  if (star < 0) {
    const full = [...prefix, ...path];
    const v = view.get(full);
    if (v === UNKNOWN) return [{ attribute: show(full), value: UNKNOWN }];
    return typeof v === 'string' && v !== '' ? [{ attribute: show(full), value: v }] : [];
  }
  const listPath = [...prefix, ...path.slice(0, star)];
  const list = view.get(listPath);
  if (list === UNKNOWN) return [{ attribute: show(listPath), value: UNKNOWN }];
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, i) => collect(view, path.slice(star + 1), [...listPath, i]));
}

function show(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    '',
  );
}
