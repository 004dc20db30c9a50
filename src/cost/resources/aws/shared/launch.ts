import type Big from 'big.js';
import { UNKNOWN, type AttrView, type Unknown } from '../../../attributes.ts';
import type { UsageValues } from '../../../usage.ts';
import { dec } from '../../../money.ts';
import { afterApply, known, monthHours, unknownQuantity } from '../../quantity.ts';
import type { Resource } from '../../../../model/resource.ts';
import type { ComponentSpec } from '../../types.ts';
import { unsetIn, unsetInDevice } from './configured.ts';
import { volumeComponents, type VolumeInput } from './ebs.ts';
import { DETAILED_MONITORING_METRICS, detailedMonitoring, instanceHours } from './ec2.ts';
import { marketOf, spotHours, type Market } from './market.ts';
import { publicIpv4Component, publicIpv4Of, type PublicIpv4 } from './public_ipv4.ts';

/** How many instances: known, or unknown with the reason (`desired_capacity is known only after apply`). */
export type Count = { known: Big } | { unknown: string };

export type VolumeSpec = Omit<VolumeInput, 'count' | 'usage'>;

/** What every instance launched from a launch template or launch configuration is made of. */
export interface LaunchSpec {
  instanceType: string | Unknown | undefined;
  /** Where the type is read, for reasons: `aws_launch_template.app.instance_type`. */
  typeAttribute: string;
  tenancy: string | Unknown | undefined;
  volumes: VolumeSpec[];
  /** Why the volumes cannot be described (the list is unknown, or the AMI decides them). */
  volumesUnknown?: string;
  monitoring: boolean | Unknown | undefined;
  /** `instance_market_options` of a launch template; on-demand when undefined. */
  market?: Market;
  /** Whether each instance gets a public IPv4 address; none when undefined. */
  publicIpv4?: PublicIpv4;
}

/** Device names of Linux AMIs' root volumes (EC2 User Guide, device names). */
const ROOT_DEVICES = new Set(['/dev/xvda', '/dev/sda1']);

/**
 * An aws_launch_template: instance_type, placement tenancy, the EBS volumes it maps, monitoring,
 * the market and public IPv4 addresses. `resource` (the template) has the configuration, to tell
 * values left to AWS's defaults from values known only after apply.
 */
export function launchTemplateSpec(address: string, attrs: AttrView, resource?: Resource): LaunchSpec {
  const placement = attrs.blocks('placement');
  const monitoring = attrs.blocks('monitoring');
  const spec: LaunchSpec = {
    instanceType: attrs.str('instance_type'),
    typeAttribute: `${address}.instance_type`,
    tenancy: placement === UNKNOWN ? UNKNOWN : placement[0]?.str('tenancy'),
    volumes: [],
    monitoring: monitoring === UNKNOWN ? UNKNOWN : monitoring[0]?.bool('enabled'),
    market: marketOf(
      attrs,
      { resource: unsetIn(resource, []), block: unsetIn(resource, ['instance_market_options', 0]) },
      `${address}.`,
    ),
    publicIpv4: templatePublicIpv4(address, attrs, resource),
  };
  const mappings = attrs.blocks('block_device_mappings');
  if (mappings === UNKNOWN) {
    spec.volumesUnknown = afterApply(`${address}.block_device_mappings`);
    return spec;
  }
  mappings.forEach((mapping, i) => {
    const ebs = mapping.blocks('ebs');
    // Instance-store mappings (`virtual_name`) and suppressed devices (`no_device`) carry no EBS charge.
    if (ebs === UNKNOWN || ebs.length === 0 || mapping.str('no_device') !== undefined) return;
    const volume = ebs[0] as AttrView;
    const device = mapping.str('device_name');
    // A mapping of the AMI's root device keeps the AMI's volume type when it names none; any other
    // device is a new volume, which EC2 creates as gp2. Which device is the root is the AMI's to say:
    // the usual root device names stand for it.
    const root = typeof device === 'string' && ROOT_DEVICES.has(device);
    spec.volumes.push({
      label: `Volume ${typeof device === 'string' ? device : i}`,
      type: volume.str('volume_type'),
      size: volume.num('volume_size'),
      iops: volume.num('iops'),
      throughput: volume.num('throughput'),
      path: `${address}.block_device_mappings[${i}].ebs[0]`,
      ...(root
        ? { typeChosenBy: `${device} is usually the AMI's root device, whose type the AMI chooses` }
        : { defaultType: 'gp2' }),
      unset: unsetIn(resource, ['block_device_mappings', i, 'ebs', 0]),
    });
  });
  if (spec.volumes.length === 0) {
    spec.volumesUnknown = `the root volume's type and size come from the AMI: ${address} maps no EBS volume`;
  }
  return spec;
}

