import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One resource change as Terraform writes it, with only what a test cares about given. */
export interface ChangeSpec {
  address: string;
  actions?: string[];
  mode?: 'managed' | 'data';
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  after_unknown?: unknown;
  after_sensitive?: unknown;
  provider_config_key?: string;
  provider_name?: string;
  /** The configuration block's expressions (`{ iops: { references: [...] } }`); default none. */
  expressions?: Record<string, unknown>;
}

export interface PlanSpec {
  format_version?: string;
  resources: ChangeSpec[];
  providers?: Record<string, Record<string, unknown>>;
  variables?: Record<string, unknown>;
}

/** Splits `module.a["k"].aws_x.y[0]` into module address, type, name and index. */
function parts(address: string): { module?: string; type: string; name: string; index?: string | number } {
  const m = /^(?:(.*)\.)?((?:data\.)?[a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(.+)\])?$/.exec(address);
  if (!m) throw new Error(`bad test address ${address}`);
  const [, module, type, name, index] = m;
  const parsedIndex =
    index === undefined ? undefined : index.startsWith('"') ? (JSON.parse(index) as string) : Number(index);
  return { module, type: (type as string).replace(/^data\./, ''), name: name as string, index: parsedIndex };
}

/** A plan with resource_changes and a matching configuration section, like `terraform show -json`. */
export function makePlan(spec: PlanSpec): Record<string, unknown> {
  const rootModule: Record<string, unknown> = { resources: [] as unknown[], module_calls: {} };
  const resourceChanges = spec.resources.map((r) => {
    const p = parts(r.address);
    const mode = r.mode ?? (r.address.includes('data.') ? 'data' : 'managed');
    const actions = r.actions ?? ['create'];
    const rc: Record<string, unknown> = {
      address: r.address,
      mode,
      type: p.type,
      name: p.name,
      provider_name: r.provider_name ?? `registry.terraform.io/hashicorp/${p.type.split('_')[0]}`,
      change: {
        actions,
        before: r.before ?? null,
        after: actions.includes('delete') && !actions.includes('create') ? null : (r.after ?? {}),
        after_unknown: r.after_unknown ?? {},
        before_sensitive: false,
        after_sensitive: r.after_sensitive ?? {},
      },
    };
    if (p.module) rc.module_address = p.module;
    if (p.index !== undefined) rc.index = p.index;
    addConfig(rootModule, p, mode, r.provider_config_key ?? p.type.split('_')[0] ?? 'aws', r.expressions);
    return rc;
  });
  const plan: Record<string, unknown> = {
    format_version: spec.format_version ?? '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: {} },
    resource_changes: resourceChanges,
    configuration: { provider_config: spec.providers ?? {}, root_module: rootModule },
  };
  if (spec.variables)
    plan.variables = Object.fromEntries(Object.entries(spec.variables).map(([k, v]) => [k, { value: v }]));
  return plan;
}

function addConfig(
  root: Record<string, unknown>,
  p: { module?: string; type: string; name: string },
  mode: string,
  providerConfigKey: string,
  expressions: Record<string, unknown> = {},
): void {
  let module = root;
  for (const call of (p.module ?? '').split('.module.').filter(Boolean)) {
    const name = call.replace(/^module\./, '').replace(/\[.*\]$/, '');
    const calls = module.module_calls as Record<string, { module: Record<string, unknown> }>;
    calls[name] ??= { module: { resources: [], module_calls: {} } };
    module = calls[name].module;
  }
  const resources = module.resources as Record<string, unknown>[];
  const address = `${mode === 'data' ? 'data.' : ''}${p.type}.${p.name}`;
  if (!resources.some((r) => r.address === address)) {
    resources.push({
      address,
      mode,
      type: p.type,
      name: p.name,
      provider_config_key: providerConfigKey,
      expressions,
    });
  }
}

/** An AWS provider configuration block as the plan's configuration section holds it. */
export function awsProvider(options: {
  region?: string;
  defaultTags?: Record<string, string> | { references: string[] };
}) {
  const expressions: Record<string, unknown> = {};
  if (options.region) expressions.region = { constant_value: options.region };
  if (options.defaultTags) {
    const tags =
      'references' in options.defaultTags ? options.defaultTags : { constant_value: options.defaultTags };
    expressions.default_tags = [{ tags }];
  }
  return { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions };
}

/** Writes JSON (or text) to a fresh temp file and returns its path. */
export function writeTemp(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-test-'));
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** A policy file in a fresh temp directory. */
export function writePolicy(yaml: string, name = 'policy.yaml'): string {
  return writeTemp(name, yaml);
}
