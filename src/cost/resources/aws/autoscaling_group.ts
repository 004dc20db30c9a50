import Big from 'big.js';
import { UNKNOWN, type AttrView } from '../../attributes.ts';
import type { Resource } from '../../../model/resource.ts';
import { dec } from '../../money.ts';
import { afterApply } from '../quantity.ts';
import type { ComponentSpec, Pricer, PricerInput } from '../types.ts';
import {
  countOf,
  fleetComponents,
  launchConfigurationSpec,
  launchTemplateSpec,
  type Count,
  type LaunchSpec,
} from './shared/launch.ts';
import { followReference, leftToDefault, withDefault, type Referenced } from './shared/references.ts';
import { EBS_USAGE } from './shared/ebs.ts';
import { inZone, placementOfAzs, subnetAzs } from './shared/zone.ts';

/**
 * An Auto Scaling group bills the instances it runs: instance hours, their EBS volumes and detailed
 * monitoring, each times the instance count. The count is `desired_capacity`, else `min_size` (AWS
 * starts a group at its minimum when no desired capacity is given), else 1.
 *
 * What each instance is comes from the group's launch configuration (`launch_configuration`, a
 * name), launch template (`launch_template[0].id` or `.name`) or mixed instances policy. When the
 * template or configuration is created in the same plan its id is unknown, so the reference is
 * followed through the plan's configuration (`expressions.launch_template[0].id.references`) to the
 * resource in the same module. The template's current attributes are used whatever `version` the
 * group names: the plan holds only the version it is about to write.
 *
 * Mixed instances policy: desired capacity is in capacity units. The on-demand part is
 * `on_demand_base_capacity` (default 0) plus `on_demand_percentage_above_base_capacity` (default 100)
 * of the rest, rounded up as AWS does in favour of on-demand; the rest is spot. With the default
 * `prioritized` on-demand strategy AWS launches the first override's instance type first, so that
 * type prices the on-demand instances, and its `weighted_capacity` turns units into instances
 * (rounded up). `lowest-price` picks among the overrides at launch, and attribute-based selection
 * (`instance_requirements`) picks types at launch too: those are named as not priced. Spot
 * instances are listed as not priced (the catalog holds on-demand prices), but their volumes are.
 *
 * The catalog holds Linux shared-tenancy on-demand prices: dedicated tenancy in the template or
 * configuration is not priced, as for aws_instance, nor are the instances of a template that asks
 * for spot (`instance_market_options`) outside a mixed instances policy.
 *
 * A group whose `availability_zones` are all in one Local or Wavelength Zone is priced as an
 * instance there is. A group given subnets only (`vpc_zone_identifier`) says its zones only after
 * apply: the plan's aws_subnet resources say them when it holds every one of the group's subnets;
 * otherwise the group is priced at the region's rates.
 */
export const autoscalingGroup: Pricer = {
  types: ['aws_autoscaling_group'],
  summary:
    "desired_capacity (else min_size, else 1) × the launch template's or configuration's instance hours, volumes, public IPv4 addresses and monitoring; mixed instances policies; a Local or Wavelength Zone named in availability_zones or by the plan's subnets in vpc_zone_identifier, as for aws_instance",
  usage: EBS_USAGE,
  components(input) {
    // A group given subnets only says its zones after apply; the plan's subnets may say them now.
    const azs = input.attrs.strings('availability_zones');
    const place = placementOfAzs(Array.isArray(azs) ? azs : subnetAzs(input, 'vpc_zone_identifier'));
    const components = groupComponents(input);
    return place ? components.map((c) => inZone(c, place)) : components;
  },
};

