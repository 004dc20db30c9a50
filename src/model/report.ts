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
}

export interface ReportSummary {
  resources: number;
  checked: number;
  actions: Record<Action, number>;
  /** By severity, exempted findings apart: they are reported but do not count toward the verdict. */
  findings: { total: number; block: number; warn: number; info: number; exempted: number };
  inputs: InputSummary[];
  policy: { files: string[] };
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
