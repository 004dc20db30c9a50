import type { Report } from '../model/report.ts';
import Big from 'big.js';
import { formatUsd } from '../cost/money.ts';
import { mdCode, mdText } from '../render/escape.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { GITHUB_COMMENT_LIMIT } from './github-comment.ts';

/** A cost change worth a comment: at least this many currency units, or this percent of the total before. */
export type Threshold = { kind: 'amount'; value: Big } | { kind: 'percent'; value: Big };

/** When a run comments (`comment-when`): always, on any change or finding, or past a cost threshold. */
export type CommentWhen =
  { when: 'always' } | { when: 'changed' } | { when: 'threshold'; threshold: Threshold };

// Room for the marker, the run link, and GitHub counting some characters differently than JS does.
const COMMENT_MARGIN = 5_536;

export interface CommentContext {
  /** Link to the workflow run, whose job summary holds the whole report. */
  runUrl?: string;
  /** The pull request's head commit the run checked. */
  commit?: string;
}

/**
 * Whether a run has something to tell the pull request. Findings (not exempted) and a policy changed
 * by the PR always are; cost changes are when they are non-zero (`changed`) or reach the threshold.
 */
export function worthSaying(report: Report, rule: CommentWhen): boolean {
  if (rule.when === 'always') return true;
  const findings = report.findings.filter((f) => f.exemption === undefined).length;
  if (findings > 0 || report.summary.policy.changed_in_pr === true) return true;
  // An autoscaled workload's cost is a range: a change at its top is a change too.
  const s = report.summary;
  const atTop = Math.abs(s.monthly_delta_max) > Math.abs(s.monthly_delta);
  const delta = new Big(atTop ? s.monthly_delta_max : s.monthly_delta);
  const before = new Big(atTop ? s.monthly_before_max : s.monthly_before);
  if (delta.eq(0)) return false;
  if (rule.when === 'changed') return true;
  const { threshold } = rule;
  if (threshold.kind === 'amount') return delta.abs().gte(threshold.value);
  if (before.eq(0)) return true;
  return delta.abs().div(before.abs()).times(100).gte(threshold.value);
}

/** The comment for a run with something to say: the markdown report, folded to fit GitHub's limit. */
export function commentBody(report: Report, context: CommentContext): string {
  const trailer = runTrailer(context);
  const maxLength = GITHUB_COMMENT_LIMIT - COMMENT_MARGIN - trailer.length;
  const fullReportAt = context.runUrl ? `the [job summary](${context.runUrl}) / JSON report` : undefined;
  const markdown = renderMarkdown(
    report,
    fullReportAt === undefined ? { maxLength } : { maxLength, fullReportAt },
  );
  return `${markdown}${trailer}`;
}

/** What the comment becomes when a later run has nothing to say: the earlier results no longer apply. */
export function quietBody(report: Report, rule: CommentWhen, context: CommentContext): string {
  const delta = new Big(report.summary.monthly_delta);
  let cost = 'no cost change';
  if (!delta.eq(0)) {
    const limit =
      rule.when === 'threshold'
        ? rule.threshold.kind === 'amount'
          ? formatUsd(rule.threshold.value)
          : `${rule.threshold.value.toString()}%`
        : '';
    cost = `a cost change of ${formatUsd(delta, { signed: true })}/mo, below the ${limit} threshold`;
  }
  const commit = context.commit ? ` on ${mdCode(context.commit.slice(0, 7))}` : '';
  return (
    `### ✅ tollgate: nothing to report\n\n` +
    `The latest run${commit} found no findings and ${cost}. Earlier results in this comment no longer apply.\n` +
    runTrailer(context) +
    `\n<sub>tollgate ${mdText(report.tool.version)}</sub>\n`
  );
}

function runTrailer(context: CommentContext): string {
  const parts: string[] = [];
  if (context.runUrl) parts.push(`[Full report in the job summary](${context.runUrl})`);
  if (context.commit) parts.push(`commit ${mdCode(context.commit.slice(0, 7))}`);
  return parts.length > 0 ? `\n<sub>${parts.join(' · ')}</sub>\n` : '';
}
