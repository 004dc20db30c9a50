import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annotate, summaryMarkdown } from '../../src/action/report-output.ts';
import { makeReport } from '../helpers/report.ts';

/** What @actions/core prints to the runner while `fn` runs. */
function capture(fn: () => void): string {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

describe('annotations', () => {
  it('annotate findings at their file and line, repo-relative, escaped for the runner', () => {
    const report = makeReport({
      findings: [
        {
          rule: 'tags.required',
          severity: 'block',
          address: 'aws_sqs_queue.q',
          message: 'missing required tag "team"\n::error::forged',
          fix: 'Add "team".',
          source: { file: 'modules/queue/main.tf', line: 12 },
        },
        {
          rule: 'tags.unknown',
          severity: 'warn',
          address: 'aws_s3_bucket.b',
          message: 'unknown',
          source: { file: 'main.tf' },
        },
        {
          rule: 'tags.required',
          severity: 'block',
          address: 'aws_sqs_queue.plan_only',
          message: 'no source',
        },
        {
          rule: 'tags.required',
          severity: 'block',
          address: 'aws_sqs_queue.exempt',
          message: 'exempt',
          source: { file: 'main.tf', line: 1 },
          exemption: { reason: 'legacy', source: 'inline' },
        },
      ],
    });
    const out = capture(() => annotate(report, '/repo/infra', '/repo'));
    const lines = out.trim().split('\n');
    assert.equal(
      lines[0],
      '::error title=tollgate tags.required%3A aws_sqs_queue.q,file=infra/modules/queue/main.tf,line=12::missing required tag "team"%0A::error::forged. Add "team".',
    );
    assert.equal(
      lines[1],
      '::warning title=tollgate tags.unknown%3A aws_s3_bucket.b,file=infra/main.tf::unknown',
    );
    assert.equal(
      lines[2],
      '1 finding without a source location (a plan does not record one) is in the job summary.',
    );
    assert.equal(lines.length, 3, 'exempted findings are not annotated');
  });

  it('caps the number of annotations', () => {
    const report = makeReport({
      findings: Array.from({ length: 80 }, (_, i) => ({
        rule: 'tags.required',
        severity: 'warn' as const,
        address: `aws_sqs_queue.q${i}`,
        message: 'm',
        source: { file: 'main.tf', line: i + 1 },
      })),
    });
    const out = capture(() => annotate(report, '/repo', '/repo'));
    assert.equal(out.split('\n').filter((l) => l.startsWith('::warning ')).length, 50);
    assert.match(out, /^30 more findings with a source location are in the job summary\.$/m);
  });
});

describe('job summary', () => {
  it('fits GitHub’s 1 MiB limit in bytes, even with multi-byte tag values', () => {
    const report = makeReport({ resources: 6000, findingsPerResource: 1 });
    for (const r of report.resources) r.tags = { owner: 'チーム'.repeat(30) };
    const md = summaryMarkdown(report);
    assert.ok(Buffer.byteLength(md) <= 1_000_000, `${Buffer.byteLength(md)} bytes`);
    assert.ok(Buffer.byteLength(md) > 900_000, 'uses the room it has');
    assert.match(md, /in the JSON report\./);
  });
});
