import type Big from 'big.js';
import type { ComponentState, CostComponent, CostSide, CostStatus, ResourceCost } from '../model/cost.ts';
import type { Finding } from '../model/finding.ts';
import type { KubernetesSettings, PricingSettings } from '../model/policy.ts';
import type { Resource } from '../model/resource.ts';
import { BillInterner } from './bills.ts';
import { skuKind } from './catalog/skus.ts';
import { dec, HOURS_PER_MONTH, sum, ZERO } from './money.ts';
import { PricerMemo } from './memo.ts';
import { foreignPartition } from './partition.ts';
import { isQuote, priceKey, type PriceAnswer, type PriceRequest } from './prices.ts';
import { isFree } from './resources/free.ts';
import { pricerFor } from './resources/registry.ts';
import type { CostTally } from './tally.ts';
import type { ComponentSpec, Pricer, ResourceLookup } from './resources/types.ts';
import type { Usage } from './usage.ts';
import { joinNotes } from './notes.ts';

export interface CostOptions {
  usage: Usage;
  pricing: PricingSettings;
  kubernetes: KubernetesSettings;
}

/** Every free resource's cost: nothing, before or after. */
const FREE: ResourceCost = Object.freeze({
  status: 'free',
  monthlyBefore: ZERO,
  monthlyAfter: ZERO,
  monthlyDelta: ZERO,
});

type PricedPlan = Extract<ResourcePlan, { kind: 'priced' }>;

export type ResourcePlan =
  | { kind: 'free' }
  | { kind: 'not-priced'; reason: string }
  | {
      kind: 'priced';
      region: string;
      before?: ComponentSpec[];
      after?: ComponentSpec[];
      /** Monthly hours from the usage file, per side: a tag value can change between them. */
      hoursBefore?: Big;
      hoursAfter?: Big;
    };

const SIDES_BEFORE = new Set(['update', 'replace', 'delete', 'no-op']);
const SIDES_AFTER = new Set(['create', 'update', 'replace', 'no-op']);

/**
 * Phase 1 (pure): what each resource's bill is made of, before and after, without prices; `plans[i]`
 * is `resources[i]`'s. Pricer answers are remembered across resources with the same priced inputs
 * (see PricerMemo) unless `remember` is false.
 */
export function planCosts(
  resources: readonly Resource[],
  options: CostOptions,
  remember = true,
): ResourcePlan[] {
  const memo = new PricerMemo(resourceLookup(resources), new BillInterner(), remember);
  // Arrays in the resources' order, not maps keyed by resource: every later stage walks all of them,
  // and a lookup by index costs nothing where hashing ten thousand objects does.
  const plans: ResourcePlan[] = [];
  // Sides are interned (region and hours included), so equal plans are one object: the next phase
  // fills each once.
  const shared = new Map<ComponentSpec[] | undefined, Map<ComponentSpec[] | undefined, PricedPlan>>();
  for (let i = 0; i < resources.length; i++) {
    let plan = planResource(resources[i] as Resource, options, memo);
    if (plan.kind === 'priced' && (plan.before || plan.after)) {
      let byAfter = shared.get(plan.before);
      if (!byAfter) shared.set(plan.before, (byAfter = new Map<ComponentSpec[] | undefined, PricedPlan>()));
      const same = byAfter.get(plan.after);
      if (same) plan = same;
      else byAfter.set(plan.after, plan);
    }
    plans.push(plan);
  }
  return plans;
}

const FREE_PLAN: ResourcePlan = Object.freeze({ kind: 'free' });

/** Why a resource has no pricer at all; the reports group such resources apart from price misses. */
export const typeNotPriced = (type: string): string => `${type} is not priced by tollgate`;
/** The start of every "no region to price in" reason. */
export const REGION_UNKNOWN = 'region unknown';

function planResource(resource: Resource, options: CostOptions, memo: PricerMemo): ResourcePlan {
  if (isFree(resource.type)) return FREE_PLAN;
  const pricer = pricerFor(resource.type);
  if (!pricer) return { kind: 'not-priced', reason: typeNotPriced(resource.type) };
  const region = resource.region ?? options.pricing.defaultRegion;
  if (!region) {
    // A Kubernetes object whose bill names no regional price (a ClusterIP Service, requests priced
    // at the policy's rates) needs no region; any other does.
    const plan = resource.kubernetes ? pricedPlan(resource, pricer, '', options, memo) : undefined;
    const regional = [...(plan?.before ?? []), ...(plan?.after ?? [])].some((spec) => spec.skus.length > 0);
    if (plan && !regional) return plan;
    return {
      kind: 'not-priced',
      reason: resource.kubernetes
        ? `${REGION_UNKNOWN}: set kubernetes.pricing.region (or pricing.default_region) in the policy`
        : `${REGION_UNKNOWN}: give the provider a constant region, or set pricing.default_region in the policy`,
    };
  }
  return pricedPlan(resource, pricer, region, options, memo);
}

