/**
 * One module directory's configuration, gathered from hcl2json's per-file JSON: variables, locals,
 * outputs, providers, resources and module calls, each with the file (and line) it was written in.
 */
import { InputError } from '../../errors.ts';
import type { BlockLocation, SourceScan } from './source-scan.ts';
import { parseType, type Type } from './types.ts';
import { EvalError } from './value.ts';
import { escapeRegExp } from '../../util/regexp.ts';

export type Body = Record<string, unknown>;

/** One .tf (or .tf.json) file: its display name, text, hcl2json's JSON and the scanned locations. */
export interface ParsedFile {
  name: string;
  text: string;
  json: Record<string, unknown>;
  scan: SourceScan;
}

export interface Suppression {
  rule: string;
  reason?: string;
  line: number;
}

export interface Declared {
  file: string;
  line?: number;
}

export interface VariableDecl extends Declared {
  name: string;
  /** hcl2json's raw default; absent when the variable is required. */
  default?: unknown;
  hasDefault: boolean;
  type: Type;
  nullable: boolean;
}

export interface ResourceDecl extends Declared {
  type: string;
  name: string;
  body: Body;
  suppressions: Suppression[];
}

export interface ModuleCallDecl extends Declared {
  name: string;
  source: string;
  body: Body;
}

export interface ProviderDecl extends Declared {
  name: string;
  alias?: string;
  body: Body;
}

export interface ModuleConfig {
  /** Directory as shown to the user (relative, as given). */
  dir: string;
  variables: Map<string, VariableDecl>;
  locals: Map<string, { raw: unknown } & Declared>;
  outputs: Map<string, { raw: unknown } & Declared>;
  providers: ProviderDecl[];
  resources: Map<string, ResourceDecl>;
  calls: Map<string, ModuleCallDecl>;
  /** `# tollgate:ignore` comments that belong to no resource block, or name no rule. */
  strayIgnores: ({ reason: string } & Declared)[];
}

/** Builds a module's configuration from its parsed files (in name order). */
export function buildModuleConfig(dir: string, files: ParsedFile[]): ModuleConfig {
  const config: ModuleConfig = {
    dir,
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    providers: [],
    resources: new Map(),
    calls: new Map(),
    strayIgnores: [],
  };
  for (const file of files) addFile(config, file);
  return config;
}

function addFile(config: ModuleConfig, file: ParsedFile): void {
  const json = file.json;
  // Indexed once per file: a file may hold thousands of blocks.
  const blocks = new Map<string, BlockLocation>();
  for (const b of file.scan.blocks) {
    const key = [b.kind, ...b.labels].join('\0');
    if (!blocks.has(key)) blocks.set(key, b);
  }
  const blockOf = (kind: string, ...labels: string[]): BlockLocation | undefined =>
    blocks.get([kind, ...labels].join('\0'));
  const lineOf = (kind: string, ...labels: string[]): number | undefined => blockOf(kind, ...labels)?.line;
  const lines = file.text.split('\n');
  const at = (kind: string, ...labels: string[]): Declared => {
    const line = lineOf(kind, ...labels);
    return line === undefined ? { file: file.name } : { file: file.name, line };
  };

  for (const [name, body] of namedBlocks(json.variable)) {
    const decl: VariableDecl = {
      name,
      hasDefault: Object.hasOwn(body, 'default'),
      type: typeOf(body.type, file, lineOf('variable', name), name),
      nullable: body.nullable !== false,
      ...at('variable', name),
    };
    if (decl.hasDefault) decl.default = body.default;
    unique(config.variables, name, decl, `variable "${name}"`);
  }
  for (const locals of blockList(json.locals)) {
    for (const [name, raw] of Object.entries(locals)) {
      unique(config.locals, name, { raw, ...localAt(file, name) }, `local.${name}`);
    }
  }
  for (const [name, body] of namedBlocks(json.output)) {
    unique(config.outputs, name, { raw: body.value, ...at('output', name) }, `output "${name}"`);
  }
  for (const [name, body] of namedBlocks(json.provider)) {
    const decl: ProviderDecl = { name, body, ...at('provider', name) };
    if (typeof body.alias === 'string') decl.alias = body.alias;
    config.providers.push(decl);
  }
  for (const [name, body] of namedBlocks(json.module)) {
    const source = body.source;
    const where = at('module', name);
    if (typeof source !== 'string' || source.includes('${')) {
      throw new InputError(where.file, `module "${name}": source must be a literal string`, where.line);
    }
    unique(config.calls, name, { name, source, body, ...where }, `module "${name}"`);
  }
  const typed = isRecord(json.resource) ? json.resource : {};
  const claimed = new Set<number>();
  for (const [type, byName] of Object.entries(typed)) {
    for (const [name, body] of namedBlocks(byName)) {
      const block = blockOf('resource', type, name);
      const decl: ResourceDecl = { type, name, body, suppressions: [], file: file.name };
      if (block) {
        decl.line = block.line;
        decl.suppressions = suppressionsFor(file, lines, block.line, block.endLine, claimed);
      }
      unique(config.resources, `${type}.${name}`, decl, `resource "${type}" "${name}"`);
    }
  }
  for (const ignore of file.scan.ignores) {
    if (!claimed.has(ignore.line)) {
      config.strayIgnores.push({
        file: file.name,
        line: ignore.line,
        reason: 'is not on the line above a resource block or inside one, so it applies to nothing',
      });
    }
  }
}

/**
 * `# tollgate:ignore RULE REASON` inside the block, or in the run of comment lines right above it.
 */
function suppressionsFor(
  file: ParsedFile,
  lines: string[],
  start: number,
  end: number,
  claimed: Set<number>,
): Suppression[] {
  let first = start;
  while (first > 1 && /^\s*(#|\/\/)/.test(lines[first - 2] ?? '')) first--;
  const out: Suppression[] = [];
  for (const ignore of file.scan.ignores) {
    if (ignore.line < first || ignore.line > end) continue;
    claimed.add(ignore.line);
    const [rule = '', ...rest] = ignore.text.split(/\s+/);
    const s: Suppression = { rule, line: ignore.line };
    const reason = rest.join(' ').trim();
    if (reason !== '') s.reason = reason;
    out.push(s);
  }
  return out;
}

function localAt(file: ParsedFile, name: string): Declared {
  const m = new RegExp(`^[ \\t]*${escapeRegExp(name)}[ \\t]*=`, 'm').exec(file.text);
  if (!m) return { file: file.name };
  return { file: file.name, line: file.text.slice(0, m.index).split('\n').length };
}

function typeOf(raw: unknown, file: ParsedFile, line: number | undefined, name: string): Type {
  try {
    return parseType(raw);
  } catch (err) {
    if (err instanceof EvalError) throw new InputError(file.name, `variable "${name}": ${err.message}`, line);
    throw err;
  }
}

function unique<T extends Declared>(map: Map<string, T>, key: string, value: T, what: string): void {
  const previous = map.get(key);
  if (previous) {
    const where = previous.line ? `${previous.file}:${previous.line}` : previous.file;
    throw new InputError(value.file, `${what} is declared twice (also at ${where})`, value.line);
  }
  map.set(key, value);
}

/** hcl2json gives `{name: [body]}`; .tf.json files may give `{name: body}`. */
function namedBlocks(value: unknown): [string, Body][] {
  if (!isRecord(value)) return [];
  const out: [string, Body][] = [];
  for (const [name, bodies] of Object.entries(value)) {
    for (const body of blockList(bodies)) out.push([name, body]);
  }
  return out;
}

function blockList(value: unknown): Body[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
