/**
 * One instance of a module (the root, or `module.a["k"]`): the scope its expressions see, with
 * variables, locals, module outputs and resource attributes computed on demand and memoized. Locals
 * may refer to each other in any order; a cycle is an input error naming the chain.
 */
import { InputError } from '../../errors.ts';
import { evaluateBody, evaluateRaw, type ErrorSink } from './body.ts';
import type { ModuleCallDecl, ModuleConfig, ResourceDecl } from './config.ts';
import { childScope, Namespace, type Resolved, type Scope } from './evaluate.ts';
import { expand, type Expansion, type Instance } from './expand.ts';
import {
  configKey,
  describeProvider,
  localKey,
  providerReference,
  type ProviderInfo,
  type ProviderMap,
} from './providers.ts';
import { convert } from './types.ts';
import { EvalError, isObject, Unknown, type Value, type ValueObject } from './value.ts';

/** A module call that was not evaluated: its source is not a local directory. */
export interface RemoteModule {
  address: string;
  source: string;
  file: string;
  line?: number;
}

/** Everything a configuration's evaluation reports besides values; shared by all module instances. */
export interface EvalContext {
  /** Root variables that had no value but were needed. */
  unsetVariables: Set<string>;
  remoteModules: RemoteModule[];
  /** Child module configurations, by the calling module's dir and the call name (absent when remote). */
  childConfig(parent: ModuleConfig, call: ModuleCallDecl): ModuleConfig | undefined;
}

export interface EvaluatedResourceInstance {
  decl: ResourceDecl;
  instance: Instance;
  expansion: Expansion;
  attributes: ValueObject;
  errors: string[];
}

export class ModuleInstance {
  readonly scope: Scope;
  private readonly variables = new Map<string, Value>();
  private readonly locals = new Map<string, Value>();
  private readonly evaluatingLocals: string[] = [];
  private readonly calls = new Map<string, ModuleCallState>();
  private readonly resources = new Map<string, ResourceState>();
  private readonly providerMap: ProviderMap;
  private readonly resourceTypes: Set<string>;

  constructor(
    readonly config: ModuleConfig,
    /** `''` at the root, `module.a["k"]` for an instance. */
    readonly address: string,
    /** The address without instance keys: `module.a`, for provider keys. */
    readonly configPath: string,
    /** The value given for a variable (root: CLI and tfvars; child: the module block), if any. */
    private readonly given: (name: string) => Value | undefined,
    inherited: ProviderMap,
    readonly context: EvalContext,
  ) {
    this.scope = { root: (name) => this.root(name) };
    this.resourceTypes = new Set([...config.resources.values()].map((r) => r.type));
    this.providerMap = new Map(inherited);
    for (const decl of config.providers) {
      const key = configKey(configPath, localKey(decl));
      let memo: ProviderInfo | undefined;
      this.providerMap.set(localKey(decl), () => {
        if (memo) return memo;
        const ignore: ErrorSink = () => undefined;
        const body = evaluateBody(decl.body, this.scope, ignore);
        const block = Array.isArray(body.default_tags) ? body.default_tags[0] : undefined;
        const tags = isObject(block ?? null) ? (block as ValueObject).tags : undefined;
        return (memo = describeProvider(key, body.region ?? null, decl.name === 'aws' ? tags : undefined));
      });
    }
  }

  get isRoot(): boolean {
    return this.address === '';
  }

  private root(name: string): Resolved | undefined {
    switch (name) {
      case 'var':
        return new Namespace('var', (n) => this.variable(n));
      case 'local':
        return new Namespace('local', (n) => this.local(n));
      case 'module':
        return new Namespace('module', (n) => this.moduleCall(n));
      case 'data':
        return new Namespace(
          'data',
          (type) =>
            new Namespace(
              `data.${type}`,
              (n) => new Unknown(`data.${type}.${n} is read from the cloud when Terraform runs`),
            ),
        );
      case 'path':
        return { module: this.config.dir, root: '.', cwd: '.' };
      case 'terraform':
        return new Namespace(
          'terraform',
          (n) => new Unknown(`terraform.${n} depends on how Terraform is run`),
        );
      case 'self':
        return new Unknown('self is known only after apply');
    }
    if (this.resourceTypes.has(name)) {
      return new Namespace(name, (n) => this.resourceReference(name, n));
    }
    return undefined;
  }

  variable(name: string): Value {
    const cached = this.variables.get(name);
    if (cached !== undefined || this.variables.has(name)) return cached as Value;
    const decl = this.config.variables.get(name);
    if (!decl) throw new EvalError(`no variable "${name}" is declared in ${this.config.dir}`);
    let value = this.given(name);
    if (value === undefined || (value === null && !decl.nullable)) {
      if (decl.hasDefault) value = evaluateRaw(decl.default, { root: () => undefined }, () => undefined);
      else if (this.isRoot) {
        this.context.unsetVariables.add(name);
        value = new Unknown(`var.${name} has no value: pass --var ${name}=VALUE`, name);
      } else {
        value = new Unknown(`var.${name} of ${this.address} is not set by its module block`);
      }
    }
    const converted = convert(value, decl.type, `var.${name}`);
    this.variables.set(name, converted);
    return converted;
  }

