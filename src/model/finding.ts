import type { SourceLocation } from './resource.ts';

/** `block` fails the gate, `warn` is shown but passes with `--fail-on block`, `info` never fails. */
export type Severity = 'block' | 'warn' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { block: 0, warn: 1, info: 2 };

/** What the user is told about one resource (or provider) breaking one rule. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** Resource address, or `provider["aws.paris"]` for provider-level findings. */
  address: string;
  message: string;
  fix?: string;
  source?: SourceLocation;
  /** The input the address belongs to, so findings from several plans stay distinguishable. */
  origin?: string;
  /**
   * True when the check could not be decided (a value is known only after apply, a cost is not
   * known): the severity is the policy entry's `on_unknown`, never a silent pass.
   */
  indeterminate?: true;
  /**
   * Set when an exemption (policy `exemptions:` entry or an inline `# tollgate:ignore` comment) covers
   * the finding: it stays visible in reports but does not count toward the verdict.
   */
  exemption?: Exemption;
}

export interface Exemption {
  reason: string;
  /** Who answers for it; inline suppressions have none. */
  owner?: string;
  /** ISO date (YYYY-MM-DD) after which it stops applying; inline suppressions have none. */
  expires?: string;
  /** Where it was granted: a policy file and line, or the source line of an inline comment. */
  source: 'policy' | 'inline';
  at?: { file: string; line?: number };
}
