import type Big from 'big.js';
import { dec } from '../../money.ts';
import { fromUsage, known } from '../quantity.ts';
import type { ComponentSpec, Pricer } from '../types.ts';

/**
 * S3 Standard is priced in tiers of the GB stored a month: the first 50 TB (51,200 GB), the next
 * 450 TB, then everything over 500 TB. AWS applies them to all of an account's Standard storage in a
 * region; tollgate, seeing one bucket at a time, tiers each bucket on its own, which across many
 * large buckets can overstate the cost but never understates it.
 */
const TIERS: { upTo: number; label: string; sku: string }[] = [
  { upTo: 51_200, label: 'first 50 TB', sku: 's3/storage/standard' },
  { upTo: 512_000, label: 'next 450 TB', sku: 's3/storage/standard-tier2' },
  { upTo: Infinity, label: 'over 500 TB', sku: 's3/storage/standard-tier3' },
];

/** The other storage classes, priced when the usage file gives their GB. */
const CLASSES: { key: string; name: string; sku: string }[] = [
  { key: 'standard_ia_storage_gb', name: 'Standard-IA', sku: 's3/storage/standard-ia' },
  { key: 'onezone_ia_storage_gb', name: 'One Zone-IA', sku: 's3/storage/onezone-ia' },
  { key: 'glacier_storage_gb', name: 'Glacier Flexible Retrieval', sku: 's3/storage/glacier' },
  { key: 'deep_archive_storage_gb', name: 'Glacier Deep Archive', sku: 's3/storage/deep-archive' },
];

const S3_USAGE: Record<string, string> = {
  storage_gb: 'GB stored in Standard',
  ...Object.fromEntries(CLASSES.map((c) => [c.key, `GB stored in ${c.name}`])),
  monthly_tier_1_requests: 'PUT, COPY, POST and LIST requests a month',
  monthly_tier_2_requests: 'GET, SELECT and other requests a month',
};

/**
 * A bucket bills what it stores and the requests it serves, all from usage: Standard storage
 * (`storage_gb`), the other classes when given, PUT/COPY/POST/LIST requests
 * (`monthly_tier_1_requests`) and GET and other requests (`monthly_tier_2_requests`) at Standard
 * request prices. Retrievals, transitions and data transfer are not priced.
 */
export const s3Bucket: Pricer = {
  types: ['aws_s3_bucket'],
  summary: 'storage by class (Standard tiered per bucket), requests',
  usage: S3_USAGE,
  components({ usage }) {
    const standard = usage.number('storage_gb');
    const components: ComponentSpec[] =
      standard === undefined
        ? [
            {
              name: 'Storage (Standard)',
              unit: 'GB-months',
              quantity: { kind: 'usage', key: 'storage_gb' },
              skus: [{ sku: 's3/storage/standard' }],
            },
          ]
        : standardTiers(standard);
    for (const storageClass of CLASSES) {
      if (usage.number(storageClass.key) === undefined) continue;
      components.push({
        name: `Storage (${storageClass.name})`,
        unit: 'GB-months',
        quantity: fromUsage(usage, storageClass.key),
        skus: [{ sku: storageClass.sku }],
      });
    }
    components.push(
      {
        name: 'PUT, COPY, POST, LIST requests',
        unit: '1k requests',
        quantity: fromUsage(usage, 'monthly_tier_1_requests', 1000),
        skus: [{ sku: 's3/requests/tier1' }],
      },
      {
        name: 'GET, SELECT and other requests',
        unit: '1k requests',
        quantity: fromUsage(usage, 'monthly_tier_2_requests', 1000),
        skus: [{ sku: 's3/requests/tier2' }],
      },
    );
    return components;
  },
};

/** Standard storage split at the tier boundaries; one line when it fits the first tier. */
function standardTiers(gb: Big): ComponentSpec[] {
  if (gb.lte(TIERS[0]?.upTo ?? 0)) {
    return [
      {
        name: 'Storage (Standard)',
        unit: 'GB-months',
        quantity: known(gb),
        skus: [{ sku: 's3/storage/standard' }],
      },
    ];
  }
  const components: ComponentSpec[] = [];
  let from = dec(0);
  for (const tier of TIERS) {
    if (gb.lte(from)) break;
    const to = Number.isFinite(tier.upTo) && gb.gt(tier.upTo) ? dec(tier.upTo) : gb;
    components.push({
      name: `Storage (Standard, ${tier.label})`,
      unit: 'GB-months',
      quantity: known(to.minus(from)),
      skus: [{ sku: tier.sku }],
    });
    from = to;
  }
  return components;
}
