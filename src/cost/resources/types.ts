import type Big from 'big.js';
import type { AttrView } from '../attributes.ts';
import type { KubernetesSettings } from '../../model/policy.ts';
import type { Resource } from '../../model/resource.ts';
import type { UsageValues } from '../usage.ts';

/**
 * How much of a priced unit a resource uses in a month. Quantities are in the SKU's unit (hours,
 * GB-months, 1M requests, ...), exact decimals.
 */
export type Quantity =
  | { kind: 'known'; value: Big }
  /** Depends on an attribute known only after apply. */
  | { kind: 'unknown'; reason: string }
  /** Billed by usage; `key` is what to set in the usage file. */
  | { kind: 'usage'; key: string };

/** One way to price a component: a SKU, optionally scaled (Multi-AZ = 2 × the Single-AZ price). */
export interface SkuChoice {
  sku: string;
  factor?: Big;
  /** Said next to the price when this choice is the one used. */
  note?: string;
  /** The region whose price applies, when it is not the resource's (a replica billed in its own region). */
  region?: string;
}

/**
 * A line of a resource's bill as a pricer describes it: never a price, only what to look up.
 * Identical lists are shared between resources (BillInterner in bills.ts compares every field here).
 */
export interface ComponentSpec {
  name: string;
  unit: string;
  quantity: Quantity;
  /** Tried in order; the first the price source has is used. Empty when the price cannot be known. */
  skus: SkuChoice[];
  /** Billed per running hour: scaled by `monthly_hours` for resources that are not always on. */
  hourly?: boolean;
  /** Why no SKU can be named (e.g. instance type unknown until apply). */
  unpricedReason?: string;
  /** How the quantity was reached (`3 pods × 0.5 vCPU`), said before any note about the price. */
  note?: string;
  /** A unit price the policy states (Kubernetes `cpu_hour`): used as it is, without a lookup or discount. */
  policyPrice?: { usd: Big; note?: string };
  /** The quantity at the top of a range (an autoscaler's maxReplicas); `quantity` is its bottom. */
  quantityMax?: Quantity;
}

/** Other resources of the same inputs, for references between them (an ASG's launch template). */
export interface ResourceLookup {
  byAddress(address: string, module?: string): Resource | undefined;
  /**
   * Every resource of `type` read from the same input (`origin`), to match one by its id, name or ARN;
   * of every input when `origin` is undefined (Kubernetes objects refer to each other across paths).
   */
  ofType(type: string, origin: string | undefined): readonly Resource[];
}

export interface PricerInput {
  resource: Resource;
  /** The attributes of the side being priced; unknown markers only on the after side. */
  attrs: AttrView;
  side: 'before' | 'after';
  region: string;
  usage: UsageValues;
  lookup: ResourceLookup;
  /** The policy's `kubernetes:` block, for Kubernetes objects. */
  kubernetes: KubernetesSettings;
}

/** Turns one resource type's attributes into cost components. One file per type under aws/. */
export interface Pricer {
  types: readonly string[];
  /** What of the bill it prices, in a line (the README's table of priced types is built from it). */
  summary: string;
  /**
   * The usage-file keys it reads, each with what it means and its unit. Documented from here, and a
   * usage file giving a key its type does not read gets a warning instead of being silently ignored.
   */
  usage?: Readonly<Record<string, string>>;
  components(input: PricerInput): ComponentSpec[];
}

export const HOURS = 'hours';
