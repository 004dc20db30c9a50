/**
 * A policy that gives Kubernetes requests no rate (no `kubernetes.pricing.node.instance_type`, no
 * `cpu_hour` or `memory_gib_hour`) leaves every workload's requests not priced for one reason: a
 * setting, not a price the catalog lacks. The workloads stay "not priced" with that reason, but the
 * run says it once, `k8s.rate.missing`, instead of a `cost.price_missing` warning per workload, which
 * would fail `--fail-on warn` once for each of them. It is a note (info) while the policy has not set
 * up Kubernetes pricing at all (the default policy prices nothing until you opt in), and a warning
 * once it has (a region, or one rate without the other): then it is most likely an omission.
 */
import type { CostComponent, ResourceCost } from '../../../model/cost.ts';
import type { Finding } from '../../../model/finding.ts';
import type { KubernetesSettings } from '../../../model/policy.ts';
import type { Resource } from '../../../model/resource.ts';
import { rateFor } from './rates.ts';

export const RATE_MISSING = 'k8s.rate.missing';

/** Names shown in the finding before "and N more". */
const SHOWN = 3;

/**
 * The cost findings with a `cost.price_missing` left out for each Kubernetes resource whose only
 * missing prices are requests without a rate, plus one `k8s.rate.missing` for all the resources
 * whose requests have none. `costs[i]` is the cost of `resources[i]`.
 */
export function withRateGap(
  resources: readonly Resource[],
  costs: readonly (ResourceCost | undefined)[],
  findings: readonly Finding[],
  kubernetes: KubernetesSettings,
): Finding[] {
  const gaps = new Map<string, string>();
  for (const [what, resource] of [
    ['CPU', 'cpu'],
    ['memory', 'memory'],
  ] as const) {
    const reason = rateFor(resource, kubernetes.pricing).unpricedReason;
    if (reason !== undefined) gaps.set(reason, what);
  }
  if (gaps.size === 0) return [...findings];
  const isGap = (c: CostComponent): boolean => c.state === 'not-priced' && gaps.has(c.reason ?? '');
  const affected: Resource[] = [];
  const onlyGap = new Set<Resource>();
  for (const [i, resource] of resources.entries()) {
    const shown = costs[i]?.after ?? costs[i]?.before;
    if (!resource.kubernetes || !shown) continue;
    const missing = shown.components.filter((c) => c.state === 'not-priced');
    const gap = missing.filter(isGap);
    if (gap.length === 0) continue;
    affected.push(resource);
    if (gap.length === missing.length) onlyGap.add(resource);
  }
  if (affected.length === 0) return [...findings];
  const dropped = new Set([...onlyGap].map((r) => key(r.address, r.origin.path)));
  const kept = findings.filter(
    (f) => f.rule !== 'cost.price_missing' || !dropped.has(key(f.address, f.origin)),
  );
  return [...kept, rateMissing(affected, [...new Set(gaps.values())], kubernetes)];
}

function key(address: string, origin: string | undefined): string {
  return `${origin ?? ''}\u0000${address}`;
}

function rateMissing(affected: readonly Resource[], what: string[], kubernetes: KubernetesSettings): Finding {
  const { pricing } = kubernetes;
  const configured =
    pricing.region !== undefined ||
    pricing.nodeInstanceType !== undefined ||
    pricing.cpuHour !== undefined ||
    pricing.memoryGibHour !== undefined;
  const names = affected.slice(0, SHOWN).map((r) => r.address);
  const more = affected.length > SHOWN ? ` and ${affected.length - SHOWN} more` : '';
  const n = affected.length;
  const keys =
    what.length === 2 ? 'cpu_hour and memory_gib_hour' : what[0] === 'CPU' ? 'cpu_hour' : 'memory_gib_hour';
  return {
    rule: RATE_MISSING,
    severity: configured ? 'warn' : 'info',
    address: 'kubernetes.pricing',
    message: `${what.join(' and ')} requests of ${n} Kubernetes ${n === 1 ? 'workload are' : 'workloads are'} not priced (${names.join(', ')}${more}): the policy gives no rate; set kubernetes.pricing.node.instance_type (or ${keys})`,
    fix: `Set kubernetes.pricing.node.instance_type to your nodes' EC2 instance type (requests are priced as shares of its on-demand price), or give ${keys}. Until then each workload's requests are "not priced" with this reason.`,
  };
}
