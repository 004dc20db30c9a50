import type { Decimal } from '../cost/money.ts';

/** Why a component has no quantity or price. */
export type ComponentState =
  /** Quantity and unit price known: `monthly_cost` is exact. */
  | 'priced'
  /** An attribute it depends on is known only after apply. */
  | 'unknown'
  /** It is billed by usage and the usage file gives none: shown as $0, "usage not given". */
  | 'usage-not-given'
  /** No price for its SKU in this region, from the catalog or the API. */
  | 'not-priced';

/** One line of a resource's bill: quantity × unit price, for a month. */
export interface CostComponent {
  name: string;
  /** Unit of the quantity and price: `hours`, `GB-months`, `1M requests`, ... */
  unit: string;
  state: ComponentState;
  monthlyQuantity?: Decimal;
  /** The price charged per unit, after any discount. */
  unitPrice?: Decimal;
  monthlyCost?: Decimal;
  /** Why it is unknown or not priced, in words a developer understands. */
  reason?: string;
  /** The list price and discount, when a discount applies. */
  listUnitPrice?: Decimal;
  discountPercent?: Decimal;
  /**
   * Where the price came from: the bundled catalog (with its snapshot date), the live Pricing API, or
   * the policy (Kubernetes `cpu_hour` and `memory_gib_hour`).
   */
  priceSource?: 'catalog' | 'live' | 'policy';
  priceAsOf?: string;
  /** How the price or quantity was adjusted: Multi-AZ doubling, hours from the usage file. */
  note?: string;
  /** The top of a range (a HorizontalPodAutoscaler's maxReplicas); the fields above are its bottom. */
  monthlyQuantityMax?: Decimal;
  monthlyCostMax?: Decimal;
}

export type CostStatus = 'priced' | 'free' | 'not-priced' | 'partial';

/** The monthly cost of one side (before or after) of a change. */
export interface CostSide {
  total: Decimal;
  /** The total at the top of every range; absent (or `total`) when the side has none. */
  totalMax?: Decimal;
  components: CostComponent[];
  /** Some component is unknown or not priced: `total` is a lower bound. */
  incomplete: boolean;
}

/** What a resource costs before and after the change. */
export interface ResourceCost {
  status: CostStatus;
  before?: CostSide;
  after?: CostSide;
  monthlyBefore: Decimal;
  monthlyAfter: Decimal;
  monthlyDelta: Decimal;
  /** Why the whole resource is not priced (type not supported, region not in the catalog, ...). */
  reason?: string;
  /**
   * When a side is a range (an autoscaled workload between its minimum and maximum replicas): the
   * costs at the top of it. The fields above are the bottom. Budgets compare the top.
   */
  max?: { before: Decimal; after: Decimal; delta: Decimal };
}
