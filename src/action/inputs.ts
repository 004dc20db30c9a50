import Big from 'big.js';
import { UsageError } from '../errors.ts';
import type { CommentMode } from '../publish/github-comment.ts';
import type { CommentWhen, Threshold } from '../publish/comment-body.ts';
import type { FailOn } from '../verdict.ts';

/** The Action's inputs, parsed and checked once. Field docs are in action.yml. */
export interface ActionSettings {
  /** Plan paths or globs, relative to the working directory. */
  plans: string[];
  /** Kubernetes manifest paths (files or directories) or globs, relative to the working directory. */
  kubernetes: string[];
  policy?: string;
  usage?: string;
  pricing: 'catalog' | 'live';
  token: string;
  comment: CommentMode | 'off';
  commentWhen: CommentWhen;
  failOn: FailOn;
  policyFromBase: boolean;
  workingDirectory: string;
  sarif?: string;
}

/** Reads one input by its action.yml name ('' when not given), like `core.getInput`. */
export type InputReader = (name: string) => string;

/**
 * Parses the inputs. A bad value is a UsageError that quotes it and says what was expected, so the
 * one line in the job log is enough to fix the workflow.
 */
export function parseInputs(read: InputReader): ActionSettings {
  const input = (name: string): string => read(name).trim();
  if (input('terraform-dir') !== '') {
    throw new UsageError(
      "Input 'terraform-dir' is not supported yet by this version of tollgate: check Terraform plan JSON through the 'plan' input, and Kubernetes manifests through 'kubernetes'.",
    );
  }
  const plans = list(read('plan'));
  const kubernetes = list(read('kubernetes'));
  if (plans.length === 0 && kubernetes.length === 0) {
    throw new UsageError(
      "Input 'plan' or 'kubernetes' is required: the path (or glob) of a Terraform plan in JSON, from `terraform show -json PLANFILE > plan.json`, or of Kubernetes manifests.",
    );
  }
  const settings: ActionSettings = {
    plans,
    kubernetes,
    pricing: choice(input, 'pricing', ['catalog', 'live'], 'catalog'),
    token: input('github-token'),
    comment: choice(input, 'comment', ['update', 'new', 'off'], 'update'),
    commentWhen: commentWhen(input),
    failOn: choice(input, 'fail-on', ['block', 'warn', 'never'], 'block'),
    policyFromBase: boolean(input, 'policy-from-base', true),
    workingDirectory: input('working-directory') || '.',
  };
  const optional = { policy: input('policy'), usage: input('usage'), sarif: input('sarif') };
  if (optional.policy !== '') settings.policy = optional.policy;
  if (optional.usage !== '') settings.usage = optional.usage;
  if (optional.sarif !== '') settings.sarif = optional.sarif;
  return settings;
}

/** Newline- or comma-separated values, blanks dropped. */
function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function choice<T extends string>(input: InputReader, name: string, allowed: readonly T[], fallback: T): T {
  const value = input(name);
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`Invalid input '${name}': '${value}'. Expected ${alternatives(allowed)}.`);
}

// The YAML 1.2 core schema's booleans, as `core.getBooleanInput` accepts them.
function boolean(input: InputReader, name: string, fallback: boolean): boolean {
  const value = input(name);
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(`Invalid input '${name}': '${value}'. Expected true or false.`);
}

function commentWhen(input: InputReader): CommentWhen {
  const when = choice(input, 'comment-when', ['always', 'changed', 'threshold'], 'changed');
  const raw = input('comment-threshold');
  if (when !== 'threshold') {
    if (raw !== '') {
      throw new UsageError(
        `Input 'comment-threshold' ('${raw}') applies only with comment-when: threshold, but comment-when is '${when}'.`,
      );
    }
    return { when };
  }
  if (raw === '') {
    throw new UsageError(
      "Input 'comment-threshold' is required with comment-when: threshold. Expected an amount such as '50' (dollars a month) or a percentage such as '10%'.",
    );
  }
  return { when, threshold: threshold(raw) };
}

function threshold(raw: string): Threshold {
  const m = /^\$?\s*(\d+(?:\.\d+)?)\s*(%)?$/.exec(raw);
  if (!m || (m[2] !== undefined && raw.startsWith('$'))) {
    throw new UsageError(
      `Invalid input 'comment-threshold': '${raw}'. Expected an amount such as '50' (dollars a month) or a percentage such as '10%'.`,
    );
  }
  const value = new Big(m[1] as string);
  return m[2] === '%' ? { kind: 'percent', value } : { kind: 'amount', value };
}

function alternatives(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length <= 2 ? quoted.join(' or ') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}
