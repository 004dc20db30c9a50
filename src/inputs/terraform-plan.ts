import { InputError } from '../errors.ts';
import { shortProviderName, stripInstanceKeys } from '../model/address.ts';
import type { Action, Attributes, Resource } from '../model/resource.ts';
import { streamTopLevel } from './json-stream.ts';
import { parseJson, readInputChunks, readInputText } from './read.ts';
import { effectiveTags, isPlainObject, priorTags, scalarText } from './terraform-tags.ts';
import { isAwsRegion } from '../util/region.ts';
import { zoneOfAz } from '../util/zone.ts';

/** What the report says about a plan it read. */
export interface PlanMeta {
  kind: 'terraform-plan';
  path: string;
  format_version: string;
  terraform_version?: string;
}

export interface PlanInput {
  meta: PlanMeta;
  resources: Resource[];
}

interface Expression {
  constant_value?: unknown;
  references?: string[];
}

interface ProviderConfig {
  name?: string;
  module_address?: string;
  expressions?: Record<string, unknown>;
}

interface ConfigModule {
  resources?: Attributes[];
  module_calls?: Record<string, { module?: ConfigModule; expressions?: Record<string, Expression> }>;
}

const WANTED = new Set(['format_version', 'terraform_version', 'variables', 'configuration']);
const EXPECTED = 'the JSON output of `terraform show -json PLANFILE`';

/** Reads a plan file (or `-` for stdin), streaming it: see json-stream.ts for why. */
export function readTerraformPlan(path: string): PlanInput {
  const { name, chunks } = readInputChunks(path);
  return parsePlan(name, chunks, () => readInputText(path).text);
}

/** Parses the JSON of `terraform show -json PLANFILE` into resources. `name` is used in errors. */
export function parseTerraformPlan(name: string, text: string): PlanInput {
  return parsePlan(name, [Buffer.from(text)], () => text);
}

function parsePlan(name: string, chunks: Iterable<Uint8Array>, fullText: () => string): PlanInput {
  const changes: unknown[] = [];
  const streamed = streamTopLevel(chunks, {
    whole: WANTED,
    each: new Map([['resource_changes', (rc) => changes.push(rc)]]),
  });
  let plan: unknown;
  if (streamed) {
    // Skipped members are present but not parsed; only their presence matters to checkShape.
    const root: Record<string, unknown> = Object.fromEntries(streamed.keys.map((k) => [k, null]));
    for (const [k, v] of streamed.values) root[k] = v;
    if (streamed.keys.includes('resource_changes') && !streamed.values.has('resource_changes')) {
      root.resource_changes = changes;
    }
    plan = root;
  } else {
    // Malformed: a full parse locates the error (and copes with anything the scanner is unsure of).
    plan = parseJson(name, fullText(), EXPECTED);
  }
  const root = checkShape(name, plan);
  const context = new PlanContext(root);
  const resources: Resource[] = [];
  for (const [i, rc] of ((root.resource_changes as unknown[] | undefined) ?? []).entries()) {
    if (!isPlainObject(rc)) throw new InputError(name, `resource_changes[${i}] is not an object`);
    const resource = toResource(name, rc, context);
    if (resource) resources.push(resource);
  }
  const meta: PlanMeta = {
    kind: 'terraform-plan',
    path: name,
    format_version: root.format_version as string,
  };
  if (typeof root.terraform_version === 'string') meta.terraform_version = root.terraform_version;
  return { meta, resources };
}

function checkShape(name: string, plan: unknown): Record<string, unknown> {
  const expected = `expected ${EXPECTED}`;
  if (!isPlainObject(plan))
    throw new InputError(name, `is not a Terraform plan: not a JSON object (${expected})`);
  const version = plan.format_version;
  if (typeof version !== 'string') {
    throw new InputError(name, `is not a Terraform plan: it has no format_version (${expected})`);
  }
  if (!/^[01]\.\d+$/.test(version)) {
    throw new InputError(
      name,
      `has unsupported plan format_version "${version}" (tollgate reads 0.x and 1.x)`,
    );
  }
  const isPlan = 'resource_changes' in plan || 'planned_values' in plan;
  if (!isPlan && 'values' in plan) {
    throw new InputError(name, `is Terraform state, not a plan (${expected})`);
  }
  if (!isPlan)
    throw new InputError(name, `is not a Terraform plan: it has no resource_changes (${expected})`);
  if (plan.resource_changes !== undefined && !Array.isArray(plan.resource_changes)) {
    throw new InputError(name, 'is not a Terraform plan: resource_changes is not a list');
  }
  return plan;
}

const ACTION_MAP: Record<string, Action> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  'no-op': 'no-op',
  'delete,create': 'replace',
  'create,delete': 'replace',
  // `removed` blocks (Terraform 1.7+) stop managing the object but leave it, and its bill, in place.
  forget: 'no-op',
};

