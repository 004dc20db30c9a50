import type { Pricer } from '../types.ts';
import { volumeComponents } from './shared/ebs.ts';

export const ebsVolume: Pricer = {
  types: ['aws_ebs_volume'],
  components({ attrs, usage }) {
    return volumeComponents({
      label: 'Volume',
      type: attrs.str('type'),
      size: attrs.num('size'),
      iops: attrs.num('iops'),
      throughput: attrs.num('throughput'),
      defaultType: 'gp2',
      usage,
    });
  },
};