/**
 * An aws_launch_configuration: instance_type, placement_tenancy, root and EBS block devices,
 * monitoring, public IPv4 addresses. `resource` (the configuration) as for launchTemplateSpec.
 */
export function launchConfigurationSpec(address: string, attrs: AttrView, resource?: Resource): LaunchSpec {
  const spec: LaunchSpec = {
    instanceType: attrs.str('instance_type'),
    typeAttribute: `${address}.instance_type`,
    tenancy: attrs.str('placement_tenancy'),
    volumes: [],
    // The provider documents detailed monitoring as enabled by default for launch configurations.
    monitoring: attrs.bool('enable_monitoring') ?? true,
    publicIpv4: publicIpv4Of(
      attrs.bool('associate_public_ip_address'),
      unsetIn(resource, [])('associate_public_ip_address'),
      `${address}.associate_public_ip_address`,
    ),
  };
  const roots = attrs.blocks('root_block_device');
  if (roots === UNKNOWN) {
    spec.volumesUnknown = afterApply(`${address}.root_block_device`);
  } else if (roots.length === 0) {
    spec.volumesUnknown = `the root volume's type and size come from the AMI: ${address} sets no root_block_device`;
  } else {
    const root = roots[0] as AttrView;
    spec.volumes.push({
      label: 'Root volume',
      type: root.str('volume_type'),
      size: root.num('volume_size'),
      iops: root.num('iops'),
      throughput: root.num('throughput'),
      path: `${address}.root_block_device[0]`,
      typeChosenBy: 'the AMI chooses it',
      unset: unsetIn(resource, ['root_block_device', 0]),
    });
  }
  const devices = attrs.blocks('ebs_block_device');
  if (devices === UNKNOWN) {
    spec.volumesUnknown ??= afterApply(`${address}.ebs_block_device`);
  } else {
    devices.forEach((v, i) => {
      const device = v.str('device_name');
      spec.volumes.push({
        label: `EBS volume ${typeof device === 'string' ? device : i}`,
        type: v.str('volume_type'),
        size: v.num('volume_size'),
        iops: v.num('iops'),
        throughput: v.num('throughput'),
        path: `${address}.ebs_block_device[${i}]`,
        // As for aws_instance: EC2 creates a new EBS volume as gp2 when no type is given.
        defaultType: 'gp2',
        unset: unsetInDevice(resource, 'ebs_block_device', device),
      });
    });
  }
  return spec;
}

/**
 * A launch template's instances get a public IPv4 address when a network interface asks for one
 * (`associate_public_ip_address`, a string in the provider's schema); only one interface of an
 * instance can, so one address per instance.
 */
function templatePublicIpv4(address: string, attrs: AttrView, resource?: Resource): PublicIpv4 {
  const interfaces = attrs.blocks('network_interfaces');
  if (interfaces === UNKNOWN) {
    return unsetIn(resource, [])('network_interfaces')
      ? false
      : { unknown: afterApply(`${address}.network_interfaces`) };
  }
  let ip: PublicIpv4 = false;
  interfaces.forEach((nic, i) => {
    const own = publicIpv4Of(
      nic.bool('associate_public_ip_address'),
      unsetIn(resource, ['network_interfaces', i])('associate_public_ip_address'),
      `${address}.network_interfaces[${i}].associate_public_ip_address`,
    );
    if (own === true || (own !== false && ip === false)) ip = own;
  });
  return ip;
}

/** A group of identical instances: an ASG, a node group, the on-demand and spot parts of a mixed policy. */
export interface Fleet {
  launch: LaunchSpec;
  onDemand: Count;
  /** Spot instances: counted for volumes, named as not priced (the catalog holds on-demand prices). */
  spot?: Count;
  /** Why the instance type cannot be known before apply; the instance line is unknown. */
  typeUnknown?: string;
  /** Why the instances cannot be priced at all (Windows, lowest-price selection); the line says so. */
  notPriced?: string;
  usage: UsageValues;
}