function toResource(name: string, rc: Record<string, unknown>, context: PlanContext): Resource | undefined {
  const address = rc.address;
  const type = rc.type;
  if (typeof address !== 'string' || typeof type !== 'string') {
    throw new InputError(name, 'is not a Terraform plan: a resource change has no address or type');
  }
  if (rc.mode === 'data' || (rc.mode === undefined && /(^|\.)data\./.test(address))) return undefined;
  const change = isPlainObject(rc.change) ? rc.change : {};
  const actions = Array.isArray(change.actions) ? change.actions.join(',') : '';
  if (actions === 'read') return undefined;
  const action = ACTION_MAP[actions];
  if (!action) throw new InputError(name, `${address}: unknown change actions [${actions}]`);

  const module = typeof rc.module_address === 'string' ? rc.module_address : undefined;
  const before = isPlainObject(change.before) ? change.before : null;
  const after = isPlainObject(change.after) ? change.after : null;
  const config = context.configFor(module, type, String(rc.name));
  const providerKey =
    typeof config?.provider_config_key === 'string' ? config.provider_config_key : undefined;
  const provider = shortProviderName(
    typeof rc.provider_name === 'string' ? rc.provider_name : (type.split('_')[0] ?? type),
  );
  const providerConfig = context.providerConfig(providerKey, module, provider);

  const resource: Resource = {
    address: typeof rc.deposed === 'string' ? `${address} (deposed ${rc.deposed})` : address,
    type,
    name: String(rc.name),
    provider,
    action,
    before,
    after,
    afterUnknown: change.after_unknown ?? {},
    beforeSensitive: change.before_sensitive ?? {},
    afterSensitive: change.after_sensitive ?? {},
    origin: { kind: 'terraform-plan', path: name },
  };
  if (module) resource.module = module;
  if (providerConfig.key) resource.providerKey = providerConfig.key;
  if (config) resource.config = config;
  const region = regionOf(after, before, providerConfig.region);
  if (region) resource.region = region;
  if (after) {
    const tags = effectiveTags({
      type,
      after,
      afterUnknown: resource.afterUnknown,
      afterSensitive: resource.afterSensitive,
      defaultTags: providerConfig.defaultTags,
      providerKey: providerConfig.key ?? provider,
    });
    if (tags) resource.tags = tags;
  }
  const tagsBefore = priorTags(type, before);
  if (tagsBefore) resource.tagsBefore = tagsBefore;
  return resource;
}

/**
 * The resource's own `region` (AWS provider 6 has one per resource) wins over the provider's; a
 * provider region that is not a constant falls back to what the resource's ARN or zone says.
 */
export function regionOf(
  after: Attributes | null,
  before: Attributes | null,
  providerRegion?: string,
): string | undefined {
  for (const values of [after, before]) {
    if (typeof values?.region === 'string' && isAwsRegion(values.region)) return values.region;
  }
  if (providerRegion) return providerRegion;
  for (const values of [after, before]) {
    if (!values) continue;
    // AWS provider 5 keeps some resources' ARN only in `id` (an ECS service, say).
    const arn = typeof values.arn === 'string' ? values.arn : typeof values.id === 'string' ? values.id : '';
    const arnRegion = arn.startsWith('arn:') ? arn.split(':')[3] : undefined;
    if (arnRegion && isAwsRegion(arnRegion)) return arnRegion;
    const zone = values.availability_zone;
    if (typeof zone === 'string') {
      if (isAwsRegion(zone.slice(0, -1))) return zone.slice(0, -1);
      // A Local or Wavelength Zone belongs to a region too (`us-west-2-lax-1a` to us-west-2).
      const parent = zoneOfAz(zone)?.region;
      if (parent && isAwsRegion(parent)) return parent;
    }
  }
  return undefined;
}

interface ResolvedProvider {
  key?: string;
  region?: string;
  defaultTags?: Record<string, string> | 'unresolved';
}

/** Indexes of a plan's `configuration` section: resource blocks and provider configurations. */
class PlanContext {
  private readonly configs = new Map<string, Attributes>();
  private readonly modules = new Map<string, ConfigModule>();
  private readonly providers: Record<string, ProviderConfig>;
  private readonly variables: Record<string, unknown>;
  private readonly resolved = new Map<string, ResolvedProvider>();
  private readonly moduleKeys = new Map<string, string>();

  constructor(plan: Record<string, unknown>) {
    const configuration = isPlainObject(plan.configuration) ? plan.configuration : {};
    this.providers = (
      isPlainObject(configuration.provider_config) ? configuration.provider_config : {}
    ) as Record<string, ProviderConfig>;
    this.variables = isPlainObject(plan.variables) ? plan.variables : {};
    if (isPlainObject(configuration.root_module)) this.indexModule(configuration.root_module, '');
  }

