import type { ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { PolicyError } from '../errors.ts';
import { closest } from '../util/similar.ts';
import { yamlSyntaxError } from '../util/yaml-position.ts';
import { validatePolicy, validatePolicyTest, validateUsage } from '../schema-validators.generated.ts';

/** A YAML file's plain data plus a way back from any path in it to its line. */
export interface ParsedYamlFile {
  file: string;
  data: Record<string, unknown>;
  lineOf(path: readonly (string | number)[]): number | undefined;
  /** The line of the key naming `path` (`aws_sqs_queue:`), rather than of its value. */
  keyLineOf(path: readonly (string | number)[]): number | undefined;
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** The schemas of tollgate's YAML files, compiled at development time (scripts/gen-validator.mjs). */
const KINDS = {
  policy: { validator: validatePolicy as unknown as Validator, start: 'a policy starts with `version: 1`' },
  usage: { validator: validateUsage as unknown as Validator, start: 'a usage file has `resource_usage:`' },
  test: {
    validator: validatePolicyTest as unknown as Validator,
    start: 'a policy test file has `policy:` and `cases:`',
  },
};

/** Parses and schema-validates one policy file; every failure names the file and line. */
export function parsePolicyFile(file: string, text: string): ParsedYamlFile {
  return parseYamlFile('policy', file, text);
}

/** Parses and schema-validates a YAML file of one of tollgate's kinds; failures name the file and line. */
export function parseYamlFile(kind: keyof typeof KINDS, file: string, text: string): ParsedYamlFile {
  const { validator, start } = KINDS[kind];
  const validate = (data: unknown): ErrorObject[] => (validator(data) ? [] : (validator.errors ?? []));
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const { message, line, col } = yamlSyntaxError(text, syntax, lineCounter);
    throw new PolicyError(file, message, line, col);
  }
  if (doc.contents === null) throw new PolicyError(file, `is empty (${start})`);
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PolicyError(file, `is not a ${kind} file: expected a mapping (${start})`, 1);
  }
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    const node = nodeAt(doc, path);
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const errors = validate(data);
  if (errors.length > 0) {
    const located = errors
      .filter((e) => !['if', 'anyOf', 'oneOf'].includes(e.keyword))
      .map((e) => describe(e, doc, lineCounter))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const first = located[0] ?? describe(errors[0] as ErrorObject, doc, lineCounter);
    const more =
      located.length > 1 ? ` (and ${located.length - 1} more problem${located.length > 2 ? 's' : ''})` : '';
    throw new PolicyError(file, first.message + more, first.line);
  }
  const keyLineOf = (path: readonly (string | number)[]): number | undefined => {
    const offset = keyNodeAt(doc, path)?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { file, data: data as Record<string, unknown>, lineOf, keyLineOf };
}

function describe(error: ErrorObject, doc: Document, lines: LineCounter): { message: string; line?: number } {
  const path = splitPointer(error.instancePath);
  const where = displayPath(path);
  const at = (p: (string | number)[], keyNode = false): number | undefined => {
    const node = keyNode ? keyNodeAt(doc, p) : nodeAt(doc, p);
    return node?.range ? lines.linePos(node.range[0]).line : undefined;
  };
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const hint = closest(key, known);
      const suggestion = hint ? `did you mean "${hint}"?` : `expected one of: ${known.join(', ')}`;
      return {
        message: `unknown key "${key}"${where ? ` in ${where}` : ''} (${suggestion})`,
        line: at([...path, key], true),
      };
    }
    case 'required':
      return {
        message: `${where || 'the policy'} is missing "${String(params.missingProperty)}"`,
        line: at(path),
      };
    case 'type':
      return {
        message: `${where} must be ${article(String(params.type))}, not ${typeName(error.data)}`,
        line: at(path),
      };
    case 'enum':
      return {
        message: `${where} must be one of ${(params.allowedValues as unknown[]).join(', ')} (got ${JSON.stringify(error.data)})`,
        line: at(path),
      };
    case 'const':
      return {
        message: `${where} must be ${JSON.stringify(params.allowedValue)} (got ${JSON.stringify(error.data)})`,
        line: at(path),
      };
    case 'minLength':
    case 'minProperties':
      return { message: `${where} must not be empty`, line: at(path) };
    case 'minItems':
      return { message: `${where} must list at least ${String(params.limit)} item(s)`, line: at(path) };
    case 'minimum':
      return {
        message: `${where} must be at least ${String(params.limit)} (got ${JSON.stringify(error.data)})`,
        line: at(path),
      };
    case 'pattern': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return {
        message: `${where} ${JSON.stringify(error.data)} is not valid${description ? `: ${description}` : ` (must match ${String(params.pattern)})`}`,
        line: at(path),
      };
    }
    default:
      return { message: `${where || 'the policy'} ${error.message ?? 'is invalid'}`, line: at(path) };
  }
}

function splitPointer(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `tags.required[0].pattern`, the way users read paths in their YAML. */
export function displayPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    '',
  );
}

function nodeAt(doc: Document, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      node = pair?.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else {
      return undefined;
    }
  }
  return node as Node | undefined;
}

function keyNodeAt(doc: Document, path: readonly (string | number)[]): Node | undefined {
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!isMap(parent)) return parent;
  const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
  return (pair?.key as Node | undefined) ?? parent;
}

/** What a YAML value is, as an error message names it: `a string ("x")`, `a list`, `null`. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} (${JSON.stringify(value)})`;
}

function article(type: string): string {
  const names: Record<string, string> = { array: 'a list', object: 'a mapping', integer: 'an integer' };
  return names[type] ?? (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
}
