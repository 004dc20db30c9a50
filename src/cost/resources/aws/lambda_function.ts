import type Big from 'big.js';
import { UNKNOWN } from '../../attributes.ts';
import { dec } from '../../money.ts';
import { afterApply, fromUsage, known, unknownQuantity } from '../quantity.ts';
import type { ComponentSpec, Pricer, Quantity } from '../types.ts';
import { withDefault } from './shared/references.ts';

/** AWS's monthly duration tiers, in GB-seconds, by architecture. */
const TIERS: Record<string, { tier1: number; tier2: number; label: [string, string, string] }> = {
  x86_64: { tier1: 6e9, tier2: 15e9, label: ['first 6B', 'next 9B', 'over 15B'] },
  arm64: { tier1: 7.5e9, tier2: 18.75e9, label: ['first 7.5B', 'next 11.25B', 'over 18.75B'] },
};

/** Every function gets 512 MB of /tmp; only what is configured above it bills. */
const FREE_EPHEMERAL_MB = 512;

/**
 * A Lambda function bills requests and compute duration, both from the usage file:
 * `monthly_requests` (requests a month) and `request_duration_ms` (average duration of one request).
 * Duration is GB-seconds: requests × duration in seconds × `memory_size` / 1024 (memory default 128
 * MB), at the rate of the function's architecture (`architectures`, default x86_64) and split
 * across AWS's monthly tiers (x86_64: 6B and 15B GB-seconds; arm64: 7.5B and 18.75B). Ephemeral
 * storage above the free 512 MB (`ephemeral_storage[0].size`) bills per GB-second of duration too.
 *
 * The tiers and the free tier (1M requests and 400,000 GB-seconds a month) are per account and
 * region, across all functions: a single function cannot know what the others use, so the free tier
 * is not subtracted and each function's duration is tiered as if it were alone. Provisioned
 * concurrency is a resource of its own.
 */
export const lambdaFunction: Pricer = {
  types: ['aws_lambda_function'],
  summary: 'requests, duration in GB-seconds by architecture, ephemeral storage above 512 MB',
  usage: {
    monthly_requests: 'invocations a month',
    request_duration_ms: 'average duration of an invocation, in milliseconds',
  },
  components({ attrs, resource, usage }) {
    const requests = usage.number('monthly_requests');
    const durationMs = usage.number('request_duration_ms');
    const components: ComponentSpec[] = [
      {
        name: 'Requests',
        unit: '1M requests',
        quantity: fromUsage(usage, 'monthly_requests', 1_000_000),
        skus: [{ sku: 'lambda/requests' }],
      },
    ];

    const architectures = attrs.strings('architectures');
    const arch =
      architectures === UNKNOWN
        ? withDefault(resource, ['architectures'], UNKNOWN, 'x86_64')
        : (architectures?.[0] ?? 'x86_64');
    const memory = withDefault(resource, ['memory_size'], attrs.num('memory_size'), dec(128));
    const missing = [
      requests === undefined ? 'monthly_requests' : '',
      durationMs === undefined ? 'request_duration_ms' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    // Seconds of compute a month, when the usage file gives both values.
    const seconds =
      requests !== undefined && durationMs !== undefined ? requests.times(durationMs).div(1000) : undefined;

    if (arch === UNKNOWN || !Object.hasOwn(TIERS, arch)) {
      const reason =
        arch === UNKNOWN ? afterApply('architectures') : `architecture "${arch}" is not known to tollgate`;
      components.push({ name: 'Duration', unit: 'GB-seconds', quantity: unknownQuantity(reason), skus: [] });
    } else if (memory === UNKNOWN) {
      components.push({
        name: `Duration (${arch})`,
        unit: 'GB-seconds',
        quantity: unknownQuantity(afterApply('memory_size')),
        skus: [{ sku: `lambda/duration/${arch}/tier1` }],
      });
    } else if (seconds === undefined) {
      components.push({
        name: `Duration (${arch})`,
        unit: 'GB-seconds',
        quantity: { kind: 'usage', key: missing },
        skus: [{ sku: `lambda/duration/${arch}/tier1` }],
      });
    } else {
      components.push(...durationTiers(arch, seconds.times(memory).div(1024)));
    }

    const storage = attrs.blocks('ephemeral_storage');
    const size = storage === UNKNOWN ? UNKNOWN : storage[0]?.num('size');
    if (size === UNKNOWN || (size !== undefined && size.gt(FREE_EPHEMERAL_MB))) {
      const quantity: Quantity =
        size === UNKNOWN
          ? unknownQuantity(afterApply('ephemeral_storage[0].size'))
          : seconds === undefined
            ? { kind: 'usage', key: missing }
            : known(size.minus(FREE_EPHEMERAL_MB).div(1024).times(seconds));
      components.push({
        name: `Ephemeral storage above ${FREE_EPHEMERAL_MB} MB`,
        unit: 'GB-seconds',
        quantity,
        skus: [{ sku: 'lambda/ephemeral-storage' }],
      });
    }
    return components;
  },
};

/** GB-seconds split across the architecture's monthly tiers; tiers with nothing in them are left out. */
function durationTiers(arch: string, gbSeconds: Big): ComponentSpec[] {
  const tiers = TIERS[arch] as (typeof TIERS)[string];
  const first = dec(tiers.tier1);
  const second = dec(tiers.tier2);
  const parts: [string, string, Big][] = [
    ['tier1', tiers.label[0], gbSeconds.gt(first) ? first : gbSeconds],
    [
      'tier2',
      tiers.label[1],
      gbSeconds.gt(second) ? second.minus(first) : gbSeconds.gt(first) ? gbSeconds.minus(first) : dec(0),
    ],
    ['tier3', tiers.label[2], gbSeconds.gt(second) ? gbSeconds.minus(second) : dec(0)],
  ];
  return parts
    .filter(([tier, , q]) => tier === 'tier1' || q.gt(0))
    .map(([tier, label, q]) => ({
      name: `Duration (${arch}, ${label} GB-seconds)`,
      unit: 'GB-seconds',
      quantity: known(q),
      skus: [{ sku: `lambda/duration/${arch}/${tier}` }],
    }));
}
