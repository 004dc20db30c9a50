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
}
