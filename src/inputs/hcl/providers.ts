/**
 * Which provider configuration each resource uses, and what tollgate needs from it: the region and
 * the AWS `default_tags`. Follows Terraform: a resource uses `provider = aws.x` or the default `aws` of
 * its module; a child module inherits its parent's default (unaliased) configurations unless its
 * module block passes `providers = { ... }`, and a provider block inside the module overrides both.
 * Keys are written as the plan writes provider_config_key: `aws`, `aws.env`, `module.m:aws`.
 */
import type { ProviderDecl } from './config.ts';
import { isObject, Unknown, type Value } from './value.ts';

export interface ProviderInfo {
  key: string;
  region?: string;
  /** Known default tags; 'unresolved' when the map itself is not known. */
  defaultTags?: Record<string, string> | 'unresolved';
  /** Default tag keys whose values are not known statically. */
  unknownDefaultTags?: string[];
  /** Why, by key. */
  unknownDefaultTagReasons?: Record<string, string>;
}

export type ProviderMap = Map<string, () => ProviderInfo>;

/** The local key of a provider block: `aws` or `aws.alias`. */
export function localKey(decl: ProviderDecl): string {
  return decl.alias ? `${decl.name}.${decl.alias}` : decl.name;
}

/** `module.a.module.b:aws` for a module's own configuration, `aws` at the root. */
export function configKey(configPath: string, local: string): string {
  return configPath ? `${configPath}:${local}` : local;
}

/** What the evaluated `region` and `default_tags` of a provider block say. */
export function describeProvider(key: string, region: Value, defaultTags: Value | undefined): ProviderInfo {
  const info: ProviderInfo = { key };
  if (typeof region === 'string' && region !== '') info.region = region;
  if (defaultTags === undefined || defaultTags === null) return info;
  if (!isObject(defaultTags)) {
    info.defaultTags = 'unresolved';
    return info;
  }
  const known: Record<string, string> = {};
  const unknown: string[] = [];
  const reasons: Record<string, string> = {};
  for (const [k, v] of Object.entries(defaultTags)) {
    if (v instanceof Unknown) {
      unknown.push(k);
      reasons[k] = v.reason;
    } else if (v !== null) known[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  info.defaultTags = known;
  if (unknown.length > 0) {
    info.unknownDefaultTags = unknown;
    info.unknownDefaultTagReasons = reasons;
  }
  return info;
}

/** `"${aws.env}"` → `aws.env`. */
export function providerReference(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const m =
    /^\$\{\s*([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?)\s*\}$/.exec(raw) ??
    /^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?)$/.exec(raw);
  return m?.[1];
}