  private indexModule(module: ConfigModule, prefix: string): void {
    this.modules.set(prefix, module);
    for (const block of module.resources ?? []) {
      if (block.mode === 'data' || typeof block.address !== 'string') continue;
      this.configs.set(prefix ? `${prefix}.${block.address}` : block.address, block);
    }
    for (const [callName, call] of Object.entries(module.module_calls ?? {})) {
      if (call.module)
        this.indexModule(call.module, prefix ? `${prefix}.module.${callName}` : `module.${callName}`);
    }
  }

  /** `module.a["x"].module.b[0]` → `module.a.module.b`, the form configuration uses; cached per module. */
  private configModule(moduleAddress: string | undefined): string {
    if (!moduleAddress) return '';
    let module = this.moduleKeys.get(moduleAddress);
    if (module === undefined) {
      module = stripInstanceKeys(moduleAddress);
      this.moduleKeys.set(moduleAddress, module);
    }
    return module;
  }

  configFor(moduleAddress: string | undefined, type: string, name: string): Attributes | undefined {
    const module = this.configModule(moduleAddress);
    return this.configs.get(module ? `${module}.${type}.${name}` : `${type}.${name}`);
  }

  /**
   * Finds the provider configuration a resource uses. Keys come in two generations: Terraform ≥ 0.15
   * writes the resolved key (`aws`, `aws.paris`, `module.child:aws`); older versions write
   * `<module call>:<local name>` and list requirement-only entries for modules that inherit their
   * parent's provider, so those are walked up to the nearest configuration with expressions.
   */
  providerConfig(
    key: string | undefined,
    moduleAddress: string | undefined,
    provider: string,
  ): ResolvedProvider {
    const module = this.configModule(moduleAddress);
    const cacheKey = `${key ?? ''}|${module}|${provider}`;
    let resolved = this.resolved.get(cacheKey);
    if (!resolved) {
      resolved = this.resolveProvider(key, module, provider);
      this.resolved.set(cacheKey, resolved);
    }
    return resolved;
  }

  private resolveProvider(key: string | undefined, module: string, provider: string): ResolvedProvider {
    const direct = key !== undefined ? this.providers[key] : undefined;
    if (key !== undefined && direct?.expressions) return this.describe(key, direct);
    const localName = key?.includes(':') ? key.slice(key.lastIndexOf(':') + 1) : (key ?? provider);
    const keyModule =
      key?.startsWith('module.') && key.includes(':') ? key.slice(0, key.lastIndexOf(':')) : module;
    for (let scope = keyModule; ; scope = parentModule(scope)) {
      const candidate = scope ? `${scope}:${localName}` : localName;
      const config = this.providers[candidate];
      if (config?.expressions) return this.describe(candidate, config);
      if (!scope) break;
    }
    return { key: key ?? localName };
  }

  private describe(key: string, config: ProviderConfig): ResolvedProvider {
    const expressions = config.expressions ?? {};
    const scope = config.module_address ?? '';
    const result: ResolvedProvider = { key };
    const region = this.evaluate(expressions.region as Expression | undefined, scope);
    if (typeof region === 'string' && isAwsRegion(region)) result.region = region;
    const blocks = expressions.default_tags;
    if (Array.isArray(blocks) && blocks.length > 0) {
      const tags = (blocks[0] as Record<string, Expression | undefined>).tags;
      // Only a constant is trusted: a reference list cannot tell `var.t` from `merge(var.t, {...})`.
      if (tags && 'constant_value' in tags && isPlainObject(tags.constant_value)) {
        result.defaultTags = Object.fromEntries(
          Object.entries(tags.constant_value).map(([k, v]) => [k, scalarText(v)] as const),
        );
      } else if (tags) {
        result.defaultTags = 'unresolved';
      }
    }
    return result;
  }

  /** A constant, or a lone `var.x` reference resolved from the plan's variables or the module call. */
  private evaluate(expression: Expression | undefined, scope: string): unknown {
    if (!expression) return undefined;
    if ('constant_value' in expression) return expression.constant_value;
    const refs = expression.references ?? [];
    const variable = refs.length === 1 ? /^var\.([\w-]+)$/.exec(refs[0] ?? '')?.[1] : undefined;
    if (!variable) return undefined;
    if (!scope) {
      const v = this.variables[variable];
      return isPlainObject(v) ? v.value : undefined;
    }
    const parent = parentModule(scope);
    const callName = scope.slice(scope.lastIndexOf('module.') + 'module.'.length);
    const call = this.modules.get(parent)?.module_calls?.[callName];
    return this.evaluate(call?.expressions?.[variable], parent);
  }
}

function parentModule(module: string): string {
  const i = module.lastIndexOf('.module.');
  return i === -1 ? '' : module.slice(0, i);
}
