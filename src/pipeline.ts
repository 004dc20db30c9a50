import type Big from 'big.js';
import { catalogSource } from './cost/catalog/catalog.ts';
import {
  costTotals,
  fillCosts,
  planCosts,
  priceRequests,
  type CostOptions,
  type ResourcePlan,
} from './cost/estimate.ts';
import { percentChange, toJsonNumber } from './cost/money.ts';
import type { PriceAnswer, PriceSnapshot, PriceSource } from './cost/prices.ts';
import { PriceCache, pricingCacheDir } from './cost/live/cache.ts';
import { awsPricingApi } from './cost/live/client.ts';
import { livePriceSource } from './cost/live/source.ts';
import { withRateGap } from './cost/resources/kubernetes/rate-gap.ts';
import { showback, tagOrLabelValue } from './cost/showback.ts';
import { tallyCosts } from './cost/tally.ts';
import { checkUsageKeys } from './cost/usage-keys.ts';
import { unmatchedUsage, unusedUsage } from './cost/usage-match.ts';
import { NO_USAGE, parseUsage, type Usage } from './cost/usage.ts';
import { readInputText } from './inputs/read.ts';
import type { VariableArgument } from './inputs/hcl/variables.ts';
import { readManifestDelta, readManifests, type ManifestBase } from './inputs/kubernetes.ts';
import { readTerraformDelta, readTerraformDirectories } from './inputs/terraform-hcl.ts';
import { readTerraformPlan } from './inputs/terraform-plan.ts';
import { loadCatalog } from './io/catalog-files.ts';
import { toolVersion } from './io/package-root.ts';
import { readPolicySources } from './io/policy-files.ts';
import type { CostComponent, CostSide, ResourceCost } from './model/cost.ts';
import type { Finding } from './model/finding.ts';
import type { Policy } from './model/policy.ts';
import type { ComponentReport, CostSummary, InputSummary, Report, ResourceReport } from './model/report.ts';
import { ACTIONS, type Action, type Resource } from './model/resource.ts';
import { UsageError } from './errors.ts';
import { checkBudgets } from './policy/budgets.ts';
import { applyExemptions } from './policy/exemptions.ts';
import { checkForbidden } from './policy/forbidden.ts';
import { tagSetsWithLabels } from './policy/labels.ts';
import { loadPolicy, type PolicySource } from './policy/load.ts';
import { checkRequests } from './policy/requests.ts';
import { checkRules } from './policy/rules.ts';
import type { ScopeOptions } from './policy/scope.ts';
import { applySuppressions } from './policy/suppressions.ts';
import { checkTags } from './policy/tags.ts';
import { unmatchedEntries } from './policy/unmatched.ts';
import { isIsoDate, utcDate } from './util/date.ts';
import { sortFindings, verdictOf } from './verdict.ts';

export interface CheckRequest {
  /** Plan files; `-` is standard input. */
  plans: string[];
  /** Policy file or directory; undefined for `policies/` of `cwd`, else the bundled default. */
  policyPath?: string;
  /** Usage file (YAML) for usage-billed components and monthly hours. */
  usagePath?: string;
  /** `catalog` (default, offline), `live` (AWS Pricing API, falling back to the catalog), or `off`. */
  pricing?: 'catalog' | 'live' | 'off';
  /** A catalog directory to use instead of the refreshed or bundled one. */
  catalogPath?: string;
  /** How long live prices stay cached, in hours. */
  pricingTtlHours?: number;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  includeUnchanged: boolean;
  /** Policy texts already read (the Action reads them from a PR's base commit); used instead of `policyPath`. */
  policySources?: PolicySource[];
  /** Where those texts came from, for the report: a git ref, and whether the PR changes the policy. */
  policyOrigin?: { ref?: string; changedInPr: boolean };
  /** Terraform configuration directories read without a plan. */
  tfDirs?: string[];
  /** --var and --var-file for those directories, in command-line order. */
  tfVariables?: VariableArgument[];
  /** Compare the directories and manifests with this git ref (created, changed, deleted resources). */
  baseRef?: string;
  /** Kubernetes manifests: files, directories (searched recursively) or `-` for stdin. */
  k8sPaths?: string[];
  /** The manifests to compare `k8sPaths` with, one per path, instead of `baseRef`. */
  k8sBasePaths?: string[];
  /** Namespace of Kubernetes objects that name none; `default` otherwise. */
  namespace?: string;
  /** The run's date, `YYYY-MM-DD` (--now), for exemption expiry; else TOLLGATE_NOW, else today in UTC. */
  today?: string;
}

