import type { Finding } from '../../src/model/finding.ts';
import type { Report, ResourceReport } from '../../src/model/report.ts';
import { sortFindings } from '../../src/verdict.ts';

/** A report as `runCheck` returns it, with `n` resources each breaking one rule; `extra` merged into the summary. */
export function makeReport(
  options: {
    resources?: number;
    findingsPerResource?: number;
    summary?: Record<string, unknown>;
    findings?: Finding[];
  } = {},
): Report {
  const count = options.resources ?? 2;
  const per = options.findingsPerResource ?? 1;
  const resources: ResourceReport[] = Array.from({ length: count }, (_, i) => ({
    address: `aws_sqs_queue.q${i}`,
    type: 'aws_sqs_queue',
    name: `q${i}`,
    module: null,
    provider: 'aws',
    region: 'us-east-1',
    action: 'create',
    origin: 'plan.json',
    checked: true,
    taggable: true,
    tags: { env: 'prod', owner: `someone-${i}` },
    tags_unknown: [],
    source: null,
    status: 'free',
    monthly_before: 0,
    monthly_after: 0,
    monthly_delta: 0,
    components: [],
  }));
  const findings: Finding[] = options.findings ?? generated(resources, per);
  const block = findings.filter((f) => f.severity === 'block').length;
  const warn = findings.filter((f) => f.severity === 'warn').length;
  return {
    schema_version: 1,
    tool: { name: 'tollgate', version: '0.1.0' },
    verdict: block > 0 ? 'block' : warn > 0 ? 'warn' : 'pass',
    summary: {
      resources: count,
      checked: count,
      actions: { create: count, update: 0, replace: 0, delete: 0, 'no-op': 0 },
      findings: { total: findings.length, block, warn, info: 0, exempted: 0 },
      inputs: [{ kind: 'terraform-plan', path: 'plan.json' }],
      policy: { files: ['policies/tags.yaml'] },
      currency: 'USD',
      hours_per_month: 730,
      monthly_before: 0,
      monthly_after: 0,
      monthly_delta: 0,
      monthly_delta_percent: null,
      // Without ranges the tops equal the totals, overridden ones included.
      monthly_before_max: (options.summary?.monthly_before as number | undefined) ?? 0,
      monthly_after_max: (options.summary?.monthly_after as number | undefined) ?? 0,
      monthly_delta_max: (options.summary?.monthly_delta as number | undefined) ?? 0,
      not_priced: { resources: 0, types: {} },
      partial: 0,
      usage_not_given: 0,
      usage_file: null,
      price_snapshot: {
        source: 'catalog',
        catalog: { kind: 'bundled', oldest: '2020-10-19', newest: '2026-07-20' },
      },
      by_tag: {},
      unmapped_percent: {},
      ...options.summary,
    },
    resources,
    findings,
  };
}

/** `per` findings on each resource (the first blocking, the rest warnings), sorted as the pipeline sorts. */
function generated(resources: ResourceReport[], per: number): Finding[] {
  return sortFindings(
    resources.flatMap((r) =>
      Array.from({ length: per }, (_, k) => ({
        rule: 'tags.required',
        severity: k === 0 ? ('block' as const) : ('warn' as const),
        address: r.address,
        message: `missing required tag "key${k}"`,
        fix: `Add "key${k}" to the resource's tags.`,
        origin: 'plan.json',
      })),
    ),
  );
}
