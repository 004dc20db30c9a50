import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, UsageError } from '../../errors.ts';
import type { VariableArgument } from '../../inputs/hcl/variables.ts';
import { repoRoot } from '../../io/git.ts';
import { runCheck, type CheckRequest } from '../../pipeline.ts';
import { renderCompact } from '../../render/compact.ts';
import { renderJsonChunks } from '../../render/json.ts';
import { renderMarkdown } from '../../render/markdown.ts';
import { renderSarif } from '../../render/sarif.ts';
import { renderText } from '../../render/text.ts';
import { exitCodeFor, type FailOn } from '../../verdict.ts';
import { useColor, type CliIO } from '../io.ts';

export const FORMATS = ['text', 'json', 'markdown', 'sarif', 'compact'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckFlags {
  plan?: string[];
  tf?: string[];
  /** --var and --var-file in command-line order (collected by the program, not commander). */
  variables?: VariableArgument[];
  baseRef?: string;
  k8s?: string[];
  k8sBase?: string[];
  namespace?: string;
  policy?: string;
  usage?: string;
  pricing: 'catalog' | 'live';
  catalog?: string;
  pricingTtl?: string;
  /** false with --no-cost. */
  cost?: boolean;
  all?: boolean;
  /** --now YYYY-MM-DD: the date exemptions are judged on. */
  now?: string;
  format: Format;
  output?: string;
  failOn: FailOn;
}

/** `tollgate check`: evaluate the inputs, print the report, and return the exit code. */
export async function checkCommand(flags: CheckFlags, io: CliIO): Promise<number> {
  const plans = flags.plan ?? [];
  const tfDirs = flags.tf ?? [];
  const k8s = flags.k8s ?? [];
  const k8sBase = flags.k8sBase ?? [];
  const variables = flags.variables ?? [];
  if (plans.length === 0 && tfDirs.length === 0 && k8s.length === 0)
    throw new UsageError(
      'check: no input given; pass --plan FILE (- reads standard input), --tf DIR or --k8s PATH',
    );
  if (flags.baseRef !== undefined && tfDirs.length === 0 && k8s.length === 0)
    throw new UsageError('check: --base-ref applies to --tf directories and --k8s paths, and none was given');
  if (tfDirs.length === 0 && variables.length > 0) {
    const flag = variables[0]?.kind === 'var' ? '--var' : '--var-file';
    throw new UsageError(`check: ${flag} applies to --tf directories, and none was given`);
  }
  if (k8s.length === 0 && (k8sBase.length > 0 || flags.namespace !== undefined)) {
    const flag = k8sBase.length > 0 ? '--k8s-base' : '--namespace';
    throw new UsageError(`check: ${flag} applies to --k8s paths, and none was given`);
  }
  if (k8sBase.length > 0 && flags.baseRef !== undefined && tfDirs.length === 0)
    throw new UsageError('check: --k8s-base and --base-ref both give the manifests a base; use one');
  if ([...plans, ...k8s, ...k8sBase].filter((p) => p === '-').length > 1) {
    throw new UsageError('check: standard input (-) can be read only once');
  }
  const request: CheckRequest = {
    plans,
    policyPath: flags.policy,
    usagePath: flags.usage,
    pricing: flags.cost === false ? 'off' : flags.pricing,
    catalogPath: flags.catalog,
    pricingTtlHours: flags.pricingTtl === undefined ? undefined : hours(flags.pricingTtl),
    cwd: io.cwd,
    env: io.env,
    includeUnchanged: flags.all === true,
    tfDirs,
    tfVariables: variables,
    k8sPaths: k8s,
    k8sBasePaths: k8sBase,
    ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
    ...(flags.baseRef !== undefined ? { baseRef: flags.baseRef } : {}),
    ...(flags.now !== undefined ? { today: flags.now } : {}),
  };
  const report = await runCheck(request);
  const toFile = flags.output !== undefined;
  const rendered: Iterable<string> =
    flags.format === 'json'
      ? renderJsonChunks(report)
      : flags.format === 'markdown'
        ? [renderMarkdown(report)]
        : flags.format === 'sarif'
          ? [renderSarif(report, sarifPaths(io.cwd))]
          : flags.format === 'compact'
            ? [renderCompact(report)]
            : [renderText(report, { color: !toFile && useColor(io) })];
  if (flags.output !== undefined) writeOutput(resolve(io.cwd, flags.output), flags.output, rendered);
  else for (const piece of rendered) io.stdout.write(piece);
  return exitCodeFor(report.verdict, flags.failOn);
}

function hours(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`check: --pricing-ttl must be a number of hours (got "${value}")`);
  return n;
}

/** SARIF locations are relative to the repository root when the run is inside one, as code scanning wants. */
function sarifPaths(cwd: string): { cwd: string; repoRoot?: string } {
  const root = repoRoot(cwd);
  return root === undefined ? { cwd: resolve(cwd) } : { cwd: resolve(cwd), repoRoot: root };
}

function writeOutput(absolute: string, shown: string, pieces: Iterable<string>): void {
  try {
    mkdirSync(dirname(absolute), { recursive: true });
    const fd = openSync(absolute, 'w');
    try {
      let buffered = '';
      for (const piece of pieces) {
        buffered += piece;
        if (buffered.length >= 1 << 16) {
          writeSync(fd, buffered);
          buffered = '';
        }
      }
      writeSync(fd, buffered);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new InputError(
      shown,
      `cannot write the report (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
}