/** Everything the stages need, read from disk: the I/O half of a run. */
export interface LoadedInputs {
  policy: Policy;
  inputs: InputSummary[];
  resources: Resource[];
  usage: Usage;
  /** What the inputs themselves report (HCL: variables without values, unknown counts, ...). */
  findings?: Finding[];
}

/** What the cost stage was given: the plans of each resource's bill and the prices found for them. */
export interface PricedPlans {
  /** `plans[i]` is the plan of `resources[i]` of the loaded inputs; empty when cost estimation is off. */
  plans: ResourcePlan[];
  answers: Map<string, PriceAnswer>;
  snapshot: PriceSnapshot;
}

/** Reads the policy, inputs and prices, then evaluates them: the whole of `tollgate check`. */
export async function runCheck(request: CheckRequest, priceSource?: PriceSource): Promise<Report> {
  const loaded = loadInputs(request);
  const options: CostOptions = {
    usage: loaded.usage,
    pricing: loaded.policy.pricing,
    kubernetes: loaded.policy.kubernetes,
  };
  let priced: PricedPlans = { plans: [], answers: new Map(), snapshot: COST_OFF };
  if (request.pricing !== 'off') {
    const plans = planCosts(loaded.resources, options);
    const source = priceSource ?? (await priceSourceFor(request));
    priced = { plans, answers: await source.quote(priceRequests(plans)), snapshot: source.snapshot() };
  }
  const report = evaluate(loaded, priced, {
    includeUnchanged: request.includeUnchanged,
    version: toolVersion(),
    today: runDate(request),
  });
  if (request.policyOrigin) {
    if (request.policyOrigin.ref !== undefined) report.summary.policy.ref = request.policyOrigin.ref;
    report.summary.policy.changed_in_pr = request.policyOrigin.changedInPr;
  }
  return report;
}

/** The date exemptions are judged on: --now, else TOLLGATE_NOW, else the clock's UTC date. */
export function runDate(request: Pick<CheckRequest, 'today' | 'env'>): string {
  if (request.today !== undefined) {
    if (!isIsoDate(request.today))
      throw new UsageError(`--now must be a date YYYY-MM-DD (got "${request.today}")`);
    return request.today;
  }
  const env = request.env?.TOLLGATE_NOW;
  if (env !== undefined && env !== '') {
    if (!isIsoDate(env)) throw new UsageError(`TOLLGATE_NOW must be a date YYYY-MM-DD (got "${env}")`);
    return env;
  }
  return utcDate(new Date());
}

/** What the report says when cost estimation is turned off (`--no-cost`). */
const COST_OFF: PriceSnapshot = { source: 'off', catalog: { kind: 'bundled', oldest: '', newest: '' } };

/** The bundled (or refreshed) catalog, or the live Pricing API in front of it. */
export async function priceSourceFor(request: CheckRequest): Promise<PriceSource> {
  const env = request.env ?? {};
  const catalog = loadCatalog(request.catalogPath, env);
  if (request.pricing !== 'live') return catalogSource(catalog);
  const ttl = request.pricingTtlHours ?? (Number(env.TOLLGATE_PRICING_TTL_HOURS) || 24);
  return livePriceSource({
    api: await awsPricingApi(env),
    catalog,
    cache: new PriceCache(pricingCacheDir(env), ttl, () => new Date()),
  });
}

