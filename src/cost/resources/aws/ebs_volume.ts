import type { Pricer } from '../types.ts';
import { unsetIn } from './shared/configured.ts';
import { EBS_USAGE, volumeComponents } from './shared/ebs.ts';
import { inZone, zoneOf } from './shared/zone.ts';

export const ebsVolume: Pricer = {
  types: ['aws_ebs_volume'],
  summary:
    'storage by volume type (gp2 when unset); gp3 IOPS and throughput above the free baseline; io1 and io2 (tiered) provisioned IOPS; magnetic I/O; not priced in a Local or Wavelength Zone',
  usage: EBS_USAGE,
  components({ attrs, resource, usage }) {
    const zone = zoneOf(attrs);
    const components = volumeComponents({
      label: 'Volume',
      type: attrs.str('type'),
      size: attrs.num('size'),
      iops: attrs.num('iops'),
      throughput: attrs.num('throughput'),
      defaultType: 'gp2',
      unset: unsetIn(resource, []),
      usage,
    });
    return zone ? components.map((c) => inZone(c, zone)) : components;
  },
};
