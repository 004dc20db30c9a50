import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { VariableArgument } from '../../src/inputs/hcl/variables.ts';
import { readTerraformDirectories, type HclInput } from '../../src/inputs/terraform-hcl.ts';
import type { Resource } from '../../src/model/resource.ts';

/** A fresh directory holding `files` (paths may have subdirectories); returns its path. */
export function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-tf-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Reads one configuration directory (relative to `cwd`) the way `check --tf` does. */
export function readTf(
  cwd: string,
  dir = '.',
  options: { variables?: VariableArgument[]; env?: Record<string, string> } = {},
): HclInput {
  const [input] = readTerraformDirectories([dir], {
    cwd,
    variables: options.variables ?? [],
    env: options.env ?? {},
  });
  return input as HclInput;
}

/** Writes `files` and reads them: resources by address, and the input's notes. */
export function evalTf(
  files: Record<string, string>,
  options: { variables?: VariableArgument[]; env?: Record<string, string> } = {},
): { byAddress: Map<string, Resource>; input: HclInput; dir: string } {
  const dir = writeTree(files);
  const input = readTf(dir, '.', options);
  return { byAddress: new Map(input.resources.map((r) => [r.address, r])), input, dir };
}

export const vars = (...texts: string[]): VariableArgument[] => texts.map((text) => ({ kind: 'var', text }));