export function loadInputs(request: CheckRequest): LoadedInputs {
  const policy = loadPolicy(request.policySources ?? readPolicySources(request.policyPath, request.cwd));
  const inputs: InputSummary[] = [];
  const resources: Resource[] = [];
  for (const path of request.plans) {
    const plan = readTerraformPlan(path);
    inputs.push(plan.meta);
    for (const r of plan.resources) resources.push(r);
  }
  const findings: Finding[] = [];
  if (request.tfDirs && request.tfDirs.length > 0) {
    const options = { cwd: request.cwd, variables: request.tfVariables ?? [], env: request.env ?? {} };
    const hcl = request.baseRef
      ? readTerraformDelta(request.tfDirs, options, request.baseRef)
      : readTerraformDirectories(request.tfDirs, options);
    for (const input of hcl) {
      inputs.push(input.meta);
      for (const r of input.resources) resources.push(r);
      findings.push(...input.findings);
    }
  }
  if (request.k8sPaths && request.k8sPaths.length > 0) {
    const options = {
      cwd: request.cwd,
      ...(request.namespace !== undefined ? { namespace: request.namespace } : {}),
      ...(policy.kubernetes.pricing.region !== undefined ? { region: policy.kubernetes.pricing.region } : {}),
    };
    const base: ManifestBase | undefined =
      request.k8sBasePaths && request.k8sBasePaths.length > 0
        ? { paths: request.k8sBasePaths }
        : request.baseRef !== undefined
          ? { ref: request.baseRef }
          : undefined;
    const manifests = base
      ? readManifestDelta(request.k8sPaths, options, base)
      : readManifests(request.k8sPaths, options);
    for (const input of manifests) {
      inputs.push(input.meta);
      for (const r of input.resources) resources.push(r);
      findings.push(...input.findings);
    }
  }
  let usage = NO_USAGE;
  if (request.usagePath !== undefined) {
    const { name, text } = readInputText(request.usagePath);
    usage = parseUsage(name, text);
  }
  return { policy, inputs, resources, usage, findings };
}

/** The pure half of a run: policy, resources and prices in, the report out. `today` is `YYYY-MM-DD`. */
export function evaluate(
  loaded: LoadedInputs,
  priced: PricedPlans,
  options: ScopeOptions & { version: string; today: string },
): Report {
  const { policy, inputs, resources } = loaded;
  const scope: ScopeOptions = { includeUnchanged: options.includeUnchanged };
  const tagCheck = checkTags(resources, policy.tags, scope, tagSetsWithLabels(policy.kubernetes));
  const cost = fillCosts(resources, priced.plans, priced.answers, {
    usage: loaded.usage,
    pricing: policy.pricing,
    kubernetes: policy.kubernetes,
  });
  const requests = checkRequests(resources, policy.kubernetes, scope);
  const costed = priced.snapshot.source !== 'off';
  const costFields = costReports();
  const reports = resources.map((r, i) =>
    resourceReport(r, tagCheck.checked.has(r), costFields(cost.costs[i])),
  );
  const region = policy.pricing.defaultRegion;
  const budgets = checkBudgets(
    policy.budgets,
    resources.map((resource, i) => ({ resource, report: reports[i] as ResourceReport })),
    costed,
    tagOrLabelValue(policy.kubernetes.labels),
  );
  const forbidden = checkForbidden(resources, policy.forbidden, {
    ...scope,
    ...(region ? { defaultRegion: region } : {}),
  });
  const rules = checkRules(resources, policy.rules, cost.costs, {
    ...scope,
    costed,
    ...(region ? { defaultRegion: region } : {}),
  });
  // Inline suppressions, then the policy's exemptions, apply to every finding, so they run last.
  const suppressed = applySuppressions(
    [
      ...(loaded.findings ?? []),
      ...tagCheck.findings,
      ...requests,
      ...withRateGap(resources, cost.costs, cost.findings, policy.kubernetes),
      ...(costed
        ? [
            ...checkUsageKeys(loaded.usage, resources),
            ...unmatchedUsage(loaded.usage, resources),
            ...unusedUsage(loaded.usage, resources, cost.costs),
          ]
        : []),
      ...budgets.findings,
      ...forbidden.findings,
      ...rules.findings,
    ],
    resources,
  );
  const exempted = applyExemptions(suppressed, policy.exemptions, options.today);
  const findings: Finding[] = sortFindings(exempted.findings);
  const actions = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
  for (const r of resources) actions[r.action]++;
  const count = (severity: Finding['severity']): number =>
    findings.filter((f) => f.severity === severity && !f.exemption).length;
  const unmatched = unmatchedEntries(
    policy,
    {
      budgets: budgets.matched,
      forbidden: forbidden.matched,
      rules: rules.matched,
      exemptions: exempted.matched,
    },
    resources.length,
    options.today,
  );
  return {
    schema_version: 1,
    tool: { name: 'tollgate', version: options.version },
    verdict: verdictOf(findings),
    summary: {
      resources: resources.length,
      checked: tagCheck.checked.size,
      actions,
      findings: {
        total: findings.length,
        block: count('block'),
        warn: count('warn'),
        info: count('info'),
        exempted: findings.filter((f) => f.exemption).length,
      },
      inputs,
      policy: { files: policy.files, unmatched, exemptions_expiring: exempted.expiring },
      ...costSummary(loaded, cost.costs, priced.snapshot),
    },
    resources: reports,
    findings,
  };
}

