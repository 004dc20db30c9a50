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

export interface TagPolicy {
  /** Type globs to check; undefined means every taggable type. */
  appliesTo?: string[];
  exclude: string[];
  onUnknown: 'warn' | 'block' | 'pass';
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

/** A loaded, validated and merged policy: what every check stage reads. */
export interface Policy {
  /** The files it was merged from, in order; `(bundled) default.yaml` for the built-in one. */
  files: string[];
  tags: TagPolicy;
  pricing: PricingSettings;
  /** Tag keys cost is grouped by; defaults to the required tag keys. */
  showbackTags: string[];
  kubernetes: KubernetesSettings;
}
