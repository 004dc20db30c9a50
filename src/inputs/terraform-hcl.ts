/**
 * Terraform configuration directories (`--tf DIR`) without a plan: reads every .tf and .tf.json file
 * of the directory and of the local modules it calls, parses them with hcl2json, and evaluates what is
 * static (see src/inputs/hcl/). Every resource is a `create`; values known only after apply, data
 * sources and remote modules stay unknown and are reported as such.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import taggableTypes from '../../data/aws-taggable-types.json' with { type: 'json' };
import { InputError, UsageError } from '../errors.ts';
import { checkoutAt } from '../io/git-checkout.ts';
import type { Finding } from '../model/finding.ts';
import type { Resource } from '../model/resource.ts';
import { diffResources } from './delta.ts';
import { buildModuleConfig, isRecord, type ModuleConfig, type ParsedFile } from './hcl/config.ts';
import { evaluateConfiguration } from './hcl/evaluate-configuration.ts';
import { HclParseError, hclToJson } from './hcl/hcl2json.ts';
import { scanSource } from './hcl/source-scan.ts';
import {
  rootVariableValues,
  splitVar,
  type VariableArgument,
  type VariableFile,
  type VariableSources,
} from './hcl/variables.ts';

export interface HclMeta {
  kind: 'terraform-hcl';
  path: string;
  /** With --base-ref: the commit the resources were compared with. */
  base_ref?: string;
  modules_not_evaluated?: string[];
}

export interface HclInput {
  meta: HclMeta;
  resources: Resource[];
  /** Notes about the evaluation itself: variables without values, unknown counts, remote modules. */
  findings: Finding[];
}

export interface HclOptions {
  cwd: string;
  /** --var and --var-file in command-line order. */
  variables: VariableArgument[];
  /** For TF_VAR_* variables. */
  env: Record<string, string | undefined>;
}

const TAGGABLE: ReadonlySet<string> = new Set(taggableTypes.types);

/** Reads several directories; a --var that none of them declares is a usage error (likely a typo). */
export function readTerraformDirectories(dirs: string[], options: HclOptions): HclInput[] {
  const declared = new Set<string>();
  const inputs = dirs.map((dir) => readTerraformDirectory(dir, options, declared));
  for (const arg of options.variables) {
    if (arg.kind !== 'var') continue;
    const [name] = splitVar(arg.text);
    if (!declared.has(name)) {
      throw new UsageError(`--var ${name}: no variable "${name}" is declared in ${dirs.join(', ')}`);
    }
  }
  return inputs;
}

/**
 * `--base-ref REF`: the directories evaluated now and at REF (from `git archive`), compared by address.
 * A directory that did not exist at REF contributes only creates.
 */
export function readTerraformDelta(dirs: string[], options: HclOptions, baseRef: string): HclInput[] {
  const head = readTerraformDirectories(dirs, options);
  const checkout = checkoutAt(baseRef, options.cwd);
  try {
    const root = realpathSync(checkout.repoRoot);
    return head.map((input, i) => {
      const dir = realpathSync(resolve(options.cwd, dirs[i] as string));
      const rel = relative(root, dir);
      if (rel.startsWith('..') || isAbsolute(rel))
        throw new UsageError(`--base-ref: ${input.meta.path} is outside the git repository`);
      const baseDir = join(checkout.dir, rel);
      let base: Resource[] = [];
      if (existsSync(baseDir)) {
        try {
          base = readTerraformDirectory(baseDir, options, new Set(), input.meta.path).resources;
        } catch (err) {
          if (err instanceof InputError)
            throw new InputError(err.file, `at --base-ref ${baseRef}: ${err.detail}`, err.line, err.column);
          throw err;
        }
      }
      return {
        ...input,
        meta: { ...input.meta, base_ref: baseRef },
        resources: diffResources(base, input.resources),
      };
    });
  } finally {
    checkout.cleanup();
  }
}

export function readTerraformDirectory(
  dir: string,
  options: HclOptions,
  declared = new Set<string>(),
  shownAs?: string,
): HclInput {
  const shown = shownAs ?? displayPath(dir, options.cwd);
  const absolute = resolve(options.cwd, dir);
  const loader = new ModuleLoader();
  const root = loader.load(absolute, shown, undefined);
  for (const name of root.variables.keys()) declared.add(name);
  const sources: VariableSources = {
    env: options.env,
    automatic: automaticVariableFiles(absolute, shown),
    explicit: options.variables.map((arg) =>
      arg.kind === 'var'
        ? arg
        : { kind: 'var-file' as const, file: readVariableFile(resolve(options.cwd, arg.path), arg.path) },
    ),
  };
  const evaluated = evaluateConfiguration({
    root,
    children: loader.children,
    variables: rootVariableValues(root, sources),
    origin: shown,
    taggable: TAGGABLE,
  });
  const meta: HclMeta = { kind: 'terraform-hcl', path: shown };
  if (evaluated.remoteModules.length > 0)
    meta.modules_not_evaluated = evaluated.remoteModules.map((m) => m.address);
  return { meta, resources: evaluated.resources, findings: evaluated.notes };
}