function groupComponents(input: PricerInput): ComponentSpec[] {
  const { attrs } = input;
  const count = groupCount(input);
  const mixed = attrs.blocks('mixed_instances_policy');
  if (mixed === UNKNOWN) return [unknownLaunch(afterApply('mixed_instances_policy'), count, input)];
  if (mixed[0]) return mixedComponents(input, mixed[0], count);

  const templates = attrs.blocks('launch_template');
  if (templates === UNKNOWN) return [unknownLaunch(afterApply('launch_template'), count, input)];
  if (templates.length > 0) {
    const template = followReference(input, {
      type: 'aws_launch_template',
      what: 'launch template',
      via: [
        { path: ['launch_template', 0, 'id'], names: (t, v) => t.str('id') === v },
        { path: ['launch_template', 0, 'name'], names: (t, v) => t.str('name') === v },
      ],
    });
    return fromLaunch(input, template, launchTemplateSpec, count);
  }

  const configuration = followReference(input, {
    type: 'aws_launch_configuration',
    what: 'launch configuration',
    via: [{ path: ['launch_configuration'], names: (t, v) => t.str('name') === v || t.str('id') === v }],
  });
  return fromLaunch(input, configuration, launchConfigurationSpec, count);
}

function fromLaunch(
  input: PricerInput,
  found: Referenced,
  spec: (address: string, attrs: AttrView, resource?: Resource) => LaunchSpec,
  count: Count,
): ComponentSpec[] {
  if (found.kind === 'none') {
    return [unknownLaunch('the group names no launch template or launch configuration', count, input)];
  }
  if (found.kind === 'missing') return [unknownLaunch(found.reason, count, input)];
  return fleetComponents({
    launch: spec(found.address, found.attrs, found.resource),
    onDemand: count,
    usage: input.usage,
  });
}

/** desired_capacity, else min_size, else 1; an unknown desired capacity AWS fills in is min_size. */
function groupCount(input: PricerInput): Count {
  const { attrs, resource } = input;
  // With attribute-based instance selection the capacity can be vCPUs or MiB, not instances.
  const capacityType = attrs.str('desired_capacity_type');
  if (capacityType === 'vcpu' || capacityType === 'memory-mib') {
    return {
      unknown: `desired_capacity is in ${capacityType}, not instances: the instance count is chosen at launch`,
    };
  }
  const desired = attrs.num('desired_capacity');
  if (desired !== undefined && !(desired === UNKNOWN && leftToDefault(resource, ['desired_capacity']))) {
    return countOf(desired, 'desired_capacity');
  }
  const min = attrs.num('min_size');
  if (min !== undefined) return countOf(min, 'min_size');
  return { known: dec(1) };
}

function unknownLaunch(reason: string, count: Count, input: PricerInput): ComponentSpec {
  return fleetComponents({
    launch: {
      instanceType: UNKNOWN,
      typeAttribute: 'instance_type',
      tenancy: undefined,
      volumes: [],
      monitoring: undefined,
    },
    onDemand: count,
    typeUnknown: reason,
    usage: input.usage,
  })[0] as ComponentSpec;
}

const MIXED = ['mixed_instances_policy', 0] as const;
const MIXED_TEMPLATE = [...MIXED, 'launch_template', 0] as const;