/**
 * Instance hours, EBS volumes, public IPv4 addresses and detailed monitoring of a fleet: every
 * quantity is per instance times the instance count, and each line's name ends with `× count`.
 */
export function fleetComponents(input: Fleet): ComponentSpec[] {
  const fleet = withMarket(input);
  const { launch } = fleet;
  const type = launch.instanceType;
  const typeName = typeof type === 'string' ? type : 'type unknown';
  const components: ComponentSpec[] = [];

  if (fleet.typeUnknown !== undefined) {
    components.push(
      scaled(
        {
          name: `Instance (Linux on-demand, ${typeName})`,
          unit: 'hours',
          quantity: unknownQuantity(fleet.typeUnknown),
          skus: [],
          hourly: true,
          unpricedReason: fleet.typeUnknown,
        },
        fleet.onDemand,
      ),
    );
  } else if (fleet.notPriced !== undefined) {
    components.push(
      scaled(
        {
          name: `Instance (${typeName})`,
          unit: 'hours',
          quantity: monthHours(),
          skus: [],
          hourly: true,
          unpricedReason: fleet.notPriced,
        },
        fleet.onDemand,
      ),
    );
  } else if (!isZero(fleet.onDemand) || !fleet.spot) {
    components.push(
      scaled(
        instanceHours({
          type,
          tenancy: launch.tenancy === UNKNOWN ? undefined : launch.tenancy,
          typeAttribute: launch.typeAttribute,
        }),
        fleet.onDemand,
      ),
    );
  }

  if (fleet.spot && !isZero(fleet.spot)) components.push(scaled(spotHours(typeName), fleet.spot));

  const all = fleet.spot ? add(fleet.onDemand, fleet.spot) : fleet.onDemand;
  if (launch.volumesUnknown !== undefined) {
    components.push(
      scaled(
        {
          name: 'Root volume storage',
          unit: 'GB-months',
          quantity: unknownQuantity(launch.volumesUnknown),
          skus: [],
          unpricedReason: launch.volumesUnknown,
        },
        all,
      ),
    );
  }
  for (const volume of launch.volumes) {
    for (const c of volumeComponents({ ...volume, usage: fleet.usage })) components.push(scaled(c, all));
  }
  const ip = launch.publicIpv4 === undefined ? undefined : publicIpv4Component(launch.publicIpv4);
  if (ip) components.push(scaled(ip, all));
  if (launch.monitoring === true) {
    components.push(
      scaled(
        detailedMonitoring(`Detailed monitoring (${DETAILED_MONITORING_METRICS} metrics per instance)`),
        all,
      ),
    );
  }
  return components;
}

/**
 * The launch template's market, unless the group splits on-demand and spot itself (a mixed instances
 * policy, a node group's capacity type): a spot template makes every instance spot.
 */
function withMarket(fleet: Fleet): Fleet {
  const market = fleet.launch.market;
  if (market === undefined || market === 'on-demand' || fleet.spot) return fleet;
  if (market === 'spot') return { ...fleet, onDemand: { known: dec(0) }, spot: fleet.onDemand };
  if ('notPriced' in market) return { ...fleet, notPriced: fleet.notPriced ?? market.notPriced };
  return { ...fleet, typeUnknown: fleet.typeUnknown ?? market.unknown };
}

/** A per-instance component for `count` instances. Usage quantities are totals already: left as they are. */
function scaled(component: ComponentSpec, count: Count): ComponentSpec {
  if ('unknown' in count) {
    return component.quantity.kind === 'known'
      ? { ...component, quantity: unknownQuantity(count.unknown) }
      : component;
  }
  return {
    ...component,
    name: `${component.name} × ${count.known.toString()}`,
    quantity:
      component.quantity.kind === 'known'
        ? known(component.quantity.value.times(count.known))
        : component.quantity,
  };
}

function isZero(count: Count): boolean {
  return 'known' in count && count.known.eq(0);
}

function add(a: Count, b: Count): Count {
  if ('unknown' in a) return a;
  if ('unknown' in b) return b;
  return { known: a.known.plus(b.known) };
}

/** A count from an attribute that may be unknown: the reason names the attribute. */
export function countOf(value: Big | Unknown, attribute: string): Count {
  return value === UNKNOWN ? { unknown: afterApply(attribute) } : { known: value };
}
