import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeFailure, InputError, UsageError } from '../errors.ts';
import { readBasePolicy } from '../io/base-policy.ts';
import { hasCommit, repoRoot as gitRepoRoot } from '../io/git.ts';
import { expandInputPaths } from '../io/input-paths.ts';
import type { Report } from '../model/report.ts';
import { runCheck, type CheckRequest } from '../pipeline.ts';
import { commentBody, quietBody, worthSaying, type CommentContext } from '../publish/comment-body.ts';
import {
  DEFAULT_RETRY,
  describeHttpFailure,
  retrying,
  type GitHubClient,
  type RetryOptions,
} from '../publish/github-client.ts';
import { commentMarker, publishComment } from '../publish/github-comment.ts';
import { findingCounts, VERDICT_WORD } from '../render/format.ts';
import { renderJson } from '../render/json.ts';
import { renderSarif } from '../render/sarif.ts';
import { renderText } from '../render/text.ts';
import { exitCodeFor } from '../verdict.ts';
import { readEvent, type RunEvent } from './event.ts';
import { parseInputs, type ActionSettings } from './inputs.ts';
import { octokitClient } from './octokit-client.ts';
import { annotate, logReport, writeSummary } from './report-output.ts';

/**
 * The Action: parse the inputs, check the change (with the policy from the PR's base commit), then
 * report everywhere a developer looks — log, annotations, job summary, outputs, files, the PR
 * comment — and fail the step when the verdict reaches `fail-on`. Never throws.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const settings = parseInputs((name) => core.getInput(name));
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const cwd = resolve(workspace, settings.workingDirectory);
    try {
      process.chdir(cwd);
    } catch {
      throw new UsageError(
        `Invalid input 'working-directory': '${settings.workingDirectory}'. Expected a directory in the workspace.`,
      );
    }
    const root = gitRepoRoot(cwd) ?? workspace;
    const event = readEvent(env);
    const client = githubClient(settings, event, env);
    const marker = commentMarker({
      workflow: env.GITHUB_WORKFLOW ?? '',
      job: env.GITHUB_JOB ?? '',
      'working-directory': settings.workingDirectory,
      plan: settings.plans.join('\n'),
      // Only when given, so plan-only workflows keep the comment they had.
      ...(settings.kubernetes.length > 0 ? { kubernetes: settings.kubernetes.join('\n') } : {}),
    });

    const request: CheckRequest = {
      plans: expandInputPaths(settings.plans, cwd),
      k8sPaths: expandInputPaths(settings.kubernetes, cwd),
      cwd,
      includeUnchanged: false,
      pricing: settings.pricing,
      env,
    };
    if (settings.policy !== undefined) request.policyPath = settings.policy;
    if (settings.usage !== undefined) request.usagePath = settings.usage;
    const pr = event.pullRequest;
    if (pr && settings.policyFromBase && pr.baseSha === '') {
      core.warning('The event payload names no base commit: the policy in the working tree was enforced.');
    } else if (pr && settings.policyFromBase) {
      const base = await readBasePolicy({
        ref: pr.baseSha,
        policyPath: settings.policy,
        cwd,
        repoRoot: root,
        ...(client ? { contents: client } : {}),
      });
      request.policySources = base.sources;
      if (base.fromBase) {
        request.policyOrigin = { ref: pr.baseSha, changedInPr: base.changedInPr };
        core.info(`Policy read from the base commit ${pr.baseSha.slice(0, 7)} (${base.via}).`);
        if (base.changedInPr)
          core.warning(
            'This pull request changes the policy; the base policy was enforced. The change takes effect once merged.',
          );
      } else {
        request.policyOrigin = { changedInPr: true };
        core.warning(
          `The base commit ${pr.baseSha.slice(0, 7)} has no policy at ${settings.policy ?? 'policies/'}: this pull request adds it, and its policy was enforced.`,
        );
      }
    }

    // On a pull request, manifests are compared with the base commit: only what the PR changes is
    // checked, and the cost is the change. A shallow clone without it checks every object as new.
    if (pr && settings.kubernetes.length > 0 && pr.baseSha !== '') {
      if (hasCommit(pr.baseSha, cwd)) request.baseRef = pr.baseSha;
      else
        core.warning(
          `The base commit ${pr.baseSha.slice(0, 7)} is not in the clone, so every Kubernetes object is checked as new; check out with fetch-depth: 0 to see only the pull request's changes.`,
        );
    }

    const report = await runCheck(request);
    logReport(renderText(report, { color: false }), randomBytes(16).toString('hex'));
    const reportPath = writeFile(
      env.RUNNER_TEMP
        ? join(env.RUNNER_TEMP, `tollgate-report-${markerId(marker)}.json`)
        : join(cwd, 'tollgate-report.json'),
      renderJson(report),
    );
    if (settings.sarif !== undefined) {
      const sarifPath = writeFile(resolve(cwd, settings.sarif), renderSarif(report, { cwd, repoRoot: root }));
      core.info(`SARIF written to ${sarifPath}.`);
    }
    annotate(report, cwd, root);
    await writeSummary(report);

    core.setOutput('verdict', report.verdict);
    core.setOutput('monthly-delta', String(report.summary.monthly_delta));
    core.setOutput('monthly-after', String(report.summary.monthly_after));
    core.setOutput('findings', String(report.summary.findings.total));
    core.setOutput('report', reportPath);
    core.setOutput('comment-url', await comment(settings, event, client, marker, report, env));

    if (exitCodeFor(report.verdict, settings.failOn) === 1) {
      core.setFailed(
        `tollgate ${VERDICT_WORD[report.verdict]}: ${findingCounts(report)} (fail-on: ${settings.failOn}).`,
      );
    }
  } catch (err) {
    core.setFailed(describeFailure(err, env.TOLLGATE_DEBUG === '1').message);
  }
}

/** Comments on the pull request as `comment` and `comment-when` say; returns the comment's URL or ''. */
async function comment(
  settings: ActionSettings,
  event: RunEvent,
  client: GitHubClient | undefined,
  marker: string,
  report: Report,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const pr = event.pullRequest;
  if (!pr) {
    if (settings.comment !== 'off')
      core.info(`No pull request comment: the ${event.name || 'current'} event is not a pull request.`);
    return '';
  }
  if (settings.comment === 'off') return '';
  if (!client) {
    core.warning('No pull request comment: the github-token input is empty or GITHUB_REPOSITORY is not set.');
    return '';
  }
  const context: CommentContext = pr.headSha === '' ? {} : { commit: pr.headSha };
  const runUrl = runLink(env);
  if (runUrl) context.runUrl = runUrl;
  try {
    const result = await publishComment(client, {
      marker,
      mode: settings.comment,
      body: commentBody(report, context),
      worthSaying: worthSaying(report, settings.commentWhen),
      quietBody: quietBody(report, settings.commentWhen, context),
    });
    if (result.action === 'skipped') {
      core.info(`No pull request comment: ${result.reason}.`);
      return '';
    }
    core.info(`Pull request comment ${result.action}: ${result.comment.url}`);
    return result.comment.url;
  } catch (err) {
    const status = (err as { status?: number }).status;
    const why =
      status === 403 || status === 404
        ? pr.fromFork
          ? ' — a pull request from a fork gets a read-only token'
          : ' — does the workflow grant `permissions: pull-requests: write`?'
        : '';
    core.warning(
      `tollgate could not comment on pull request #${pr.number} (${describeHttpFailure(err)})${why}. The verdict stands; the full report is in the job summary.`,
    );
    return '';
  }
}