  local(name: string): Value {
    if (this.locals.has(name)) return this.locals.get(name) as Value;
    const decl = this.config.locals.get(name);
    if (!decl) throw new EvalError(`no local value "${name}" is declared in ${this.config.dir}`);
    const at = this.evaluatingLocals.indexOf(name);
    if (at !== -1) {
      const chain = [...this.evaluatingLocals.slice(at), name].map((n) => `local.${n}`).join(' → ');
      throw new InputError(decl.file, `local.${name} depends on itself: ${chain}`, decl.line);
    }
    this.evaluatingLocals.push(name);
    try {
      // Errors inside a local surface where it is used, so try() around the use still works.
      const value = evaluateRaw(decl.raw, this.scope, (message) => {
        throw new EvalError(message);
      });
      this.locals.set(name, value);
      return value;
    } finally {
      this.evaluatingLocals.pop();
    }
  }

  // ---- module calls ----------------------------------------------------------------------------

  /** The instances of a module call, created once. */
  moduleInstances(name: string): ModuleCallState {
    let state = this.calls.get(name);
    if (state) return state;
    const call = this.config.calls.get(name);
    if (!call) throw new EvalError(`no module "${name}" is declared in ${this.config.dir}`);
    const child = this.context.childConfig(this.config, call);
    const expansion = this.expansionOf(call.body, `module.${name}`);
    const prefix = `${this.address ? `${this.address}.` : ''}module.${name}`;
    const instances = new Map<string | number, ModuleInstance>();
    if (!child) {
      this.context.remoteModules.push({
        address: prefix,
        source: call.source,
        file: call.file,
        ...(call.line ? { line: call.line } : {}),
      });
    } else {
      const providers = this.providersFor(call);
      for (const instance of expansion.instances) {
        const scope = childScope(this.scope, instance.bindings);
        const given = (variable: string): Value | undefined => {
          if (!Object.hasOwn(call.body, variable) || RESERVED_MODULE_ARGS.has(variable)) return undefined;
          return evaluateRaw(call.body[variable], scope, (message) => {
            throw new EvalError(message);
          });
        };
        const configPath = `${this.configPath ? `${this.configPath}.` : ''}module.${name}`;
        instances.set(
          instance.key ?? instance.suffix,
          new ModuleInstance(
            child,
            `${prefix}${instance.suffix}`,
            configPath,
            safe(given),
            providers,
            this.context,
          ),
        );
      }
    }
    state = { call, expansion, instances, remote: !child };
    this.calls.set(name, state);
    return state;
  }

  private moduleCall(name: string): Resolved {
    const state = this.moduleInstances(name);
    if (state.remote) {
      return new Unknown(
        `module.${name} comes from ${JSON.stringify(state.call.source)}, which tollgate does not evaluate`,
      );
    }
    if (state.expansion.unknown) {
      return new Unknown(
        `the instances of module.${name} are unknown (${state.expansion.unknown.reason})`,
        state.expansion.unknown.variable,
      );
    }
    const outputs = (m: ModuleInstance): Namespace =>
      new Namespace(
        `module.${name}`,
        (o) => m.output(o),
        () => Object.fromEntries([...m.config.outputs.keys()].map((o) => [o, m.output(o)])),
      );
    const all = [...state.instances.values()];
    if (state.expansion.mode === 'single') return outputs(all[0] as ModuleInstance);
    return new Namespace(
      `module.${name}`,
      (key) => {
        const m = state.instances.get(state.expansion.mode === 'count' ? Number(key) : key);
        if (!m) throw new EvalError(`module.${name} has no instance ${JSON.stringify(key)}`);
        return outputs(m);
      },
      () => {
        const values = [...state.instances.entries()].map(([k, m]) => [k, outputs(m).whole()] as const);
        return state.expansion.mode === 'count' ? values.map(([, v]) => v) : Object.fromEntries(values);
      },
    );
  }

  output(name: string): Value {
    const decl = this.config.outputs.get(name);
    if (!decl) throw new EvalError(`module ${this.address} has no output "${name}"`);
    return evaluateRaw(decl.raw, this.scope, (message) => {
      throw new EvalError(message);
    });
  }

  /** Provider configurations a child module sees. */
  private providersFor(call: ModuleCallDecl): ProviderMap {
    const map: ProviderMap = new Map();
    const passed = call.body.providers;
    if (isObject(passed as Value) && passed !== null && typeof passed === 'object') {
      for (const [childKey, raw] of Object.entries(passed)) {
        const parentKey = providerReference(raw);
        const info = parentKey ? this.providerMap.get(parentKey) : undefined;
        if (info) map.set(childKey, info);
      }
      return map;
    }
    // Without `providers`, only default (unaliased) configurations are inherited.
    for (const [key, info] of this.providerMap) if (!key.includes('.')) map.set(key, info);
    return map;
  }

