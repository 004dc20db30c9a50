import { UNKNOWN, type AttrView } from '../../attributes.ts';
import type { Resource } from '../../../model/resource.ts';
import { dec } from '../../money.ts';
import { afterApply, fromUsage, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer } from '../types.ts';
import { unsetIn, unsetInDevice } from './shared/configured.ts';
import { EBS_USAGE, volumeComponents } from './shared/ebs.ts';
import { defaultCreditMode, detailedMonitoring, instanceHours, isBurstable } from './shared/ec2.ts';
import { marketOf, spotHours } from './shared/market.ts';
import { publicIpv4Component, publicIpv4Of } from './shared/public_ipv4.ts';
import { leftToDefault } from './shared/references.ts';
import { inZone, instanceZone } from './shared/zone.ts';

export const instance: Pricer = {
  types: ['aws_instance'],
  summary:
    "instance hours (Linux on-demand, shared tenancy; spot named, not priced; in a Local or Wavelength Zone, named by availability_zone or by a subnet in the plan, at the zone's price), root and EBS block device volumes, a public IPv4 address, detailed monitoring, CPU credits in unlimited mode (EBS and CPU credits not priced in a zone)",
  usage: {
    monthly_cpu_credit_hrs:
      'vCPU-hours a month of CPU credits above the baseline (T instances in unlimited mode)',
    ...EBS_USAGE,
  },
  components(input) {
    const { attrs, resource, usage } = input;
    const type = attrs.str('instance_type');
    const components: ComponentSpec[] = [hours(attrs, resource)];

    const roots = attrs.blocks('root_block_device');
    const root = roots === UNKNOWN ? undefined : roots[0];
    components.push(
      ...volumeComponents({
        label: 'Root volume',
        type: roots === UNKNOWN ? UNKNOWN : root ? root.str('volume_type') : UNKNOWN,
        size: roots === UNKNOWN ? UNKNOWN : root ? root.num('volume_size') : UNKNOWN,
        iops: root?.num('iops'),
        throughput: root?.num('throughput'),
        path: 'root_block_device[0]',
        typeChosenBy: 'the AMI chooses it',
        unset: unsetIn(resource, ['root_block_device', 0]),
        usage,
      }),
    );

    const volumes = attrs.blocks('ebs_block_device');
    if (volumes !== UNKNOWN) {
      volumes.forEach((v, i) => {
        const device = v.str('device_name');
        components.push(
          ...volumeComponents({
            label: `EBS volume ${typeof device === 'string' ? device : i}`,
            type: v.str('volume_type'),
            size: v.num('volume_size'),
            iops: v.num('iops'),
            throughput: v.num('throughput'),
            path: `ebs_block_device[${i}]`,
            defaultType: 'gp2',
            unset: unsetInDevice(resource, 'ebs_block_device', device),
            usage,
          }),
        );
      });
    }

    const ip = publicIpv4Component(
      publicIpv4Of(
        attrs.bool('associate_public_ip_address'),
        leftToDefault(resource, ['associate_public_ip_address']),
        'associate_public_ip_address',
      ),
    );
    if (ip) components.push(ip);

    if (attrs.bool('monitoring') === true) {
      components.push(detailedMonitoring('Detailed monitoring (7 metrics)'));
    }

    if (typeof type === 'string' && isBurstable(type)) {
      const specs = attrs.blocks('credit_specification');
      const mode = specs === UNKNOWN ? UNKNOWN : (specs[0]?.str('cpu_credits') ?? defaultCreditMode(type));
      if (mode === 'unlimited' || mode === UNKNOWN) {
        const quantity = fromUsage(usage, 'monthly_cpu_credit_hrs');
        // With the mode unknown, credits given in the usage file may or may not be billed; without
        // usage the line costs nothing either way, and says it waits for both.
        const undecided = mode === UNKNOWN && quantity.kind === 'known';
        components.push({
          name: 'CPU credits above the baseline (unlimited mode)',
          unit: 'vCPU-hours',
          quantity: undecided
            ? unknownQuantity(
                `${afterApply('credit_specification')}: unlimited mode bills these, standard does not`,
              )
            : quantity,
          skus: [{ sku: 'ec2/cpu-credits/linux', factor: dec(1) }],
          ...(mode === UNKNOWN && !undecided
            ? { note: `${afterApply('credit_specification')}: billed only in unlimited mode` }
            : {}),
        });
      }
    }
    const zone = instanceZone(input);
    return zone ? components.map((c) => inZone(c, zone)) : components;
  },
};

/** On-demand instance hours, or the hours of another market (spot), named and not priced. */
function hours(attrs: AttrView, resource: Resource): ComponentSpec {
  const type = attrs.str('instance_type');
  const market = marketOf(attrs, {
    resource: unsetIn(resource, []),
    block: unsetIn(resource, ['instance_market_options', 0]),
  });
  const tenancy = attrs.str('tenancy');
  // An unknown tenancy is the computed default: shared, unless the VPC itself is dedicated.
  const onDemand = instanceHours({ type, tenancy: tenancy === UNKNOWN ? undefined : tenancy });
  if (market === 'on-demand' || typeof type !== 'string') return onDemand;
  if (market === 'spot') return spotHours(type);
  const name = `Instance (${type})`;
  if ('notPriced' in market) return { ...onDemand, name, skus: [], unpricedReason: market.notPriced };
  return {
    ...onDemand,
    name,
    quantity: unknownQuantity(market.unknown),
    skus: [],
    unpricedReason: market.unknown,
  };
}
