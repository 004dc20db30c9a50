import type { CostStatus } from './cost.ts';
import type { Finding } from './finding.ts';
import type { Action, Origin, SourceLocation } from './resource.ts';

export type Verdict = 'pass' | 'warn' | 'block';

/** One input the run read, as the report describes it. */
export interface InputSummary {
  kind: Origin['kind'];
  path: string;
  format_version?: string;
  terraform_version?: string;
  /** Terraform directories compared with another commit (--base-ref): that ref. */
  base_ref?: string;
  /** Terraform directories: module calls with a non-local source, whose resources were not read. */
  modules_not_evaluated?: string[];
  /** Kubernetes: manifest files read, and the objects in them. */
  files?: number;
  objects?: number;
  /** Kubernetes: documents that are not Kubernetes objects (no apiVersion and kind), skipped. */
  documents_skipped?: number;
  /** Kubernetes with --k8s-base: the manifests the objects were compared with. */
  base_path?: string;
}

/** A resource as the report shows it. Field names are the stable JSON schema (snake_case). */
export interface ResourceReport {
  address: string;
  type: string;
  name: string;
  module: string | null;
  provider: string;
  region: string | null;
  action: Action;
  origin: string;
  /** Whether the taxonomy was applied (in scope, supports tags, matched by applies_to). */
  checked: boolean;
  taggable: boolean;
  /** Effective known tags after the change; sensitive values replaced. Null when not taggable. */
  tags: Record<string, string> | null;
  /** Tag keys whose values are known only after apply. */
  tags_unknown: string[];
  source: SourceLocation | null;
  /** Cost status: priced, free (costs nothing), not-priced (type, region or price unknown), partial. */
  status: CostStatus;
  monthly_before: number;
  monthly_after: number;
  monthly_delta: number;
  /**
   * Present when the cost is a range (a workload a HorizontalPodAutoscaler scales): the monthly costs
   * at its maximum replicas. `monthly_before`/`monthly_after`/`monthly_delta` are at its minimum.
   */
  monthly_before_max?: number;
  monthly_after_max?: number;
  monthly_delta_max?: number;
  /** The bill after the change (before it, for a deletion). */
  components: ComponentReport[];
  /** The bill before the change, when an update or replacement changes it (absent when the bill is the same). */
  components_before?: ComponentReport[];
  /** Why the resource is not priced at all. */
  cost_reason?: string;
}

/** One line of a resource's monthly bill. Money is USD; quantities in `unit`. */
export interface ComponentReport {
  name: string;
  unit: string;
  state: 'priced' | 'unknown' | 'usage-not-given' | 'not-priced';
  monthly_quantity: number | null;
  unit_price: number | null;
  monthly_cost: number | null;
  reason?: string;
  note?: string;
  /** `policy`: a rate the policy states (Kubernetes `cpu_hour`, `memory_gib_hour`). */
  price_source?: 'catalog' | 'live' | 'policy';
  price_as_of?: string;
  list_unit_price?: number;
  discount_percent?: number;
  /** The top of a range (at a HorizontalPodAutoscaler's maxReplicas); the fields above are its bottom. */
  monthly_quantity_max?: number;
  monthly_cost_max?: number;
}

export interface CostSummary {
  currency: 'USD';
  hours_per_month: number;
  monthly_before: number;
  monthly_after: number;
  monthly_delta: number;
  /** The change relative to the cost before, in percent; null when there was no cost before. */
  monthly_delta_percent: number | null;
  /**
   * The same totals with every range at its top (autoscaled workloads at maxReplicas); equal to the
   * ones above when nothing is a range. Budgets compare these.
   */
  monthly_before_max: number;
  monthly_after_max: number;
  monthly_delta_max: number;
  /** Resources that could not be priced at all, by type. */
  not_priced: { resources: number; types: Record<string, number> };
  /** Resources with some components unknown or not priced: their totals are lower bounds. */
  partial: number;
  /** Usage-billed components without a value in the usage file (shown as $0, "usage not given"). */
  usage_not_given: number;
  usage_file: string | null;
  price_snapshot: {
    source: 'catalog' | 'live' | 'off';
    catalog: { kind: 'bundled' | 'refreshed'; oldest: string; newest: string; path?: string };
    live?: { api: number; cache: number; fallback: number; errors: string[] };
    discount_percent?: number;
    discounts?: Record<string, number>;
    /** Resources whose inputs name no region, priced in the policy's `pricing.default_region`. */
    default_region?: { region: string; resources: number };
  };
  /**
   * Showback: tag key → tag value → monthly cost before, after and delta; with `*_max` at the top of
   * ranges when a value's cost has one.
   */
  by_tag: Record<string, Record<string, ShowbackRowReport>>;
  /** Tag key → percent of the monthly cost after the change with no value for that key. */
  unmapped_percent: Record<string, number | null>;
}

export interface ShowbackRowReport {
  before: number;
  after: number;
  delta: number;
  before_max?: number;
  after_max?: number;
  delta_max?: number;
}

export interface ReportSummary extends CostSummary {
  resources: number;
  checked: number;
  actions: Record<Action, number>;
  /** By severity, exempted findings apart: they are reported but do not count toward the verdict. */
  findings: { total: number; block: number; warn: number; info: number; exempted: number };
  inputs: InputSummary[];
  policy: {
    files: string[];
    /** The git ref (commit) the policy was read from, when not the working tree. */
    ref?: string;
    /** True when the pull request changes the policy files; the base ref's policy was enforced. */
    changed_in_pr?: boolean;
    /** Policy entries that matched no resource (or exempted no finding) in this run: maybe a typo. */
    unmatched?: UnmatchedEntry[];
    /** Policy exemptions that expire within 14 days of the run's date. */
    exemptions_expiring?: ExpiringExemption[];
  };
}

/** A policy entry that selected nothing: a rule whose applies_to matched no resource type, ... */
export interface UnmatchedEntry {
  kind: 'budget' | 'forbidden' | 'rule' | 'exemption';
  /** The entry's name or id; for an exemption, its rules and resources. */
  name: string;
  at: { file: string; line?: number };
}

export interface ExpiringExemption {
  rules: string[];
  resources: string[];
  reason: string;
  owner: string;
  expires: string;
  /** Days from the run's date to `expires`: 0 means it applies today for the last time. */
  days_left: number;
  at: { file: string; line?: number };
}

/** The one result of a run; every output format renders it, none adds to it. */
export interface Report {
  schema_version: 1;
  tool: { name: 'tollgate'; version: string };
  verdict: Verdict;
  summary: ReportSummary;
  resources: ResourceReport[];
  findings: Finding[];
}
