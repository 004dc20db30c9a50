import { UNKNOWN } from '../../attributes.ts';
import { dec } from '../../money.ts';
import { afterApply } from '../quantity.ts';
import type { Pricer } from '../types.ts';
import {
  countOf,
  fleetComponents,
  launchTemplateSpec,
  type Count,
  type LaunchSpec,
} from './shared/launch.ts';
import { followReference, leftToDefault, withDefault } from './shared/references.ts';
import { EBS_USAGE } from './shared/ebs.ts';
import { CAPACITY_BLOCK_NOT_PRICED } from './shared/market.ts';

/** The provider's default when `instance_types` is not set (aws_eks_node_group docs). */
const DEFAULT_INSTANCE_TYPE = 't3.medium';

/**
 * An EKS managed node group bills its EC2 instances: `scaling_config[0].desired_size` instances of
 * the first of `instance_types` (default t3.medium), each with its root volume. With on-demand
 * capacity, EKS launches the instance types in the order given ("prioritized"), so the first type
 * is the one that runs while it has capacity; the others are fallbacks and are not priced.
 *
 * Without a launch template EKS creates each node's root volume as gp2 of `disk_size` GiB (default
 * 20, 50 for Windows AMI types: EKS CreateNodegroup docs). With `launch_template` the template
 * supplies the instance type (when `instance_types` is not set), the volumes, tenancy and
 * monitoring; a template created in the same plan is found through the plan's configuration, as
 * for aws_autoscaling_group.
 *
 * Not priced, and said so: SPOT capacity (the catalog holds on-demand prices; volumes are still
 * priced) and Windows AMI types (the catalog holds Linux prices, without the Windows license).
 */
export const eksNodeGroup: Pricer = {
  types: ['aws_eks_node_group'],
  summary:
    "desired_size × the first instance type's hours and root volume (or the launch template's volumes and public IPv4 addresses)",
  usage: EBS_USAGE,
  components(input) {
    const { attrs, resource, usage } = input;
    const desired = attrs.num(['scaling_config', 0, 'desired_size']);
    const count: Count =
      desired === undefined
        ? { unknown: 'scaling_config[0].desired_size is not set' }
        : countOf(desired, 'scaling_config[0].desired_size');
    const amiType = withDefault(resource, ['ami_type'], attrs.str('ami_type'), 'AL2_x86_64');
    const windows = typeof amiType === 'string' && amiType.startsWith('WINDOWS');
    const capacity = withDefault(resource, ['capacity_type'], attrs.str('capacity_type'), 'ON_DEMAND');

    const templates = attrs.blocks('launch_template');
    let launch: LaunchSpec;
    let typeUnknown: string | undefined;
    if (templates !== UNKNOWN && templates.length > 0) {
      const found = followReference(input, {
        type: 'aws_launch_template',
        what: 'launch template',
        via: [
          { path: ['launch_template', 0, 'id'], names: (t, v) => t.str('id') === v },
          { path: ['launch_template', 0, 'name'], names: (t, v) => t.str('name') === v },
        ],
      });
      if (found.kind === 'found') {
        launch = launchTemplateSpec(found.address, found.attrs, found.resource);
      } else {
        const reason =
          found.kind === 'missing' ? found.reason : 'launch_template names no template (neither id nor name)';
        launch = {
          instanceType: undefined,
          typeAttribute: 'instance_type',
          tenancy: undefined,
          volumes: [],
          volumesUnknown: reason,
          monitoring: undefined,
        };
        typeUnknown = reason;
      }
    } else {
      const disk = withDefault(resource, ['disk_size'], attrs.num('disk_size'), dec(windows ? 50 : 20));
      launch = {
        instanceType: undefined,
        typeAttribute: 'instance_types',
        tenancy: undefined,
        volumes: [
          {
            label: 'Root volume',
            type: 'gp2',
            size: disk,
            names: { type: 'volume_type', size: 'disk_size' },
          },
        ],
        monitoring: undefined,
      };
    }

    // instance_types wins; else the template's type; else the provider default.
    const types = attrs.strings('instance_types');
    if (Array.isArray(types) && types.length > 0) {
      launch.instanceType = types[0];
      launch.typeAttribute = 'instance_types[0]';
      typeUnknown = undefined;
    } else if (types === UNKNOWN && !leftToDefault(resource, ['instance_types'])) {
      typeUnknown ??= afterApply('instance_types');
    } else if (launch.instanceType === undefined && typeUnknown === undefined) {
      launch.instanceType = DEFAULT_INSTANCE_TYPE;
    }

    let notPriced: string | undefined;
    if (windows) {
      notPriced = `Windows (${String(amiType)}) instance prices are not in the catalog (it holds Linux prices)`;
    } else if (capacity === 'CAPACITY_BLOCK') {
      notPriced = CAPACITY_BLOCK_NOT_PRICED;
    }
    const spot = capacity === 'SPOT';
    return fleetComponents({
      launch,
      onDemand: spot
        ? { known: dec(0) }
        : capacity === UNKNOWN
          ? { unknown: afterApply('capacity_type') }
          : count,
      ...(spot ? { spot: count } : {}),
      ...(typeUnknown !== undefined ? { typeUnknown } : {}),
      ...(notPriced !== undefined ? { notPriced } : {}),
      usage,
    });
  },
};
