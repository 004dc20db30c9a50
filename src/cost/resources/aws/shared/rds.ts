import { UNKNOWN, type Unknown } from '../../../attributes.ts';
import { dec } from '../../../money.ts';
import type { Resource } from '../../../../model/resource.ts';
import type { SkuChoice } from '../../types.ts';
import { withDefault } from './references.ts';

export type Deployment = 'single-az' | 'multi-az';

export const DEPLOYMENT_NAMES: Record<Deployment, string> = {
  'single-az': 'Single-AZ',
  'multi-az': 'Multi-AZ',
};

/**
 * The SKU choices for an RDS price that depends on the deployment (`rds/storage/gp3/<deployment>`):
 * a Multi-AZ deployment runs a synchronous standby, so where the catalog has no explicit Multi-AZ
 * price it is 2 × the Single-AZ one.
 */
export function deploymentSkus(prefix: string, deployment: Deployment, suffix = ''): SkuChoice[] {
  const single = `${prefix}/single-az${suffix}`;
  if (deployment === 'single-az') return [{ sku: single }];
  return [
    { sku: `${prefix}/multi-az${suffix}` },
    { sku: single, factor: dec(2), note: '2 × the Single-AZ price' },
  ];
}

export type AuroraStorage = 'standard' | 'iopt1';

export const AURORA_ENGINES: Record<string, string> = {
  'aurora-mysql': 'Aurora MySQL',
  // The original Aurora engine name is MySQL-compatible Aurora (version 1).
  aurora: 'Aurora MySQL',
  'aurora-postgresql': 'Aurora PostgreSQL',
};

/** The SKU engine segment for an Aurora engine name. */
export function auroraSkuEngine(engine: string): 'aurora-mysql' | 'aurora-postgresql' {
  return engine === 'aurora-postgresql' ? 'aurora-postgresql' : 'aurora-mysql';
}

/**
 * An Aurora cluster's storage configuration from its `storage_type`: `aurora-iopt1` is I/O-Optimized;
 * empty or `aurora` is Aurora Standard, which is also what AWS creates when none is given. Any other
 * value (io1, gp3, io2) belongs to a Multi-AZ DB cluster, not Aurora: undefined.
 */
export function auroraStorage(
  value: string | Unknown | undefined,
  cluster: Resource,
): AuroraStorage | Unknown | undefined {
  const type = withDefault(cluster, ['storage_type'], value, 'aurora');
  if (type === UNKNOWN) return UNKNOWN;
  if (type === 'aurora-iopt1') return 'iopt1';
  if (type === 'aurora' || type === '') return 'standard';
  return undefined;
}