function pricedPlan(
  resource: Resource,
  pricer: Pricer,
  region: string,
  options: CostOptions,
  memo: PricerMemo,
): PricedPlan {
  const usage = options.usage.valuesFor(resource);
  const price = (side: 'before' | 'after', hours: Big | undefined) =>
    memo.components(pricer, { resource, side, region, usage, kubernetes: options.kubernetes }, hours);
  const plan: PricedPlan = { kind: 'priced', region };
  if (SIDES_AFTER.has(resource.action) && resource.after) {
    const hours = options.usage.monthlyHoursFor(resource, 'after');
    plan.after = price('after', hours);
    if (hours !== undefined) plan.hoursAfter = hours;
  }
  if (SIDES_BEFORE.has(resource.action) && resource.before) {
    const hours = options.usage.monthlyHoursFor(resource, 'before');
    // An unchanged resource costs the same before and after: price it once. Not so a Kubernetes
    // object, whose cost also depends on others (its autoscaler, its claims' StorageClass).
    plan.before =
      resource.action === 'no-op' && plan.after && !resource.kubernetes && sameHours(hours, plan.hoursAfter)
        ? plan.after
        : price('before', hours);
    if (hours !== undefined) plan.hoursBefore = hours;
  }
  return plan;
}

function sameHours(a: Big | undefined, b: Big | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.eq(b);
}

function resourceLookup(resources: readonly Resource[]): ResourceLookup {
  // Built on first use: only a few pricers follow references, and most plans never ask.
  let indexes: { byAddress: Map<string, Resource>; byType: Map<string, Resource[]> } | undefined;
  const built = () => {
    if (indexes) return indexes;
    const byAddress = new Map<string, Resource>();
    const byType = new Map<string, Resource[]>();
    for (const r of resources) {
      byAddress.set(`${r.origin.path}\0${r.address}`, r);
      // By input, and across inputs under `\0type` (Kubernetes objects refer to each other across paths).
      for (const key of [`${r.origin.path}\0${r.type}`, `\0${r.type}`]) {
        const list = byType.get(key);
        if (list) list.push(r);
        else byType.set(key, [r]);
      }
    }
    return (indexes = { byAddress, byType });
  };
  return {
    byAddress(address, origin) {
      return origin === undefined
        ? resources.find((r) => r.address === address)
        : built().byAddress.get(`${origin}\0${address}`);
    },
    ofType(type, origin) {
      return built().byType.get(`${origin ?? ''}\0${type}`) ?? [];
    },
  };
}

/** Phase 2 input: every price the plans could use, fallbacks included. */
export function priceRequests(plans: readonly ResourcePlan[]): PriceRequest[] {
  // Thousands of components ask for a few dozen prices: dedupe per region without building keys.
  const byRegion = new Map<string, Set<string>>();
  const add = (specs: ComponentSpec[] | undefined, region: string) => {
    for (const spec of specs ?? []) {
      for (const choice of spec.skus) {
        const r = choice.region ?? region;
        let skus = byRegion.get(r);
        if (!skus) byRegion.set(r, (skus = new Set()));
        skus.add(choice.sku);
      }
    }
  };
  // Resources with the same bill share one plan object (see planCosts): visit each once.
  const seen = new Set<ResourcePlan>();
  for (const plan of plans) {
    if (plan.kind !== 'priced' || seen.has(plan)) continue;
    seen.add(plan);
    add(plan.after, plan.region);
    if (plan.before !== plan.after) add(plan.before, plan.region);
  }
  const requests: PriceRequest[] = [];
  for (const [region, skus] of byRegion) for (const sku of skus) requests.push({ sku, region });
  return requests;
}

export interface CostResult {
  /** `costs[i]` is the cost of the resource `plans[i]` was made for. */
  costs: ResourceCost[];
  findings: Finding[];
}

