import { PolicyError } from '../errors.ts';
import { SERVICES } from '../cost/catalog/skus.ts';
import { dec } from '../cost/money.ts';
import { instanceShape, knownInstanceTypes } from '../cost/resources/aws/shared/instance-types.ts';
import { closest } from '../util/similar.ts';
import type { LabelTarget } from '../model/kubernetes.ts';
import type {
  KubernetesSettings,
  Policy,
  PolicyLocation,
  PricingSettings,
  TagPolicy,
  TagRequirement,
} from '../model/policy.ts';
import { compileBudgets } from './budgets.ts';
import { orderWithPacks, type PolicySource } from './extends.ts';
import { compileExemptions } from './exemptions.ts';
import { compileForbidden } from './forbidden.ts';
import { compileRules } from './rules.ts';
import { displayPath, parsePolicyFile, type ParsedYamlFile } from './validate.ts';

export type { PolicySource } from './extends.ts';

/**
 * Parses, validates and merges policy files (already in name order), each after the packs it
 * extends (`sources` holds those too, marked `pack`). Lists concatenate; a setting given twice with
 * different values, a tag key required twice, or two budgets, forbidden entries or rules of one
 * name, is an error naming both places.
 */
export function loadPolicy(sources: readonly PolicySource[]): Policy {
  const main = sources.filter((s) => !s.pack);
  if (main.length === 0) throw new PolicyError('policy', 'no policy files given');
  const parsed = new Map<string, ParsedYamlFile>();
  const parse = (name: string): ParsedYamlFile | undefined => {
    let file = parsed.get(name);
    const source = sources.find((s) => s.name === name);
    if (!file && source) {
      file = parsePolicyFile(source.name, source.text);
      parsed.set(name, file);
    }
    return file;
  };
  const files = orderWithPacks(
    main.map((s) => parse(s.name) as ParsedYamlFile),
    parse,
  );
  const tags = mergeTags(files);
  const showback = single<string[]>(files, ['showback', 'tags']);
  return {
    files: files.map((f) => f.file),
    tags,
    pricing: mergePricing(files),
    showbackTags: showback ?? tags.required.map((r) => r.key),
    kubernetes: mergeKubernetes(files),
    budgets: uniqueNames('budget', files.flatMap(compileBudgets), (b) => b.name),
    forbidden: uniqueNames('forbidden entry', files.flatMap(compileForbidden), (e) => e.name),
    rules: uniqueNames('rule', files.flatMap(compileRules), (r) => r.id),
    exemptions: files.flatMap(compileExemptions),
  };
}

/** Entries of one kind, refusing a name used twice: merged packs must not silently shadow each other. */
function uniqueNames<T extends { at: PolicyLocation }>(
  kind: string,
  entries: T[],
  name: (e: T) => string,
): T[] {
  const seen = new Map<string, T>();
  for (const e of entries) {
    const previous = seen.get(name(e));
    if (previous)
      throw new PolicyError(
        e.at.file,
        `${kind} "${name(e)}" is already defined at ${previous.at.file}:${previous.at.line ?? '?'}; give each ${kind} its own name`,
        e.at.line,
      );
    seen.set(name(e), e);
  }
  return entries;
}

/** A setting that may be given in one file only (or identically in several). */
function single<T>(files: ParsedYamlFile[], path: string[]): T | undefined {
  let found: Setting<T> | undefined;
  for (const f of files) {
    let node: unknown = f.data;
    for (const key of path)
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) continue;
    const setting: Setting<T> = { value: node as T, file: f.file, line: f.lineOf(path) };
    if (found && JSON.stringify(found.value) !== JSON.stringify(setting.value))
      conflict(path, found, setting);
    found = setting;
  }
  return found?.value;
}

function mergePricing(files: ParsedYamlFile[]): PricingSettings {
  const pricing: PricingSettings = { discounts: {} };
  const region = single<string>(files, ['pricing', 'default_region']);
  if (region) pricing.defaultRegion = region;
  const discount = single<number>(files, ['pricing', 'discount_percent']);
  if (discount !== undefined) pricing.discountPercent = dec(discount);
  for (const service of SERVICES) {
    const value = single<number>(files, ['pricing', 'discounts', service]);
    if (value !== undefined) pricing.discounts[service] = dec(value);
  }
  return pricing;
}

/**
 * The `kubernetes:` block. Each setting may be given in one file only; the label map merges key by
 * key (a taxonomy key mapped to two labels is a conflict).
 */