/** Reads module directories once each, following local sources (`./x`, `../x`) recursively. */
class ModuleLoader {
  readonly children = new Map<ModuleConfig, Map<string, ModuleConfig>>();
  private readonly byPath = new Map<string, ModuleConfig>();

  load(
    absolute: string,
    shown: string,
    calledFrom: { file: string; line?: number; name: string; stack: string[] } | undefined,
  ): ModuleConfig {
    const cached = this.byPath.get(absolute);
    if (cached) return cached;
    const files = readModuleFiles(absolute, shown, calledFrom);
    const config = buildModuleConfig(shown, files);
    this.byPath.set(absolute, config);
    const children = new Map<string, ModuleConfig>();
    this.children.set(config, children);
    const stack = [...(calledFrom?.stack ?? []), absolute];
    for (const call of config.calls.values()) {
      if (!isLocalSource(call.source)) continue;
      const childAbsolute = resolve(absolute, call.source);
      if (stack.includes(childAbsolute)) {
        throw new InputError(
          call.file,
          `module "${call.name}" calls a module that contains it (${call.source})`,
          call.line,
        );
      }
      const from = { file: call.file, name: call.name, stack, ...(call.line ? { line: call.line } : {}) };
      children.set(call.name, this.load(childAbsolute, join(shown, call.source), from));
    }
    return config;
  }
}

function readModuleFiles(
  absolute: string,
  shown: string,
  calledFrom: { file: string; line?: number; name: string } | undefined,
): ParsedFile[] {
  let names: string[];
  try {
    if (!statSync(absolute).isDirectory())
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    names = readdirSync(absolute);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what =
      code === 'ENOENT'
        ? 'no such directory'
        : code === 'ENOTDIR'
          ? 'is not a directory'
          : `cannot be read (${code ?? String(err)})`;
    if (calledFrom)
      throw new InputError(
        calledFrom.file,
        `module "${calledFrom.name}": source ${shown} ${what}`,
        calledFrom.line,
      );
    throw new InputError(shown, `${what}, expected a directory of Terraform .tf files`);
  }
  const tfNames = names.filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json')).sort();
  if (tfNames.length === 0) {
    const where = calledFrom ? `module "${calledFrom.name}": ` : '';
    throw new InputError(
      calledFrom?.file ?? shown,
      `${where}${calledFrom ? `${shown} ` : ''}contains no .tf files`,
      calledFrom?.line,
    );
  }
  return tfNames.map((name) => parseFile(join(absolute, name), join(shown, name)));
}

function parseFile(absolute: string, shown: string): ParsedFile {
  const text = readText(absolute, shown);
  if (shown.endsWith('.tf.json')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new InputError(shown, `is not valid JSON (${(err as Error).message})`);
    }
    if (!isRecord(json)) throw new InputError(shown, 'is not a Terraform JSON configuration (not an object)');
    return { name: shown, text, json, scan: { blocks: [], ignores: [] } };
  }
  return { name: shown, text, json: parseHcl(shown, text), scan: scanSource(text) };
}

function parseHcl(shown: string, text: string): Record<string, unknown> {
  try {
    return hclToJson(shown, text);
  } catch (err) {
    if (err instanceof HclParseError) throw new InputError(shown, err.detail, err.line, err.column);
    throw err;
  }
}

function automaticVariableFiles(absolute: string, shown: string): VariableFile[] {
  const names = readdirSync(absolute);
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort();
  const ordered = ['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)).concat(auto);
  return ordered.map((n) => readVariableFile(join(absolute, n), join(shown, n)));
}

function readVariableFile(absolute: string, shown: string): VariableFile {
  const text = readText(absolute, shown);
  if (shown.endsWith('.json')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new InputError(shown, `is not valid JSON (${(err as Error).message})`);
    }
    if (!isRecord(json)) throw new InputError(shown, 'is not a JSON object of variable values');
    return { name: shown, json, literal: true };
  }
  return { name: shown, json: parseHcl(shown, text), literal: false };
}

function readText(absolute: string, shown: string): string {
  try {
    if (statSync(absolute).isDirectory()) throw new InputError(shown, 'is a directory, expected a file');
    return readFileSync(absolute, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      shown,
      code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(err)})`,
    );
  }
}

/** Terraform treats only `./` and `../` paths as local modules; everything else is fetched. */
function isLocalSource(source: string): boolean {
  return /^\.\.?[/\\]/.test(source);
}

function displayPath(dir: string, cwd: string): string {
  if (!isAbsolute(dir)) return join(dir);
  const rel = relative(cwd, dir);
  return rel === '' ? '.' : rel.startsWith('..') ? dir : rel;
}