/** Phase 3 (pure): quantities × prices, with discounts and monthly hours; findings for missing prices. */
export function fillCosts(
  resources: readonly Resource[],
  plans: readonly ResourcePlan[],
  answers: Map<string, PriceAnswer>,
  options: CostOptions,
): CostResult {
  const costs: ResourceCost[] = [];
  const findings: Finding[] = [];
  // Identical sides share one spec list (see BillInterner), which carries the region and hours: fill each once.
  const sideCache = new Map<ComponentSpec[], CostSide>();
  const side = (
    specs: ComponentSpec[] | undefined,
    plan: PricedPlan,
    hours: Big | undefined,
  ): CostSide | undefined => {
    if (!specs) return undefined;
    let filled = sideCache.get(specs);
    if (!filled) {
      filled = fillSide(specs, plan.region, hours, answers, options);
      sideCache.set(specs, filled);
    }
    return filled;
  };
  // Equal plans are one object (see planCosts), so resources with the same bill share one
  // ResourceCost (consumers only read it), and the report and showback work per distinct cost too.
  const byPlan = new Map<PricedPlan, PricedCost>();
  const notPriced = new Map<string, ResourceCost>();
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i] as ResourcePlan;
    if (plan.kind === 'free') {
      costs.push(FREE);
      continue;
    }
    if (plan.kind === 'not-priced') {
      let cost = notPriced.get(plan.reason);
      if (!cost) {
        cost = {
          status: 'not-priced',
          monthlyBefore: ZERO,
          monthlyAfter: ZERO,
          monthlyDelta: ZERO,
          reason: plan.reason,
        };
        notPriced.set(plan.reason, cost);
      }
      costs.push(cost);
      continue;
    }
    let priced = byPlan.get(plan);
    if (!priced) {
      priced = pricedCost(
        side(plan.before, plan, plan.hoursBefore),
        side(plan.after, plan, plan.hoursAfter),
        plan,
      );
      byPlan.set(plan, priced);
    }
    costs.push(priced.cost);
    if (priced.missing)
      findings.push(priceMissing(resources[i] as Resource, plan.region, priced.missing, priced.noSku));
  }
  return { costs, findings };
}

interface PricedCost {
  cost: ResourceCost;
  /** Components of the shown side that no price source answered, for a cost.price_missing finding. */
  missing?: CostComponent[];
  noSku: boolean;
}

function pricedCost(before: CostSide | undefined, after: CostSide | undefined, plan: PricedPlan): PricedCost {
  const monthlyBefore = before?.total ?? ZERO;
  const monthlyAfter = after?.total ?? ZERO;
  const cost: ResourceCost = {
    status:
      before === after || !before
        ? statusOf(after?.components ?? [])
        : after
          ? statusOf([...before.components, ...after.components])
          : statusOf(before.components),
    monthlyBefore,
    monthlyAfter,
    // A created resource's change is its whole cost: the same decimal, not a copy.
    monthlyDelta: before ? monthlyAfter.minus(monthlyBefore) : monthlyAfter,
  };
  if (before) cost.before = before;
  if (after) cost.after = after;
  if (before?.totalMax || after?.totalMax) {
    const beforeMax = before ? (before.totalMax ?? before.total) : ZERO;
    const afterMax = after ? (after.totalMax ?? after.total) : ZERO;
    cost.max = { before: beforeMax, after: afterMax, delta: afterMax.minus(beforeMax) };
  }
  const shownSide = after ?? before;
  if (!shownSide?.incomplete) return { cost, noSku: false };
  const specs = (after ? plan.after : plan.before) ?? [];
  const shown = shownSide.components;
  const missing = shown.filter((c) => c.state === 'not-priced');
  // Components no price source could answer (no SKU to look up): a refresh would not help.
  const noSku = shown.every((c, i) => c.state !== 'not-priced' || (specs[i]?.skus.length ?? 0) === 0);
  return missing.length > 0 ? { cost, missing, noSku } : { cost, noSku };
}