function mergeKubernetes(files: ParsedYamlFile[]): KubernetesSettings {
  const settings: KubernetesSettings = {
    labels: singleMap(files, ['kubernetes', 'labels']),
    labelTargets: single<LabelTarget[]>(files, ['kubernetes', 'label_targets']) ?? ['object', 'pod'],
    pricing: {},
    storageClasses: singleMap(files, ['kubernetes', 'storage_classes']),
    loadBalancer: single<'nlb' | 'clb'>(files, ['kubernetes', 'load_balancer']) ?? 'clb',
    requestsMissing:
      single<KubernetesSettings['requestsMissing']>(files, ['kubernetes', 'requests_missing']) ?? 'warn',
  };
  const region = single<string>(files, ['kubernetes', 'pricing', 'region']);
  if (region !== undefined) settings.pricing.region = region;
  const node = single<string>(files, ['kubernetes', 'pricing', 'node', 'instance_type']);
  if (node !== undefined) settings.pricing.nodeInstanceType = node;
  const cpu = single<number>(files, ['kubernetes', 'pricing', 'cpu_hour']);
  if (cpu !== undefined) settings.pricing.cpuHour = dec(cpu);
  const memory = single<number>(files, ['kubernetes', 'pricing', 'memory_gib_hour']);
  if (memory !== undefined) settings.pricing.memoryGibHour = dec(memory);
  const nodes = single<number>(files, ['kubernetes', 'daemonset_nodes']);
  if (nodes !== undefined) settings.daemonsetNodes = nodes;
  // A node type is how rates not given are derived: a typo would leave every workload unpriced.
  const needed = cpu === undefined || memory === undefined;
  if (node !== undefined && needed && !instanceShape(node)) {
    const path = ['kubernetes', 'pricing', 'node', 'instance_type'];
    const where = files.find((f) => f.lineOf(path) !== undefined);
    const hint = closest(node, knownInstanceTypes());
    throw new PolicyError(
      where?.file ?? 'policy',
      `${displayPath(path)} "${node}" is not an EC2 instance type whose vCPUs and memory tollgate knows${hint ? ` (did you mean "${hint}"?)` : ''}; or give kubernetes.pricing.cpu_hour and memory_gib_hour`,
      where?.lineOf(path),
    );
  }
  return settings;
}

/** A map merged entry by entry across files; an entry given differently in two files is a conflict. */
function singleMap(files: ParsedYamlFile[], path: string[]): Record<string, string> {
  const keys = new Set<string>();
  for (const f of files) {
    let node: unknown = f.data;
    for (const key of path)
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (node && typeof node === 'object') for (const key of Object.keys(node)) keys.add(key);
  }
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = single<string>(files, [...path, key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

interface Setting<T> {
  value: T;
  file: string;
  line?: number;
}

function mergeTags(files: ParsedYamlFile[]): TagPolicy {
  const tags: TagPolicy = { exclude: [], onUnknown: 'warn', required: [] };
  let onUnknown: Setting<TagPolicy['onUnknown']> | undefined;
  const byKey = new Map<string, TagRequirement>();
  for (const f of files) {
    const block = f.data.tags as Record<string, unknown> | undefined;
    if (!block) continue;
    if (Array.isArray(block.applies_to))
      tags.appliesTo = [...(tags.appliesTo ?? []), ...(block.applies_to as string[])];
    if (Array.isArray(block.exclude)) tags.exclude.push(...(block.exclude as string[]));
    if (block.on_unknown !== undefined) {
      const setting = {
        value: block.on_unknown as TagPolicy['onUnknown'],
        file: f.file,
        line: f.lineOf(['tags', 'on_unknown']),
      };
      if (onUnknown && onUnknown.value !== setting.value)
        conflict(['tags', 'on_unknown'], onUnknown, setting);
      onUnknown = setting;
    }
    const required = (block.required as Record<string, unknown>[] | undefined) ?? [];
    required.forEach((raw, i) => {
      const requirement = compileRequirement(f, raw, ['tags', 'required', i]);
      const previous = byKey.get(requirement.key);
      if (previous) {
        throw new PolicyError(
          f.file,
          `tag "${requirement.key}" is already required at ${previous.at.file}:${previous.at.line ?? '?'}; require each key once`,
          requirement.at.line,
        );
      }
      byKey.set(requirement.key, requirement);
      tags.required.push(requirement);
    });
  }
  if (onUnknown) tags.onUnknown = onUnknown.value;
  return tags;
}

function compileRequirement(
  f: ParsedYamlFile,
  raw: Record<string, unknown>,
  path: (string | number)[],
): TagRequirement {
  const ignoreCase = raw.ignore_case === true;
  const requirement: TagRequirement = {
    key: raw.key as string,
    ignoreCase,
    severity: (raw.severity as TagRequirement['severity'] | undefined) ?? 'block',
    at: { file: f.file, line: f.lineOf(path) },
  };
  if (Array.isArray(raw.allowed)) requirement.allowed = raw.allowed as string[];
  if (typeof raw.description === 'string') requirement.description = raw.description;
  if (typeof raw.pattern === 'string') {
    try {
      // Anchored: the whole value must match, not just some part of it.
      requirement.pattern = new RegExp(`^(?:${raw.pattern})$`, ignoreCase ? 'i' : '');
      requirement.patternText = raw.pattern;
    } catch (err) {
      const reason = (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
      throw new PolicyError(
        f.file,
        `${displayPath([...path, 'pattern'])} ${JSON.stringify(raw.pattern)} is not a valid regular expression (${reason})`,
        f.lineOf([...path, 'pattern']),
      );
    }
  }
  return requirement;
}

function conflict<T>(path: (string | number)[], first: Setting<T>, second: Setting<T>): never {
  throw new PolicyError(
    second.file,
    `${displayPath(path)} is ${JSON.stringify(second.value)} here but ${JSON.stringify(first.value)} in ${first.file}:${first.line ?? '?'}; set it in one file`,
    second.line,
  );
}
