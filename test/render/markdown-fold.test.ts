import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../src/render/markdown.ts';
import { makeReport } from '../helpers/report.ts';

const findingRows = (md: string): number => md.split('\n').filter((l) => /^\| (❌|⚠️)/.test(l)).length;
const resourceRows = (md: string): number =>
  md.split('\n').filter((l) => /^\| `aws_sqs_queue/.test(l)).length;

describe('markdown folding (maxLength)', () => {
  const report = makeReport({ resources: 400, findingsPerResource: 2 });
  const full = renderMarkdown(report);

  it('leaves a report that fits untouched', () => {
    assert.equal(renderMarkdown(report, { maxLength: full.length }), full);
    assert.equal(findingRows(full), 800);
    assert.equal(resourceRows(full), 400);
  });

  it('folds resource rows first, keeping every finding, and says how many were left out', () => {
    const md = renderMarkdown(report, { maxLength: full.length - 2_000 });
    assert.ok(md.length <= full.length - 2_000);
    assert.equal(findingRows(md), 800, 'all findings kept');
    const more = /… (\d+) more resource details are in the job summary \/ JSON report\./.exec(md);
    assert.ok(more);
    assert.equal(resourceRows(md) + Number(more[1]), 400);
    assert.match(md, /<details><summary>400 resources<\/summary>[\s\S]*<\/details>/);
  });

  it('then folds findings rows, most severe kept first, with the count left out', () => {
    const md = renderMarkdown(report, { maxLength: 20_000, fullReportAt: 'the artifact' });
    assert.ok(md.length <= 20_000, `${md.length}`);
    assert.ok(md.length > 18_000, 'uses the room it has');
    assert.equal(resourceRows(md), 0);
    assert.match(md, /… the resource details are in the artifact\./);
    const more = /… ([\d,]+) more findings in the artifact\./.exec(md);
    assert.ok(more);
    assert.equal(findingRows(md) + Number(more[1]?.replace(/,/g, '')), 800);
    assert.ok(
      md.split('\n').filter((l) => l.startsWith('| ⚠️')).length === 0,
      'blocking findings sort first and are the ones kept',
    );
    assert.match(md, /^### ❌ tollgate blocked: 400 blocking findings, 400 warnings\n/, 'headline intact');
    assert.match(md, /<sub>tollgate 0\.1\.0 · policy: /, 'footer intact');
  });

  it('numbers left out are grouped by thousands', () => {
    const big = makeReport({ resources: 3000 });
    assert.match(renderMarkdown(big, { maxLength: 5_000 }), /… \d,\d{3} more findings in/);
  });

  it('cuts at a line, and says so, when even the headline and footer do not fit', () => {
    const md = renderMarkdown(report, { maxLength: 200 });
    assert.ok(md.length <= 200, `${md.length}`);
    assert.match(md, /… the rest of this report is in the job summary \/ JSON report\.\n$/);
  });
});

describe('markdown headline and footer', () => {
  it('shows the monthly delta and total when the report has them (numbers or decimal strings)', () => {
    const withNumbers = makeReport({
      summary: { monthly_before: 1000, monthly_after: 1234.5, monthly_delta: 234.5 },
    });
    assert.match(
      renderMarkdown(withNumbers),
      /^### ❌ tollgate blocked: 2 blocking findings · \+\$234\.50\/mo \(total \$1,234\.50\/mo\)\n/,
    );
    const decrease = makeReport({ summary: { monthly_after: '90.004', monthly_delta: '-10.005' } });
    assert.match(renderMarkdown(decrease), / · -\$10\.01\/mo \(total \$90\.00\/mo\)\n/);
    assert.doesNotMatch(renderMarkdown(makeReport()), /\/mo/, 'no cost, no cost in the headline');
  });

  it('names the policy ref and the price snapshot in the footer', () => {
    const md = renderMarkdown(
      makeReport({
        summary: {
          policy: { files: ['policies/tags.yaml'], ref: 'a'.repeat(40), changed_in_pr: false },
          price_snapshot: {
            source: 'catalog',
            catalog: { kind: 'refreshed', oldest: '2026-10-01', newest: '2026-11-01' },
          },
        },
      }),
    );
    assert.match(
      md,
      /policy: policies\/tags\.yaml at `aaaaaaa` · input: plan\.json · Prices: refreshed catalog of AWS on-demand list prices \\\(snapshots 2026-10-01 to 2026-11-01\\\); 730 hours a month\.<\/sub>/,
    );
    assert.doesNotMatch(md, /changes the policy/);
  });

  it('calls out a policy changed by the PR right under the headline', () => {
    const md = renderMarkdown(
      makeReport({
        summary: { policy: { files: ['policies/tags.yaml'], ref: 'b'.repeat(40), changed_in_pr: true } },
      }),
    );
    assert.match(
      md,
      /\n\n> \[!WARNING\]\n> This PR changes the policy; the base policy was enforced \(read from the base commit `bbbbbbb`\)\. The changed policy takes effect once merged\.\n\n#### Findings/,
    );
  });
});
