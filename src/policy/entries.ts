/**
 * What budgets, forbidden entries and rules share: their severity, what an undecidable check means
 * (`on_unknown`), where they were written, and how a finding about one resource is shaped.
 */
import type { Finding, Severity } from '../model/finding.ts';
import type { EntrySeverity, OnUnknown, PolicyLocation } from '../model/policy.ts';
import type { Resource } from '../model/resource.ts';
import type { ParsedYamlFile } from './validate.ts';

export interface EntrySettings {
  severity: EntrySeverity;
  onUnknown: OnUnknown;
  at: PolicyLocation;
}

/** `severity` (default block), `on_unknown` (default warn) and the entry's file and line. */
export function entrySettings(
  f: ParsedYamlFile,
  entry: Record<string, unknown>,
  path: (string | number)[],
): EntrySettings {
  return {
    severity: (entry.severity as EntrySeverity | undefined) ?? 'block',
    onUnknown: (entry.on_unknown as OnUnknown | undefined) ?? 'warn',
    at: { file: f.file, line: f.lineOf(path) },
  };
}

/** A finding about one resource, located where the resource is declared when the input knows it. */
export function resourceFinding(
  resource: Resource,
  rule: string,
  severity: Severity,
  message: string,
  extra: { fix?: string | undefined; indeterminate?: boolean } = {},
): Finding {
  const f: Finding = { rule, severity, address: resource.address, message, origin: resource.origin.path };
  if (extra.fix) f.fix = extra.fix;
  if (resource.source) f.source = resource.source;
  if (extra.indeterminate) f.indeterminate = true;
  return f;
}
