import * as core from '@actions/core';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Finding } from '../model/finding.ts';
import type { Report } from '../model/report.ts';
import { terminalSafe } from '../render/escape.ts';
import { plural } from '../render/format.ts';
import { renderMarkdown } from '../render/markdown.ts';

/** At most this many annotations: GitHub shows only the first few per step, and the log stays readable. */
const MAX_ANNOTATIONS = 50;

/** Job summaries are limited to 1 MiB per step; GitHub drops a larger one whole. Kept with a margin. */
const SUMMARY_MAX_BYTES = 1_000_000;

/**
 * One annotation per finding whose source file and line are known (Terraform plans know neither: those
 * findings are in the job summary). Paths are made relative to the repository root, as GitHub wants.
 */
export function annotate(report: Report, cwd: string, repoRoot: string): void {
  const located = report.findings.filter(
    (f): f is Finding & { source: NonNullable<Finding['source']> } => f.source !== undefined && !f.exemption,
  );
  for (const f of located.slice(0, MAX_ANNOTATIONS)) {
    const absolute = isAbsolute(f.source.file) ? f.source.file : join(cwd, f.source.file);
    const file = relative(repoRoot, absolute).split(sep).join('/');
    const properties: core.AnnotationProperties = { title: `tollgate ${f.rule}: ${f.address}`, file };
    if (f.source.line !== undefined) properties.startLine = f.source.line;
    const message = f.fix ? `${f.message}. ${f.fix}` : f.message;
    if (f.severity === 'block') core.error(message, properties);
    else if (f.severity === 'warn') core.warning(message, properties);
    else core.notice(message, properties);
  }
  if (located.length > MAX_ANNOTATIONS)
    core.info(
      `${located.length - MAX_ANNOTATIONS} more findings with a source location are in the job summary.`,
    );
  const unlocated = report.findings.filter((f) => f.source === undefined && !f.exemption).length;
  if (unlocated > 0 && located.length > 0)
    core.info(
      `${plural(unlocated, 'finding')} without a source location (a plan does not record one) ${unlocated === 1 ? 'is' : 'are'} in the job summary.`,
    );
}

/** The whole markdown report as the job summary; skipped with a note outside GitHub Actions. */
export async function writeSummary(report: Report): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info('GITHUB_STEP_SUMMARY is not set: no job summary written.');
    return;
  }
  await core.summary.addRaw(summaryMarkdown(report)).write();
}

/** The markdown report folded to fit the summary's limit, which counts UTF-8 bytes, not characters. */
export function summaryMarkdown(report: Report): string {
  return renderMarkdown(report, {
    maxLength: SUMMARY_MAX_BYTES,
    measure: (text) => Buffer.byteLength(text),
    fullReportAt: 'the JSON report',
  });
}

/**
 * Prints the text report to the log with workflow commands stopped, so nothing in it, however the
 * plan spells it, can be taken for a `::command::` by the runner.
 */
export function logReport(text: string, token: string): void {
  core.info(`::stop-commands::${token}`);
  for (const line of text.replace(/\n$/, '').split('\n')) core.info(terminalSafe(line));
  core.info(`::${token}::`);
}
