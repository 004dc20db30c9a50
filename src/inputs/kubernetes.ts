/**
 * Kubernetes manifests (`--k8s PATH`): files, directories searched recursively for .yaml/.yml/.json,
 * or standard input (`helm template ... | tollgate check --k8s -`). Every object becomes a Resource
 * (see kubernetes/to-resource.ts); without a base every object is a `create`. With `--base-ref REF`
 * the same paths are read at that commit, or with `--k8s-base PATH` from other files, and objects are
 * matched by group, kind, namespace and name: created, changed, unchanged or deleted.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.ts';
import { checkoutAt } from '../io/git-checkout.ts';
import { at, groupOf, isRecord } from '../kubernetes/kinds.ts';
import type { Finding } from '../model/finding.ts';
import type { Resource } from '../model/resource.ts';
import { diffResources } from './delta.ts';
import { manifestFiles } from './kubernetes/files.ts';
import {
  kustomizeLayout,
  nearestKustomization,
  patchOf,
  type KustomizeLayout,
} from './kubernetes/kustomize.ts';
import { parseManifest } from './kubernetes/parse.ts';
import { toResource } from './kubernetes/to-resource.ts';
import { STDIN } from './read.ts';

export interface ManifestMeta {
  kind: 'kubernetes';
  path: string;
  /** Manifest files read and Kubernetes objects found in them. */
  files: number;
  objects: number;
  /** Documents that are not Kubernetes objects (CI configuration, values files): skipped. */
  documents_skipped?: number;
  /** With a base: the git ref, or the `--k8s-base` path, the objects were compared with. */
  base_ref?: string;
  base_path?: string;
}

export interface ManifestInput {
  meta: ManifestMeta;
  resources: Resource[];
  /** Files of a directory that are templates rather than manifests, noted as not read. */
  findings: Finding[];
}

export interface ManifestOptions {
  cwd: string;
  /** Namespace of objects that name none (`--namespace`); `default` otherwise. */
  namespace?: string;
  /** `kubernetes.pricing.region` of the policy. */
  region?: string;
}

/** What the objects are compared with: the same paths at a git ref, or other paths, one per path. */
export type ManifestBase = { ref: string } | { paths: string[] };

export function readManifests(paths: readonly string[], options: ManifestOptions): ManifestInput[] {
  return paths.map((path) => readManifestPath(path, options, path));
}

/** The inputs compared with their base: created, changed, unchanged and deleted objects. */
export function readManifestDelta(
  paths: readonly string[],
  options: ManifestOptions,
  base: ManifestBase,
): ManifestInput[] {
  const head = readManifests(paths, options);
  if ('paths' in base) {
    if (base.paths.length !== paths.length) {
      throw new UsageError(
        `--k8s-base is given ${base.paths.length} time(s) and --k8s ${paths.length}: give one base per --k8s path, in the same order`,
      );
    }
    return head.map((input, i) => {
      const basePath = base.paths[i] as string;
      const old = readManifestPath(basePath, options, input.meta.path).resources;
      return compared(input, old, { base_path: basePath === '-' ? STDIN : basePath });
    });
  }
  if (paths.includes('-')) {
    throw new UsageError(
      '--base-ref cannot read standard input at another commit; give the base manifests with --k8s-base',
    );
  }
  const checkout = checkoutAt(base.ref, options.cwd);
  try {
    const root = realpathSync(checkout.repoRoot);
    return head.map((input) => {
      const rel = relative(root, realpathSync(resolve(options.cwd, input.meta.path)));
      if (rel.startsWith('..') || isAbsolute(rel))
        throw new UsageError(`--base-ref: ${input.meta.path} is outside the git repository`);
      const atBase = join(checkout.dir, rel);
      let old: Resource[] = [];
      if (existsSync(atBase)) {
        try {
          old = readManifestPath(atBase, options, input.meta.path).resources;
        } catch (err) {
          if (err instanceof InputError)
            throw new InputError(err.file, `at --base-ref ${base.ref}: ${err.detail}`, err.line, err.column);
          throw err;
        }
      }
      return compared(input, old, { base_ref: base.ref });
    });
  } finally {
    checkout.cleanup();
  }
}

/**
 * Objects are the same object across versions of their API (`apps/v1beta2` → `apps/v1`): matched by
 * group, kind, namespace and name; the address is the head's.
 */
function identity(r: Resource): string {
  const k = r.kubernetes;
  return k ? `${k.group}/${k.kind}/${k.namespace ?? ''}/${r.name}` : r.address;
}

function compared(input: ManifestInput, base: Resource[], meta: Partial<ManifestMeta>): ManifestInput {
  const resources = rescaled(diffResources(base, input.resources, identity));
  return { ...input, meta: { ...input.meta, ...meta }, resources };
}