function fillSide(
  specs: ComponentSpec[],
  region: string,
  hours: Big | undefined,
  answers: Map<string, PriceAnswer>,
  options: CostOptions,
): CostSide {
  const components = specs.map((spec) => fillComponent(spec, region, hours, answers, options));
  const total = sum(components.flatMap((c) => (c.monthlyCost ? [c.monthlyCost] : [])));
  const side: CostSide = {
    components,
    total,
    incomplete: components.some((c) => c.state === 'unknown' || c.state === 'not-priced'),
  };
  // Only a range (an autoscaled workload) has a top of its own.
  if (components.some((c) => c.monthlyCostMax)) {
    const totalMax = sum(
      components.flatMap((c) => (c.monthlyCost ? [c.monthlyCostMax ?? c.monthlyCost] : [])),
    );
    if (!totalMax.eq(total)) side.totalMax = totalMax;
  }
  return side;
}

function fillComponent(
  spec: ComponentSpec,
  region: string,
  hours: Big | undefined,
  answers: Map<string, PriceAnswer>,
  options: CostOptions,
): CostComponent {
  const component: CostComponent = { name: spec.name, unit: spec.unit, state: 'priced' };
  let chosen: { answer: PriceAnswer | undefined; choice: ComponentSpec['skus'][number] | undefined } = {
    answer: undefined,
    choice: undefined,
  };
  for (const choice of spec.skus) {
    const answer = lookup(answers, choice.sku, choice.region ?? region);
    if (isQuote(answer)) {
      chosen = { answer, choice };
      break;
    }
    chosen.answer ??= answer;
    chosen.choice ??= choice;
  }
  const { answer, choice } = chosen;

  if (isQuote(answer) && choice) {
    const service = skuKind(choice.sku)?.kind.service;
    const discount = (service && options.pricing.discounts[service]) ?? options.pricing.discountPercent;
    const list = choice.factor ? answer.usd.times(choice.factor) : answer.usd;
    component.unitPrice = discount ? list.times(dec(100).minus(discount)).div(100) : list;
    if (discount) {
      component.listUnitPrice = list;
      component.discountPercent = discount;
    }
    component.priceSource = answer.origin;
    component.priceAsOf = answer.asOf;
    if (choice.note) component.note = choice.note;
  } else if (spec.policyPrice) {
    component.unitPrice = spec.policyPrice.usd;
    component.priceSource = 'policy';
    if (spec.policyPrice.note) component.note = spec.policyPrice.note;
  }
  if (spec.note) component.note = joinNotes(spec.note, component.note);

  const quantity = spec.quantity;
  const monthly = (value: Big): Big =>
    spec.hourly && hours !== undefined ? value.times(hours).div(HOURS_PER_MONTH) : value;
  if (quantity.kind === 'known') {
    component.monthlyQuantity = monthly(quantity.value);
    if (spec.hourly && hours !== undefined) {
      component.note = joinNotes(
        component.note,
        `${hours.toString()} of ${HOURS_PER_MONTH} hours a month (usage file)`,
      );
    }
    if (spec.quantityMax?.kind === 'known') component.monthlyQuantityMax = monthly(spec.quantityMax.value);
  }

  const state = stateOf(spec, answer);
  component.state = state;
  if (state === 'priced' && component.monthlyQuantity && component.unitPrice) {
    component.monthlyCost = component.monthlyQuantity.times(component.unitPrice);
    if (component.monthlyQuantityMax)
      component.monthlyCostMax = component.monthlyQuantityMax.times(component.unitPrice);
  } else if (state === 'unknown') {
    component.reason = quantity.kind === 'unknown' ? quantity.reason : 'unknown';
  } else if (state === 'not-priced') {
    component.reason = spec.unpricedReason ?? (answer && !isQuote(answer) ? answer.missing : 'no price');
  } else if (state === 'usage-not-given' && quantity.kind === 'usage') {
    component.reason = `usage not given: set ${quantity.key} in the usage file`;
    if (!spec.policyPrice && !isQuote(answer)) {
      const why = spec.unpricedReason ?? (answer ? answer.missing : 'no price');
      component.reason += `; then it needs a price too (${why})`;
    }
  }
  return component;
}

/**
 * Unknown quantities first (nothing else can be said), then missing usage, then missing prices. A
 * usage-billed line nobody gave usage for costs $0 whatever its price, so a missing price there is
 * not yet a gap in the total: it is said on the line, and becomes `not-priced` once usage is given.
 */
function stateOf(spec: ComponentSpec, answer: PriceAnswer | undefined): ComponentState {
  if (spec.quantity.kind === 'unknown') return 'unknown';
  if (spec.quantity.kind === 'usage') return 'usage-not-given';
  if (!spec.policyPrice && (spec.skus.length === 0 || !isQuote(answer))) return 'not-priced';
  return 'priced';
}

