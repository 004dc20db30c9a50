/**
 * One manifest file's Kubernetes objects, each with its source line: multi-document YAML (or JSON)
 * read as YAML 1.1, as Kubernetes reads it (`yes` is true, `0644` is octal), `kind: List` expanded.
 *
 * What a hostile or broken file gets: a syntax error is an error at its line; a document bigger than
 * the API server would accept for one object, or one that expands too many aliases (a "billion
 * laughs" bomb), is refused before it is expanded. Documents that are not Kubernetes objects (no
 * apiVersion and kind: CI configuration, values files) are skipped and counted.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { InputError } from '../../errors.ts';
import { isRecord } from '../../kubernetes/kinds.ts';
import type { ManifestFile } from './files.ts';
import { yamlSyntaxError } from '../../util/yaml-position.ts';

/** A path in an object: keys and list indexes. */
export type Path = readonly (string | number)[];

/** Finds the lines of places inside one object. */
export interface Locator {
  /** The line of the value at `path` (or of the nearest ancestor that exists). */
  line(path: Path): number;
  /** The line of the key of `path` (`metadata:`), else that of its value. */
  keyLine(path: Path): number;
}

export interface ParsedObject {
  object: Record<string, unknown>;
  /** 1-based line where the object's mapping starts. */
  line: number;
  locate: Locator;
}

export interface ParsedFile {
  objects: ParsedObject[];
  /** Every non-empty document's data, objects or not (a kustomization needs no apiVersion or kind). */
  documents: unknown[];
  /** Documents that are not Kubernetes objects (no apiVersion and kind), skipped. */
  skipped: number;
}

/**
 * The API server refuses requests over 3 MiB, so no single object is bigger; a document beyond that
 * is refused before it is turned into data.
 */
const MAX_OBJECT_BYTES = 3 * 1024 * 1024;
/** Aliases a document may expand (the yaml library's default): anchors in real manifests stay far below. */
const MAX_ALIASES = 100;

export function parseManifest(file: ManifestFile): ParsedFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(file.text, { lineCounter, version: '1.1', prettyErrors: false });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const result: ParsedFile = { objects: [], documents: [], skipped: 0 };
  for (const [index, doc] of docs.entries()) {
    const error = doc.errors[0];
    if (error) {
      const { message, line, col } = yamlSyntaxError(file.text, error, lineCounter);
      throw new InputError(file.name, message, line, col);
    }
    const root = doc.contents;
    if (root === null) continue;
    const where = lineAt(root.range?.[0] ?? 0);
    const kind = isMap(root) ? scalarAt(root, 'kind') : undefined;
    const list = isMap(root) && kind?.endsWith('List') ? root.get('items', true) : undefined;
    const pieces: Node[] = isSeq(list) ? (list.items as Node[]) : [root];
    for (const piece of pieces) {
      const [start, , end] = piece.range ?? [0, 0, 0];
      if (end - start > MAX_OBJECT_BYTES) {
        throw new InputError(
          file.name,
          `document ${index + 1} is ${(end - start) / 1024 / 1024 > 99 ? 'over 99' : ((end - start) / 1024 / 1024).toFixed(1)} MiB, more than the 3 MiB the Kubernetes API accepts for one object`,
          lineAt(start),
        );
      }
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (err) {
      if (err instanceof ReferenceError)
        throw new InputError(
          file.name,
          `document ${index + 1} expands YAML aliases too many times (more than ${MAX_ALIASES}; an alias bomb?): refused`,
          where,
        );
      throw err;
    }
    // An empty document (`---` with only comments) is nothing, not a mistake.
    if (data === null || data === undefined) continue;
    result.documents.push(data);
    if (!isRecord(data)) {
      if (file.walked) {
        result.skipped++;
        continue;
      }
      throw new InputError(
        file.name,
        `document ${index + 1} is ${describe(data)}, not a Kubernetes object (expected a mapping with apiVersion and kind)`,
        where,
      );
    }
    const items = isSeq(list) && Array.isArray(data.items) ? (data.items as unknown[]) : [data];
    items.forEach((item, i) => {
      const node = pieces[i] as Node;
      const line = lineAt(node.range?.[0] ?? 0);
      const object = kubernetesObject(file, item, line, isSeq(list));
      if (!object) {
        result.skipped++;
        return;
      }
      result.objects.push({ object, line, locate: locator(node, lineAt) });
    });
  }
  return result;
}

/**
 * The item as a Kubernetes object, or undefined when it is none (no apiVersion and kind). One of the
 * two without the other is a broken manifest in a file the user named.
 */
function kubernetesObject(
  file: ManifestFile,
  item: unknown,
  line: number,
  inList: boolean,
): Record<string, unknown> | undefined {
  if (!isRecord(item)) {
    if (inList)
      throw new InputError(file.name, `a List item is ${describe(item)}, not a Kubernetes object`, line);
    return undefined;
  }
  const hasVersion = typeof item.apiVersion === 'string' && item.apiVersion !== '';
  const hasKind = typeof item.kind === 'string' && item.kind !== '';
  if (hasVersion && hasKind) return item;
  if ((hasVersion || hasKind) && !file.walked) {
    const missing = hasVersion ? 'kind' : 'apiVersion';
    throw new InputError(
      file.name,
      `a Kubernetes object needs apiVersion and kind; this one has no ${missing}`,
      line,
    );
  }
  if (inList) throw new InputError(file.name, 'a List item has no apiVersion and kind', line);
  return undefined;
}

function scalarAt(map: Node, key: string): string | undefined {
  if (!isMap(map)) return undefined;
  const value = map.get(key, true);
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value} (${JSON.stringify(value).slice(0, 40)})`;
}

function locator(root: Node, lineAt: (offset: number) => number): Locator {
  const walk = (path: Path): { node: Node; key?: Node } => {
    let node: Node = root;
    let key: Node | undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
        );
        if (!pair || !pair.value) return { node, key };
        key = pair.key as Node;
        node = pair.value as Node;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
        key = undefined;
        node = node.items[seg] as Node;
      } else {
        return { node, key };
      }
    }
    return { node, key };
  };
  return {
    line: (path) => lineAt(walk(path).node.range?.[0] ?? 0),
    keyLine: (path) => {
      const found = walk(path);
      return lineAt((found.key ?? found.node).range?.[0] ?? 0);
    },
  };
}