  /** The provider configuration a resource uses. */
  providerOf(decl: ResourceDecl): ProviderInfo {
    const explicit = providerReference(decl.body.provider);
    const local = explicit ?? decl.type.split('_')[0] ?? decl.type;
    const info = this.providerMap.get(local);
    // No configuration anywhere up the tree: Terraform uses an empty one of the root module.
    return info ? info() : { key: local };
  }

  // ---- resources -------------------------------------------------------------------------------

  resourceState(decl: ResourceDecl): ResourceState {
    const id = `${decl.type}.${decl.name}`;
    let state = this.resources.get(id);
    if (state) return state;
    const expansion = this.expansionOf(decl.body, id);
    state = { decl, expansion, evaluated: new Map(), evaluating: new Set() };
    this.resources.set(id, state);
    return state;
  }

  /** One instance's attributes, evaluated once. */
  evaluateInstance(state: ResourceState, instance: Instance): EvaluatedResourceInstance {
    const key = instance.suffix;
    const done = state.evaluated.get(key);
    if (done) return done;
    const errors: string[] = [];
    state.evaluating.add(key);
    try {
      const attributes = evaluateBody(state.decl.body, childScope(this.scope, instance.bindings), (m) =>
        errors.push(m),
      );
      const result = { decl: state.decl, instance, expansion: state.expansion, attributes, errors };
      state.evaluated.set(key, result);
      return result;
    } finally {
      state.evaluating.delete(key);
    }
  }

  private resourceReference(type: string, name: string): Resolved {
    const decl = this.config.resources.get(`${type}.${name}`);
    if (!decl) throw new EvalError(`no resource ${type}.${name} is declared in ${this.config.dir}`);
    const state = this.resourceState(decl);
    const ref = `${type}.${name}`;
    if (state.expansion.unknown)
      return new Unknown(
        `the instances of ${ref} are unknown (${state.expansion.unknown.reason})`,
        state.expansion.unknown.variable,
      );
    const instanceNamespace = (instance: Instance): Namespace => {
      const label = `${ref}${instance.suffix}`;
      return new Namespace(
        label,
        (attr) => {
          // An attribute set in the configuration is what the plan will show; anything else
          // (ids, ARNs, provider defaults) is known only after apply.
          if (state.evaluating.has(instance.suffix)) return new Unknown(`${label}.${attr} refers to itself`);
          const attrs = this.evaluateInstance(state, instance).attributes;
          if (Object.hasOwn(attrs, attr) && attrs[attr] !== null) return attrs[attr] as Value;
          return new Unknown(`${label}.${attr} is known only after apply`);
        },
        () => new Unknown(`${label} as a whole is known only after apply`),
      );
    };
    const instances = state.expansion.instances;
    if (state.expansion.mode === 'single') return instanceNamespace(instances[0] as Instance);
    const byKey = new Map(instances.map((i) => [String(i.key), i]));
    return new Namespace(
      ref,
      (key) => {
        const instance = byKey.get(key);
        if (!instance) throw new EvalError(`${ref} has no instance ${JSON.stringify(key)}`);
        return instanceNamespace(instance);
      },
      () => new Unknown(`${ref} as a whole is known only after apply`),
      () => instances.map(instanceNamespace),
    );
  }

  private expansionOf(body: Record<string, unknown>, what: string): Expansion {
    const fail = (message: string): never => {
      throw new EvalError(message);
    };
    try {
      const count = Object.hasOwn(body, 'count') ? evaluateRaw(body.count, this.scope, fail) : undefined;
      const forEach = Object.hasOwn(body, 'for_each')
        ? evaluateRaw(body.for_each, this.scope, fail)
        : undefined;
      return expand(count, forEach);
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      const why = new Unknown(`${what}: ${err.message}`);
      const mode = Object.hasOwn(body, 'count') ? 'count' : 'for_each';
      return expand(mode === 'count' ? why : undefined, mode === 'for_each' ? why : undefined);
    }
  }

  /** Every resource instance of this module and its local child modules, depth first. */
  *allInstances(): Generator<{ module: ModuleInstance; resource: EvaluatedResourceInstance }> {
    for (const decl of this.config.resources.values()) {
      const state = this.resourceState(decl);
      for (const instance of state.expansion.instances) {
        yield { module: this, resource: this.evaluateInstance(state, instance) };
      }
    }
    for (const name of this.config.calls.keys()) {
      for (const child of this.moduleInstances(name).instances.values()) yield* child.allInstances();
    }
  }
}

export interface ModuleCallState {
  call: ModuleCallDecl;
  expansion: Expansion;
  instances: Map<string | number, ModuleInstance>;
  remote: boolean;
}

export interface ResourceState {
  decl: ResourceDecl;
  expansion: Expansion;
  evaluated: Map<string, EvaluatedResourceInstance>;
  evaluating: Set<string>;
}

const RESERVED_MODULE_ARGS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

// An input that cannot be evaluated is unknown inside the module, and the error is the reason.
function safe(given: (name: string) => Value | undefined): (name: string) => Value | undefined {
  return (name) => {
    try {
      return given(name);
    } catch (err) {
      if (err instanceof EvalError) return new Unknown(`cannot be evaluated: ${err.message}`);
      throw err;
    }
  };
}
