import type { KubernetesMeta } from './kubernetes.ts';

/** The change a resource undergoes. `read` only ever appears on data sources, which inputs drop. */
export type Action = 'create' | 'update' | 'delete' | 'replace' | 'no-op';

export const ACTIONS: readonly Action[] = ['create', 'update', 'replace', 'delete', 'no-op'];

/** Where a resource is declared, when the input knows it (HCL and manifests do; plans do not). */
export interface SourceLocation {
  file: string;
  line?: number;
}

/** The input a resource was read from: a plan file, a directory of .tf files, a manifest path. */
export interface Origin {
  kind: 'terraform-plan' | 'terraform-hcl' | 'kubernetes';
  path: string;
}

export type Attributes = Record<string, unknown>;

/**
 * Tags as they will be on the cloud resource after the change: provider defaults merged with the
 * resource's own, values known at plan time in `known`, keys whose value is only known after apply
 * in `unknown`.
 */
export interface EffectiveTags {
  known: Record<string, string>;
  unknown: string[];
  /** Every tag could be unknown: the whole map is computed (e.g. `tags = local.x` from a resource). */
  allUnknown: boolean;
  /** Keys whose values are sensitive: used for checks, never printed. */
  sensitive: string[];
  /** Where the tags live, which decides the fix we suggest. */
  carrier: 'tags' | 'asg-tag-blocks' | 'labels';
  /** Provider whose default_tags could not be determined: its keys may exist but are not known. */
  unresolvedDefaultsFrom?: string;
  /**
   * Why a tag is unknown, when the input can say better than "known only after apply" (HCL: "var.env
   * has no value"); by key, `*` for the whole map.
   */
  unknownWhy?: Record<string, string>;
}

/** One normalized resource, the unit every stage after the inputs works on. */
export interface Resource {
  /** Full address, unique within its origin: `module.a.module.b.aws_x.y[0]`, `aws_x.y["k"]`. */
  address: string;
  type: string;
  name: string;
  /** Module path without the resource: `module.a.module.b`, or undefined at the root. */
  module?: string;
  /** Short provider name: `aws`, `google`, `kubernetes`. */
  provider: string;
  /** Provider configuration key (`aws.paris`, `module.db:aws`), to find its default_tags and region. */
  providerKey?: string;
  region?: string;
  action: Action;
  before: Attributes | null;
  after: Attributes | null;
  /** Terraform's after_unknown: the same shape as `after`, `true` where a value is known only after apply. */
  afterUnknown: unknown;
  beforeSensitive: unknown;
  afterSensitive: unknown;
  /** Effective tags after the change; undefined when the type cannot carry tags. */
  tags?: EffectiveTags;
  /** Effective tags before the change (known values only), for attributing removed cost. */
  tagsBefore?: Record<string, string>;
  /** The configuration block (expressions, references) when the input has one. */
  config?: Attributes;
  source?: SourceLocation;
  origin: Origin;
  /**
   * Inline `# tollgate:ignore RULE REASON` comments on or inside the resource's block (HCL input), in
   * the file of `source`. RULE may be a glob (`tags.*`); a suppression without a reason exempts nothing.
   */
  suppressions?: { rule: string; reason?: string; line: number }[];
  /** Kubernetes objects: apiVersion, kind, effective namespace and source lines inside the object. */
  kubernetes?: KubernetesMeta;
}

/** True when `path` (attribute names and indexes) is unknown until apply in `afterUnknown`. */
export function isUnknown(afterUnknown: unknown, path: readonly (string | number)[]): boolean {
  let node: unknown = afterUnknown;
  for (const key of path) {
    if (node === true) return true;
    if (node === null || typeof node !== 'object') return false;
    node = Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return node === true;
}
