import { UNKNOWN } from '../../attributes.ts';
import { afterApply, monthHours, unknownQuantity } from '../quantity.ts';
import type { Pricer } from '../types.ts';
import { leftToDefault, withDefault } from './shared/references.ts';

/**
 * The date each Kubernetes minor version's standard support ended or ends on EKS (the EKS
 * Kubernetes release calendar). A version is in standard support for 14 months, then in extended
 * support (a higher hourly rate) for 12 more.
 */
const STANDARD_SUPPORT_ENDS: Record<string, string> = {
  '1.23': '2023-10-11',
  '1.24': '2024-01-31',
  '1.25': '2024-05-01',
  '1.26': '2024-06-11',
  '1.27': '2024-07-24',
  '1.28': '2024-11-26',
  '1.29': '2025-03-23',
  '1.30': '2025-07-23',
  '1.31': '2025-11-26',
  '1.32': '2026-03-23',
  '1.33': '2026-07-29',
  '1.34': '2026-12-02',
  '1.35': '2027-03-27',
};

/**
 * When the table above was last checked. Pricers do not read the clock (estimates must be
 * reproducible), so "past standard support" means "ended on or before this date": true on every
 * later run too. A version whose standard support ends after it is priced at the standard rate
 * until the table is updated, which can only under-state the bill, never over-state it.
 */
const CALENDAR_AS_OF = '2026-11-24';

/** The oldest version in the table: older ones are long past standard support. */
const OLDEST = '1.23';

/**
 * An EKS cluster bills its control plane by the hour: the standard rate while its Kubernetes
 * version is in standard support, the extended-support rate after. A cluster on a version past
 * standard support is in extended support when `upgrade_policy[0].support_type` is EXTENDED, which
 * is AWS's default; with STANDARD, AWS upgrades it at the end of standard support instead, so it
 * stays at the standard rate. A `version` the configuration leaves unset is the newest EKS offers:
 * standard support. Nodes are billed by aws_eks_node_group, aws_autoscaling_group or Fargate.
 */
export const eksCluster: Pricer = {
  types: ['aws_eks_cluster'],
  summary: 'control plane hours, at the extended-support rate for Kubernetes versions past standard support',
  components({ attrs, resource }) {
    const support = withDefault(
      resource,
      ['upgrade_policy', 0, 'support_type'],
      attrs.str(['upgrade_policy', 0, 'support_type']),
      'EXTENDED',
    );
    const version = attrs.str('version');
    if (version === UNKNOWN && !leftToDefault(resource, ['version'])) {
      const reason = `${afterApply('version')}: the hourly rate depends on whether it is past standard support`;
      return [
        { name: 'EKS cluster', unit: 'hours', quantity: unknownQuantity(reason), skus: [], hourly: true },
      ];
    }
    const ended = typeof version === 'string' ? standardSupportEnded(version) : undefined;
    if (ended !== undefined && support !== 'STANDARD') {
      if (support === UNKNOWN) {
        const reason = `${afterApply('upgrade_policy[0].support_type')}: Kubernetes ${String(version)} is past standard support`;
        return [
          { name: 'EKS cluster', unit: 'hours', quantity: unknownQuantity(reason), skus: [], hourly: true },
        ];
      }
      return [
        {
          name: `EKS cluster (extended support, Kubernetes ${String(version)})`,
          unit: 'hours',
          quantity: monthHours(),
          skus: [
            {
              sku: 'eks/cluster/extended',
              note: `standard support for Kubernetes ${String(version)} ended ${ended}`,
            },
          ],
          hourly: true,
        },
      ];
    }
    return [
      {
        name: 'EKS cluster (standard support)',
        unit: 'hours',
        quantity: monthHours(),
        skus: [{ sku: 'eks/cluster/standard' }],
        hourly: true,
      },
    ];
  },
};

/** The end date of standard support when it has passed (by CALENDAR_AS_OF), else undefined. */
function standardSupportEnded(version: string): string | undefined {
  const minor = /^(\d+)\.(\d+)/.exec(version);
  if (!minor) return undefined;
  const key = `${minor[1] ?? ''}.${minor[2] ?? ''}`;
  const ends = Object.hasOwn(STANDARD_SUPPORT_ENDS, key) ? STANDARD_SUPPORT_ENDS[key] : undefined;
  if (ends !== undefined) return ends <= CALENDAR_AS_OF ? ends : undefined;
  const [major, oldestMinor] = OLDEST.split('.').map(Number) as [number, number];
  const older = Number(minor[1]) < major || (Number(minor[1]) === major && Number(minor[2]) < oldestMinor);
  return older ? `before ${STANDARD_SUPPORT_ENDS[OLDEST] ?? ''}` : undefined;
}