function costSummary(
  loaded: LoadedInputs,
  costs: readonly ResourceCost[],
  snapshot: PriceSnapshot,
): CostSummary {
  const tally = tallyCosts(costs);
  const totals = costTotals(loaded.resources, tally);
  const groups = showback(
    loaded.resources,
    tally,
    loaded.policy.showbackTags,
    tagOrLabelValue(loaded.policy.kubernetes.labels),
  );
  const pricing = loaded.policy.pricing;
  const priceSnapshot: CostSummary['price_snapshot'] = { ...snapshot };
  if (pricing.discountPercent) priceSnapshot.discount_percent = toJsonNumber(pricing.discountPercent);
  const discounts = Object.entries(pricing.discounts);
  if (discounts.length > 0)
    priceSnapshot.discounts = Object.fromEntries(discounts.map(([k, v]) => [k, toJsonNumber(v)]));
  // A price from a region the plan never named must say so: it is the policy's guess, not the plan's.
  if (pricing.defaultRegion) {
    const defaulted = pricedWithoutRegion(loaded.resources, costs);
    if (defaulted > 0) priceSnapshot.default_region = { region: pricing.defaultRegion, resources: defaulted };
  }
  const change = percentChange(totals.before, totals.after);
  return {
    currency: 'USD',
    hours_per_month: 730,
    monthly_before: toJsonNumber(totals.before),
    monthly_after: toJsonNumber(totals.after),
    monthly_delta: toJsonNumber(totals.delta),
    monthly_delta_percent: change === undefined ? null : toJsonNumber(change.round(2)),
    monthly_before_max: toJsonNumber(totals.max.before),
    monthly_after_max: toJsonNumber(totals.max.after),
    monthly_delta_max: toJsonNumber(totals.max.delta),
    not_priced: {
      resources: [...totals.notPriced.values()].reduce((a, b) => a + b, 0),
      types: Object.fromEntries([...totals.notPriced].sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    partial: totals.partial,
    usage_not_given: totals.usageNotGiven,
    usage_file: loaded.usage.file ?? null,
    price_snapshot: priceSnapshot,
    by_tag: Object.fromEntries([...groups.byTag].map(([key, rows]) => [key, Object.fromEntries(rows)])),
    unmapped_percent: Object.fromEntries(
      [...groups.unmappedPercent].map(([key, pct]) => [
        key,
        pct === undefined ? null : toJsonNumber(pct.round(2)),
      ]),
    ),
  };
}

/** Resources with a price (some or all of their bill) whose inputs name no region. */
function pricedWithoutRegion(resources: readonly Resource[], costs: readonly ResourceCost[]): number {
  let count = 0;
  for (let i = 0; i < resources.length; i++) {
    const status = costs[i]?.status;
    if ((resources[i] as Resource).region === undefined && (status === 'priced' || status === 'partial'))
      count++;
  }
  return count;
}

/** The cost fields of a resource's report, in the report's order. */
type CostFields = Pick<
  ResourceReport,
  | 'status'
  | 'monthly_before'
  | 'monthly_after'
  | 'monthly_delta'
  | 'components'
  | 'monthly_before_max'
  | 'monthly_after_max'
  | 'monthly_delta_max'
  | 'components_before'
  | 'cost_reason'
>;

const COST_OFF_FIELDS: CostFields = {
  status: 'not-priced',
  monthly_before: 0,
  monthly_after: 0,
  monthly_delta: 0,
  components: [],
  cost_reason: 'cost estimation is turned off (--no-cost)',
};

/**
 * Resources with the same bill share one ResourceCost and each side one CostSide (see fillCosts):
 * their report fields are built once, and the reports share them.
 */
function costReports(): (cost: ResourceCost | undefined) => CostFields {
  const sides = new Map<CostSide, ComponentReport[]>();
  const components = (side: CostSide): ComponentReport[] => {
    let reports = sides.get(side);
    if (!reports) sides.set(side, (reports = side.components.map(componentReport)));
    return reports;
  };
  const done = new Map<ResourceCost, CostFields>();
  return (cost) => {
    if (!cost) return COST_OFF_FIELDS;
    let fields = done.get(cost);
    if (!fields) done.set(cost, (fields = costFields(cost, components)));
    return fields;
  };
}

function costFields(cost: ResourceCost, components: (side: CostSide) => ComponentReport[]): CostFields {
  const fields: CostFields = {
    status: cost.status,
    monthly_before: toJsonNumber(cost.monthlyBefore),
    monthly_after: toJsonNumber(cost.monthlyAfter),
    monthly_delta: toJsonNumber(cost.monthlyDelta),
    components: cost.after ? components(cost.after) : cost.before ? components(cost.before) : [],
  };
  if (cost.max) {
    fields.monthly_before_max = toJsonNumber(cost.max.before);
    fields.monthly_after_max = toJsonNumber(cost.max.after);
    fields.monthly_delta_max = toJsonNumber(cost.max.delta);
  }
  if (cost.before && cost.after && cost.before !== cost.after)
    fields.components_before = components(cost.before);
  if (cost.reason) fields.cost_reason = cost.reason;
  return fields;
}

function resourceReport(r: Resource, checked: boolean, cost: CostFields): ResourceReport {
  let tags: Record<string, string> | null = null;
  if (r.tags) {
    const { known, sensitive } = r.tags;
    tags = sensitive.length === 0 ? known : {};
    if (sensitive.length > 0) {
      for (const [k, v] of Object.entries(known)) tags[k] = sensitive.includes(k) ? '(sensitive)' : v;
    }
  }
  return {
    address: r.address,
    type: r.type,
    name: r.name,
    module: r.module ?? null,
    provider: r.provider,
    region: r.region ?? null,
    action: r.action,
    origin: r.origin.path,
    checked,
    taggable: r.tags !== undefined,
    tags,
    tags_unknown: r.tags ? [...r.tags.unknown] : [],
    source: r.source ?? null,
    ...cost,
  };
}

function componentReport(c: CostComponent): ComponentReport {
  const json = (v: Big | undefined): number | null => (v === undefined ? null : toJsonNumber(v));
  const report: ComponentReport = {
    name: c.name,
    unit: c.unit,
    state: c.state,
    monthly_quantity: json(c.monthlyQuantity),
    unit_price: json(c.unitPrice),
    monthly_cost: json(c.monthlyCost),
  };
  if (c.reason) report.reason = c.reason;
  if (c.note) report.note = c.note;
  if (c.priceSource) report.price_source = c.priceSource;
  if (c.priceAsOf) report.price_as_of = c.priceAsOf;
  if (c.listUnitPrice) report.list_unit_price = toJsonNumber(c.listUnitPrice);
  if (c.discountPercent) report.discount_percent = toJsonNumber(c.discountPercent);
  if (c.monthlyQuantityMax) report.monthly_quantity_max = toJsonNumber(c.monthlyQuantityMax);
  if (c.monthlyCostMax) report.monthly_cost_max = toJsonNumber(c.monthlyCostMax);
  return report;
}