const keyCache = new Map<string, Map<string, string>>();

/** answers.get(priceKey(...)) without building the key string for every component. */
function lookup(answers: Map<string, PriceAnswer>, sku: string, region: string): PriceAnswer | undefined {
  let keys = keyCache.get(region);
  if (!keys) keyCache.set(region, (keys = new Map<string, string>()));
  let key = keys.get(sku);
  if (key === undefined) keys.set(sku, (key = priceKey({ sku, region })));
  return answers.get(key);
}

/**
 * `partial` when some of the bill has a price and some does not; `not-priced` when nothing has a
 * price and something cannot get one (lines waiting for usage or known after apply do not make a
 * resource partly priced: there is no priced part).
 */
function statusOf(components: CostComponent[]): CostStatus {
  if (components.length === 0) return 'free';
  const gaps = components.some((c) => c.state === 'unknown' || c.state === 'not-priced');
  if (!gaps) return 'priced';
  const priced = components.some((c) => c.state === 'priced');
  if (!priced && components.some((c) => c.state === 'not-priced')) return 'not-priced';
  return 'partial';
}

function priceMissing(resource: Resource, region: string, missing: CostComponent[], noSku: boolean): Finding {
  const names = missing.map((c) => c.name).join(', ');
  // A resource in a Local or Wavelength Zone lacks the zone's price, not its region's: the reason names it.
  const inZone = missing.every((c) => / in (Local|Wavelength) Zone /.test(c.reason ?? ''));
  const where = region && !inZone ? ` in ${region}` : '';
  const finding: Finding = {
    rule: 'cost.price_missing',
    severity: 'warn',
    address: resource.address,
    message: `no price for ${names}${where}: this cost is not counted (${missing[0]?.reason ?? 'no price'})`,
    fix:
      noSku || foreignPartition(region)
        ? 'tollgate cannot price this from any catalog; the reason says what would let it, and the total is a lower bound until then.'
        : // Not only instance types miss: a queue or a key in a region the bundled facts do not cover.
          'Check that this region sells it; if it does, `tollgate pricing refresh` (with AWS credentials) adds its price to the catalog.',
    origin: resource.origin.path,
  };
  if (resource.source) finding.source = resource.source;
  return finding;
}

/** The totals the report's summary carries; `max` at the top of every range (what budgets compare). */
export function costTotals(
  resources: readonly Resource[],
  tally: CostTally,
): {
  before: Big;
  after: Big;
  delta: Big;
  max: { before: Big; after: Big; delta: Big };
  notPriced: Map<string, number>;
  partial: number;
  /** Components shown as "usage not given", over every resource. */
  usageNotGiven: number;
} {
  // Resources with the same bill share one ResourceCost: add each distinct cost times its count.
  const { distinct, index, counts, sums } = tally;
  const notPriced = new Map<string, number>();
  if (distinct.some((cost) => cost.status === 'not-priced')) {
    for (let i = 0; i < index.length; i++) {
      if ((distinct[index[i] as number] as ResourceCost).status !== 'not-priced') continue;
      const type = (resources[i] as Resource).type;
      notPriced.set(type, (notPriced.get(type) ?? 0) + 1);
    }
  }
  let partial = 0;
  let beforeSum = 0n;
  let afterSum = 0n;
  let beforeMax = 0n;
  let afterMax = 0n;
  let usageNotGiven = 0;
  for (const [k, cost] of distinct.entries()) {
    const count = counts[k] as number;
    if (cost.status === 'partial') partial += count;
    for (const c of cost.after?.components ?? cost.before?.components ?? [])
      if (c.state === 'usage-not-given') usageNotGiven += count;
    const n = BigInt(count);
    beforeSum += sums.of(cost.monthlyBefore) * n;
    afterSum += sums.of(cost.monthlyAfter) * n;
    beforeMax += sums.of(cost.max?.before ?? cost.monthlyBefore) * n;
    afterMax += sums.of(cost.max?.after ?? cost.monthlyAfter) * n;
  }
  return {
    before: sums.decimal(beforeSum),
    after: sums.decimal(afterSum),
    delta: sums.decimal(afterSum - beforeSum),
    max: {
      before: sums.decimal(beforeMax),
      after: sums.decimal(afterMax),
      delta: sums.decimal(afterMax - beforeMax),
    },
    notPriced,
    partial,
    usageNotGiven,
  };
}