function githubClient(
  settings: ActionSettings,
  event: RunEvent,
  env: NodeJS.ProcessEnv,
): GitHubClient | undefined {
  const pr = event.pullRequest;
  if (!pr || !event.owner || !event.repo || settings.token === '') return undefined;
  const base = Number(env.TOLLGATE_RETRY_BASE_MS);
  const options: RetryOptions = {
    ...DEFAULT_RETRY,
    ...(Number.isFinite(base) && base >= 0 && env.TOLLGATE_RETRY_BASE_MS ? { baseDelayMs: base } : {}),
    onRetry: (attempt, delay, err) =>
      core.info(
        `GitHub API call failed (${describeHttpFailure(err)}); retry ${attempt} in ${Math.round(delay / 100) / 10} s.`,
      ),
  };
  return retrying(
    octokitClient({
      token: settings.token,
      baseUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      owner: event.owner,
      repo: event.repo,
      issueNumber: pr.number,
    }),
    options,
  );
}

/** The workflow run's page, from the runner's own variables (checked: they end up in a link). */
function runLink(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL ?? '';
  const repo = env.GITHUB_REPOSITORY ?? '';
  const id = env.GITHUB_RUN_ID ?? '';
  if (!/^https?:\/\/[\w.:-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^\d+$/.test(id))
    return undefined;
  return `${server}/${repo}/actions/runs/${id}`;
}

function markerId(marker: string): string {
  return /id=(\w+)/.exec(marker)?.[1] ?? 'run';
}

function writeFile(path: string, text: string): string {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (err) {
    throw new InputError(path, `cannot be written (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return path;
}
