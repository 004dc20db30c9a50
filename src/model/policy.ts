import type Big from 'big.js';
import type { ServiceId } from '../cost/catalog/skus.ts';
import type { Severity } from './finding.ts';

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

/** A loaded, validated and merged policy: what every check stage reads. */
export interface Policy {
  /** The files it was merged from, in order; `(bundled) default.yaml` for the built-in one. */
  files: string[];
  tags: TagPolicy;
  pricing: PricingSettings;
  /** Tag keys cost is grouped by; defaults to the required tag keys. */
  showbackTags: string[];
}