function mixedComponents(input: PricerInput, policy: AttrView, count: Count): ComponentSpec[] {
  const { resource, usage } = input;
  const templateBlocks = policy.blocks('launch_template');
  const template = templateBlocks === UNKNOWN ? undefined : templateBlocks[0];
  const overrides = template?.blocks('override') ?? [];
  if (overrides === UNKNOWN) {
    return [unknownLaunch(afterApply('mixed_instances_policy[0].launch_template[0].override'), count, input)];
  }
  const first = overrides[0];

  // The first override may name its own template; otherwise the policy's template applies.
  const ownTemplate = first?.blocks('launch_template_specification');
  const viaOverride = Array.isArray(ownTemplate) && ownTemplate.length > 0;
  const specPath = viaOverride
    ? [...MIXED_TEMPLATE, 'override', 0, 'launch_template_specification', 0]
    : [...MIXED_TEMPLATE, 'launch_template_specification', 0];
  const found = followReference(input, {
    type: 'aws_launch_template',
    what: 'launch template',
    via: [
      { path: [...specPath, 'launch_template_id'], names: (t, v) => t.str('id') === v },
      { path: [...specPath, 'launch_template_name'], names: (t, v) => t.str('name') === v },
    ],
  });
  const launch: LaunchSpec =
    found.kind === 'found'
      ? launchTemplateSpec(found.address, found.attrs, found.resource)
      : {
          instanceType: undefined,
          typeAttribute: 'instance_type',
          tenancy: undefined,
          volumes: [],
          volumesUnknown:
            found.kind === 'missing' ? found.reason : 'the mixed instances policy names no launch template',
          monitoring: undefined,
        };

  const distributions = policy.blocks('instances_distribution');
  const distribution = distributions === UNKNOWN ? undefined : distributions[0];
  const dist = [...MIXED, 'instances_distribution', 0];
  const base = withDefault(
    resource,
    [...dist, 'on_demand_base_capacity'],
    distribution?.num('on_demand_base_capacity'),
    dec(0),
  );
  const percent = withDefault(
    resource,
    [...dist, 'on_demand_percentage_above_base_capacity'],
    distribution?.num('on_demand_percentage_above_base_capacity'),
    dec(100),
  );
  const strategy = withDefault(
    resource,
    [...dist, 'on_demand_allocation_strategy'],
    distribution?.str('on_demand_allocation_strategy'),
    'prioritized',
  );

  let typeUnknown: string | undefined;
  let notPriced: string | undefined;
  const overrideType = first?.str('instance_type');
  const requirements = first?.blocks('instance_requirements');
  if (Array.isArray(requirements) && requirements.length > 0) {
    notPriced =
      'instance_requirements selects instance types at launch, by attributes; tollgate cannot tell which';
  } else if (overrideType === UNKNOWN) {
    typeUnknown = afterApply('mixed_instances_policy[0].launch_template[0].override[0].instance_type');
  } else if (typeof overrideType === 'string') {
    launch.instanceType = overrideType;
    launch.typeAttribute = 'mixed_instances_policy[0].launch_template[0].override[0].instance_type';
  } else if (found.kind !== 'found') {
    typeUnknown = launch.volumesUnknown;
  }
  if (strategy === UNKNOWN) {
    typeUnknown ??= afterApply(
      'mixed_instances_policy[0].instances_distribution[0].on_demand_allocation_strategy',
    );
  } else if (strategy === 'lowest-price' && overrides.length > 1) {
    notPriced ??=
      'the lowest-price on-demand strategy picks the cheapest override type in each zone at launch';
  }

  const weight = first?.num('weighted_capacity') ?? dec(1);
  const split = splitCapacity(count, base, percent, weight);
  return fleetComponents({
    launch,
    onDemand: split.onDemand,
    spot: split.spot,
    ...(typeUnknown !== undefined ? { typeUnknown } : {}),
    ...(notPriced !== undefined ? { notPriced } : {}),
    usage,
  });
}

/**
 * Capacity units → on-demand and spot instances. AWS fills the base with on-demand, then takes the
 * percentage of the rest as on-demand, rounding up in favour of on-demand; weights turn units into
 * instances, also rounded up (a group launches whole instances until the units are met).
 */
function splitCapacity(
  count: Count,
  base: Big | typeof UNKNOWN,
  percent: Big | typeof UNKNOWN,
  weight: Big | typeof UNKNOWN,
): { onDemand: Count; spot: Count } {
  if ('unknown' in count) return { onDemand: count, spot: count };
  const unknownOf = (attribute: string): { onDemand: Count; spot: Count } => {
    const reason = afterApply(attribute);
    return { onDemand: { unknown: reason }, spot: { unknown: reason } };
  };
  const dist = 'mixed_instances_policy[0].instances_distribution[0]';
  if (base === UNKNOWN) return unknownOf(`${dist}.on_demand_base_capacity`);
  if (percent === UNKNOWN) return unknownOf(`${dist}.on_demand_percentage_above_base_capacity`);
  if (weight === UNKNOWN)
    return unknownOf('mixed_instances_policy[0].launch_template[0].override[0].weighted_capacity');
  const units = count.known;
  const baseUnits = base.lt(units) ? base : units;
  const above = units.minus(baseUnits);
  const onDemandUnits = baseUnits.plus(above.times(percent).div(100).round(0, Big.roundUp));
  const spotUnits = units.minus(onDemandUnits);
  const per = weight.gt(0) ? weight : dec(1);
  return {
    onDemand: { known: onDemandUnits.div(per).round(0, Big.roundUp) },
    spot: { known: spotUnits.div(per).round(0, Big.roundUp) },
  };
}