/**
 * A workload whose HorizontalPodAutoscaler is created, changed or deleted changes too, even when its
 * own manifest does not: the autoscaler owns its replica count, and so its cost.
 */
function rescaled(resources: Resource[]): Resource[] {
  const targets = new Set<string>();
  for (const r of resources) {
    if (r.kubernetes?.kind !== 'HorizontalPodAutoscaler' || r.action === 'no-op') continue;
    for (const object of [r.before, r.after]) {
      const ref = at(object, ['spec', 'scaleTargetRef']);
      if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
      const group = typeof ref.apiVersion === 'string' ? groupOf(ref.apiVersion) : '*';
      targets.add(`${group}/${ref.kind}/${r.kubernetes.namespace ?? ''}/${ref.name}`);
    }
  }
  if (targets.size === 0) return resources;
  return resources.map((r) => {
    const k = r.kubernetes;
    if (r.action !== 'no-op' || !k) return r;
    const tail = `${k.kind}/${k.namespace ?? ''}/${r.name}`;
    return targets.has(`${k.group}/${tail}`) || targets.has(`*/${tail}`) ? { ...r, action: 'update' } : r;
  });
}

/** One `--k8s` path; `shown` is how its files are named (a base checkout is shown as the head path). */
function readManifestPath(path: string, options: ManifestOptions, shown: string): ManifestInput {
  const origin = shown === '-' ? STDIN : shown;
  const files = manifestFiles(path, options.cwd, origin);
  const meta: ManifestMeta = { kind: 'kubernetes', path: origin, files: files.length, objects: 0 };
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  const seen = new Map<string, Resource>();
  const kustomize = kustomizeLayout(files);
  let skipped = 0;
  for (const file of files) {
    const patch = patchOf(kustomize, file);
    if (patch) {
      findings.push(patchNotRead(file.name, origin, patch.kustomization, patch.field));
      continue;
    }
    let found: Resource[];
    try {
      const parsed = kustomize?.parsed.get(file.name) ?? parseManifest(file);
      skipped += parsed.skipped;
      found = [];
      for (const object of parsed.objects) {
        const resource = toResource(object, {
          file: file.name,
          origin,
          namespace: options.namespace ?? 'default',
          walked: file.walked,
          ...(options.region !== undefined ? { region: options.region } : {}),
        });
        if (resource) found.push(resource);
        else skipped++;
      }
    } catch (err) {
      // Helm charts keep Go templates next to manifests: in a directory, such a file is not a manifest.
      if (!(err instanceof InputError) || !file.walked || !file.text.includes('{{')) throw err;
      findings.push(notRead(file.name, origin, err));
      continue;
    }
    for (const r of found) {
      const key = identity(r);
      const earlier = seen.get(key);
      if (earlier) {
        const here = r.source?.file ?? origin;
        const there = earlier.source?.file ?? origin;
        throw new InputError(
          here,
          `${r.address} is defined twice in this --k8s path (also at ${there}:${earlier.source?.line ?? '?'}); ${twiceHint(kustomize, [here, there])}`,
          r.source?.line,
        );
      }
      seen.set(key, r);
      resources.push(r);
    }
  }
  meta.objects = resources.length;
  if (skipped > 0) meta.documents_skipped = skipped;
  return { meta, resources, findings };
}

/**
 * What to do about an object defined twice: give each environment its own --k8s path; in a kustomize
 * tree, which tollgate does not render, check what an overlay builds.
 */
function twiceHint(kustomize: KustomizeLayout | undefined, files: string[]): string {
  if (!kustomize) return 'give different environments as separate --k8s paths';
  const kustomization = nearestKustomization(kustomize, files);
  return `kustomize overlays are not rendered (${kustomization}): pass one overlay's build, \`kustomize build ${dirname(kustomization)} | tollgate check --k8s -\`, or each overlay's directory as its own --k8s path`;
}

/** A file a kustomization lists as a patch: part of an object, which only kustomize can complete. */
function patchNotRead(file: string, origin: string, kustomization: string, field: string): Finding {
  return {
    rule: 'k8s.not-read',
    severity: 'info',
    address: file,
    origin,
    source: { file },
    message: `not read: a kustomize patch (${kustomization} lists it under ${field}), not a whole object; tollgate does not apply patches`,
    fix: `To check what the overlay deploys, render it: kustomize build ${dirname(kustomization)} | tollgate check --k8s -`,
  };
}

function notRead(file: string, origin: string, err: InputError): Finding {
  return {
    rule: 'k8s.not-read',
    severity: 'info',
    address: file,
    origin,
    source: err.line === undefined ? { file } : { file, line: err.line },
    message: `not read: it looks like a template (it has {{ }}) rather than a manifest (${err.detail})`,
    fix: 'Render it first (helm template ... | tollgate check --k8s -), or leave it out of the --k8s path.',
  };
}
