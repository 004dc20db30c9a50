import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import type { CliIO } from '../io.ts';

export const HOOKS = ['terraform', 'kubernetes'] as const;

/** Which `check` flag reads the directories of each hook's files. */
const INPUT_FLAG: Record<(typeof HOOKS)[number], string> = { terraform: '--tf', kubernetes: '--k8s' };

/**
 * `tollgate hook KIND [check flags] FILES...`, the entry of .pre-commit-hooks.yaml: pre-commit passes
 * the changed files; tollgate checks their directories (Terraform evaluates a directory as a whole; a
 * manifest directory is read recursively, so YAML that is not Kubernetes — CI configuration, Helm
 * templates — is skipped rather than refused) with `check --format compact`, one
 * `file:line rule message` line per finding.
 */
export async function hookCommand(
  kind: string,
  args: string[],
  program: Command,
  io: CliIO,
  run: (argv: string[]) => Promise<number>,
): Promise<number> {
  if (!(HOOKS as readonly string[]).includes(kind)) {
    throw new UsageError(`hook: unknown kind "${kind}" (expected ${HOOKS.join(' or ')})`);
  }
  const check = program.commands.find((c) => c.name() === 'check');
  const flag = INPUT_FLAG[kind as (typeof HOOKS)[number]];
  if (!check?.options.some((o) => o.long === flag)) {
    io.stderr.write(
      `tollgate: the ${kind} hook needs \`tollgate check ${flag}\`, which this version of tollgate does not have yet\n`,
    );
    return 2;
  }
  const { flags, files } = splitArguments(args, check);
  let dirs = [...new Set(files.map((f) => dirname(f)))].filter(
    (d) => kind !== 'terraform' || hasTfFiles(resolve(io.cwd, d)),
  );
  // Manifest directories are read recursively: one inside another would be read twice.
  if (kind === 'kubernetes') dirs = dirs.filter((d) => !dirs.some((o) => o !== d && isInside(d, o)));
  if (dirs.length === 0) return 0;
  return await run(['check', '--format', 'compact', ...flags, ...dirs.flatMap((d) => [flag, d])]);
}

/** Flags (and the values of those that take one) pass through to `check`; the rest are files. */
function splitArguments(args: string[], check: Command): { flags: string[]; files: string[] } {
  const flags: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    flags.push(arg);
    const option = check.options.find((o) => o.long === arg || o.short === arg);
    if (option && (option.required || option.optional) && !arg.includes('=') && i + 1 < args.length) {
      flags.push(args[++i] as string);
    }
  }
  return { flags, files };
}

function isInside(dir: string, other: string): boolean {
  const rel = relative(other, dir);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

// A changed .tfvars in a directory of no .tf files (e.g. envs/prod.tfvars) is not a configuration.
function hasTfFiles(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((n) => n.endsWith('.tf') || n.endsWith('.tf.json'));
}
