import type Big from 'big.js';
import type { ServiceId } from '../cost/catalog/skus.ts';
import type { Severity } from './finding.ts';
import type { LabelTarget } from './kubernetes.ts';

/** The policy's `pricing:` block. */
export interface PricingSettings {
  /** Region for resources whose region the input does not say. */
  defaultRegion?: string;
  /** Enterprise discount on every list price, percent. */
  discountPercent?: Big;
  /** Per-service discounts, overriding `discountPercent`. */
  discounts: Partial<Record<ServiceId, Big>>;
}

/** Where a policy entry was written, so messages about it can point there. */
export interface PolicyLocation {
  file: string;
  line?: number;
}

export interface TagRequirement {
  key: string;
  allowed?: string[];
  /** Anchored and compiled; `patternText` is what the user wrote, for messages. */
  pattern?: RegExp;
  patternText?: string;
  ignoreCase: boolean;
  severity: Exclude<Severity, 'info'>;
  description?: string;
  at: PolicyLocation;
}

/** What a check that cannot be decided (a value known only after apply) means for the verdict. */
export type OnUnknown = 'warn' | 'block' | 'pass';

/** Severity a policy entry may give its findings. */
export type EntrySeverity = Exclude<Severity, 'info'>;

export interface TagPolicy {
  /** Type globs to check; undefined means every taggable type. */
  appliesTo?: string[];
  exclude: string[];
  onUnknown: OnUnknown;
  required: TagRequirement[];
}

/** The policy's `kubernetes:` block, defaults filled in. */
export interface KubernetesSettings {
  /** Taxonomy key → label key; keys not mapped are looked up under their own name. */
  labels: Record<string, string>;
  /** Where required labels are checked; default object and pod. */
  labelTargets: LabelTarget[];
  pricing: {
    /** Region of volumes and load balancers (and of the node type's price). */
    region?: string;
    /** Node instance type whose on-demand price gives per-vCPU and per-GiB rates. */
    nodeInstanceType?: string;
    /** Explicit rates in USD; each wins over the node-derived one. */
    cpuHour?: Big;
    memoryGibHour?: Big;
  };
  /** Nodes a DaemonSet runs on; unknown when not set. */
  daemonsetNodes?: number;
  /** Storage class → EBS volume type; unmapped classes are gp3. */
  storageClasses: Record<string, string>;
  /** What a Service of type LoadBalancer without an AWS annotation creates. */
  loadBalancer: 'nlb' | 'clb';
  /** Severity of `k8s.requests.missing`, or `pass` to say nothing. */
  requestsMissing: 'warn' | 'block' | 'pass';
}

/** A `max_*` limit blocks (or warns, with `severity: warn`); a `warn_*` limit always warns. USD or percent. */
export interface BudgetLimit {
  max?: Big;
  warn?: Big;
}

/** Which resources a budget adds up; every given part must match. */
export interface BudgetScope {
  /** A tag and its value, as the resource carries it before (for cost before) and after the change. */
  tag?: { key: string; value: string };
  /** A module address: the module and everything inside it (`module.payments`). */
  module?: string;
  /** Resource type globs, `!` negating. */
  types?: string[];
}

/** The policy's `budgets:` entries: limits on the monthly cost of the change. */
export interface Budget {
  name: string;
  scope?: BudgetScope;
  monthlyDelta: BudgetLimit;
  percentIncrease: BudgetLimit;
  monthlyTotal: BudgetLimit;
  severity: EntrySeverity;
  onUnknown: OnUnknown;
  /** Said after the numbers: why the budget exists, whom to ask. */
  message?: string;
  at: PolicyLocation;
}

/** The policy's `forbidden:` entries. A resource is forbidden when it matches every criterion given. */
export interface ForbiddenEntry {
  name: string;
  resourceTypes?: string[];
  instanceTypes?: string[];
  regions?: string[];
  severity: EntrySeverity;
  onUnknown: OnUnknown;
  message?: string;
  fix?: string;
  at: PolicyLocation;
}

/** The policy's `rules:` entries: a json-logic condition per resource; true means a violation. */
export interface Rule {
  id: string;
  /** Resource type globs; undefined for every type. */
  appliesTo?: string[];
  /** The json-logic expression, validated at load (known operators only). */
  when: Record<string, unknown>;
  severity: EntrySeverity;
  onUnknown: OnUnknown;
  message: string;
  fix?: string;
  at: PolicyLocation;
}

/** The policy's `exemptions:` entries: findings that are accepted, by whom, until when. */
export interface PolicyExemption {
  /** Rule id globs (`tags.*`, `budget.pr-delta`). */
  rules: string[];
  /** Resource address globs (`module.legacy.*`). */
  resources: string[];
  reason: string;
  owner: string;
  /** The last day it applies, `YYYY-MM-DD`. */
  expires: string;
  at: PolicyLocation;
}

/** A loaded, validated and merged policy: what every check stage reads. */
export interface Policy {
  /** The files it was merged from, in order; `(bundled) default.yaml` for the built-in one. */
  files: string[];
  tags: TagPolicy;
  pricing: PricingSettings;
  /** Tag keys cost is grouped by; defaults to the required tag keys. */
  showbackTags: string[];
  kubernetes: KubernetesSettings;
  budgets: Budget[];
  forbidden: ForbiddenEntry[];
  rules: Rule[];
  exemptions: PolicyExemption[];
}
