import { createHash } from 'node:crypto';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../model/finding.ts';
import type { Report } from '../model/report.ts';
import { STDIN } from '../inputs/read.ts';

export interface SarifOptions {
  /** The directory the report's paths are relative to (the run's working directory), absolute. */
  cwd: string;
  /** The repository root, absolute: paths inside it become repo-relative URIs, as code scanning wants. */
  repoRoot?: string;
}

const LEVEL: Record<Severity, Result.level> = { block: 'error', warn: 'warning', info: 'note' };

/** What each rule checks, for code scanning's rule help. Rules added later fall back to their id. */
const RULE_TEXT: Record<string, { name: string; short: string; full: string }> = {
  'tags.required': {
    name: 'RequiredTagMissing',
    short: 'A tag the policy requires is missing or empty.',
    full: 'The resource lacks a tag key the tagging policy requires (or has it only with a different case or spelling, or with an empty value).',
  },
  'tags.allowed': {
    name: 'TagValueNotAllowed',
    short: "A tag's value is not one of the allowed values.",
    full: 'The tagging policy lists the values a tag may take; this resource uses another one.',
  },
  'tags.pattern': {
    name: 'TagValuePatternMismatch',
    short: "A tag's value does not match the required pattern.",
    full: "The tagging policy requires the tag's whole value to match a regular expression; this one does not.",
  },
  'tags.unknown': {
    name: 'TagValueUnknownUntilApply',
    short: "A required tag's value is known only after apply.",
    full: 'The value is computed during apply, so it can be neither confirmed nor rejected at plan time.',
  },
  'cost.price_missing': {
    name: 'PriceMissing',
    short: 'A cost component has no price for its region.',
    full: 'Neither the price catalog nor the Pricing API has a price for this component in the resource’s region (for example an instance type not sold there): its cost is not counted.',
  },
  'usage.unknown_key': {
    name: 'UsageKeyNotRead',
    short: 'A usage-file key is not read for the resources it applies to.',
    full: 'The usage file gives a value no resource it applies to reads (a typo, or a key of another tool): it is ignored, and the component it was meant for stays "usage not given".',
  },
  'k8s.requests.missing': {
    name: 'KubernetesRequestsMissing',
    short: 'A container requests no CPU or no memory.',
    full: 'The scheduler reserves nothing for what the container does not request, so its use is neither planned for nor in the cost estimate.',
  },
};

/**
 * The report as SARIF 2.1.0 for GitHub code scanning: one rule per rule id, a result per finding with
 * a fingerprint that survives reruns, and repo-relative locations (the declaring file and line where
 * the input knows it, else the input file itself).
 */
export function renderSarif(report: Report, options: SarifOptions): string {
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => ruleDescriptor(id, report.findings));
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const results = report.findings.map((f) => result(f, index.get(f.rule) ?? 0, options));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tollgate',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Policy entries name their own rules (budget.NAME, forbidden.NAME, rule.ID): described by family. */
const FAMILY_TEXT: Record<string, { name: string; short: string; full: string }> = {
  'budget.': {
    name: 'BudgetExceeded',
    short: 'A cost budget of the policy is exceeded, or cannot be decided.',
    full: "The change's estimated monthly cost (its increase, growth or total, for the run or a scope) is above a budget of the policy.",
  },
  'forbidden.': {
    name: 'ForbiddenResource',
    short: 'A resource type, instance type or region the policy forbids.',
    full: 'The policy forbids this resource type, instance type or region; the finding names the entry and why.',
  },
  'rule.': {
    name: 'PolicyRule',
    short: "A rule of the policy's own matched this resource.",
    full: 'A json-logic rule written in the policy is true for this resource (or cannot be decided at plan time).',
  },
  'exemption.expired': {
    name: 'ExemptionExpired',
    short: 'An exemption in the policy has expired.',
    full: 'An exemption past its expiry date exempts nothing until it is renewed or what it exempted is fixed.',
  },
};

function ruleDescriptor(id: string, findings: readonly Finding[]): ReportingDescriptor {
  const family = Object.keys(FAMILY_TEXT).find((prefix) => id.startsWith(prefix));
  const text = RULE_TEXT[id] ?? (family === undefined ? undefined : FAMILY_TEXT[family]);
  // The rule's default level is the most severe it was reported at; each result states its own.
  const worst = findings
    .filter((f) => f.rule === id)
    .reduce<Severity>((w, f) => (rank(f.severity) < rank(w) ? f.severity : w), 'info');
  return {
    id,
    name: text?.name ?? id,
    shortDescription: { text: text?.short ?? `tollgate rule ${id}` },
    fullDescription: { text: text?.full ?? `tollgate rule ${id}` },
    defaultConfiguration: { level: LEVEL[worst] },
    properties: { tags: ['tollgate', id.split('.')[0] ?? id] },
  };
}

function rank(s: Severity): number {
  return s === 'block' ? 0 : s === 'warn' ? 1 : 2;
}

function result(f: Finding, ruleIndex: number, options: SarifOptions): Result {
  const r: Result = {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.fix ? `${f.address}: ${f.message}. ${f.fix}` : `${f.address}: ${f.message}` },
    locations: [location(f, options)],
    partialFingerprints: { 'tollgateFinding/v1': fingerprint(f) },
    properties: { address: f.address, severity: f.severity },
  };
  if (f.exemption) {
    r.suppressions = [
      {
        kind: f.exemption.source === 'inline' ? 'inSource' : 'external',
        justification: f.exemption.reason,
      },
    ];
  }
  return r;
}

function location(f: Finding, options: SarifOptions): Location {
  const logical = [{ fullyQualifiedName: f.address, kind: 'resource' }];
  const file = f.source?.file ?? (f.origin !== undefined && f.origin !== STDIN ? f.origin : undefined);
  if (file === undefined) return { logicalLocations: logical };
  const loc: Location = {
    physicalLocation: { artifactLocation: artifact(file, options) },
    logicalLocations: logical,
  };
  if (f.source?.line !== undefined && loc.physicalLocation)
    loc.physicalLocation.region = { startLine: f.source.line };
  return loc;
}

function artifact(file: string, options: SarifOptions): { uri: string; uriBaseId?: string } {
  const absolute = isAbsolute(file) ? file : join(options.cwd, file);
  if (options.repoRoot !== undefined) {
    const inRepo = relative(options.repoRoot, absolute);
    if (inRepo !== '' && !inRepo.startsWith('..') && !isAbsolute(inRepo))
      return { uri: encodePath(inRepo.split(sep).join('/')), uriBaseId: '%SRCROOT%' };
  }
  return { uri: `file://${encodePath(absolute.split(sep).join('/'))}` };
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * Identifies a finding across runs, whatever line it is on: the rule, the resource, the input it
 * came from, and the message — one resource breaks one rule once per tag key, and those must stay
 * separate alerts. The message's numbers are left out: a budget overrun whose amount changes with
 * the next push is the same alert, not a fixed one and a new one.
 */
function fingerprint(f: Finding): string {
  const message = f.message.replace(/\d[\d,.]*/g, '#');
  return createHash('sha256')
    .update([f.rule, f.address, f.origin ?? '', message].join('\0'))
    .digest('hex')
    .slice(0, 32);
}
