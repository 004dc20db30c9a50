/**
 * The pure heart of the HCL input: a root module and its local child modules (already read and
 * parsed) plus variable values in, resources and notes out.
 */
import type { Finding } from '../../model/finding.ts';
import type { Resource } from '../../model/resource.ts';
import type { ModuleCallDecl, ModuleConfig } from './config.ts';
import { ModuleInstance, type EvalContext, type RemoteModule } from './module-instance.ts';
import { instanceNotes, toResource } from './to-resource.ts';
import type { Value } from './value.ts';

export interface EvaluatedConfiguration {
  resources: Resource[];
  notes: Finding[];
  remoteModules: RemoteModule[];
}

export function evaluateConfiguration(input: {
  root: ModuleConfig;
  /** Local child module configurations of each module, by call name; absent: remote. */
  children: Map<ModuleConfig, Map<string, ModuleConfig>>;
  variables: Map<string, Value>;
  /** The input path findings name as their origin. */
  origin: string;
  taggable: ReadonlySet<string>;
}): EvaluatedConfiguration {
  const context: EvalContext = {
    unsetVariables: new Set(),
    remoteModules: [],
    childConfig: (parent: ModuleConfig, call: ModuleCallDecl) => input.children.get(parent)?.get(call.name),
  };
  const root = new ModuleInstance(
    input.root,
    '',
    '',
    (name) => input.variables.get(name),
    new Map(),
    context,
  );
  const resources: Resource[] = [];
  const notes: Finding[] = [];
  for (const { module, resource } of root.allInstances()) {
    const r = toResource(module, resource, input.origin, input.taggable);
    resources.push(r);
    notes.push(...instanceNotes(r, resource));
  }
  for (const name of [...context.unsetVariables].sort()) {
    const decl = input.root.variables.get(name);
    notes.push({
      rule: 'hcl.variable-unset',
      severity: 'info',
      address: `var.${name}`,
      origin: input.origin,
      ...(decl
        ? { source: decl.line === undefined ? { file: decl.file } : { file: decl.file, line: decl.line } }
        : {}),
      message: `variable "${name}" has no value (no default, and not set by terraform.tfvars, *.auto.tfvars, TF_VAR_${name}, --var-file or --var), so what uses it is unknown`,
      fix: `Pass --var ${name}=VALUE or --var-file FILE, or give the variable a default.`,
    });
  }
  for (const remote of context.remoteModules) {
    notes.push({
      rule: 'hcl.module-not-evaluated',
      severity: 'info',
      address: remote.address,
      origin: input.origin,
      source: remote.line === undefined ? { file: remote.file } : { file: remote.file, line: remote.line },
      message: `module source ${JSON.stringify(remote.source)} is not a local directory, so its resources are not checked`,
      fix: 'Check a plan (--plan) to include resources of registry, git and other remote modules.',
    });
  }
  for (const config of new Set([
    input.root,
    ...[...input.children.values()].flatMap((m) => [...m.values()]),
  ])) {
    for (const stray of config.strayIgnores) {
      notes.push({
        rule: 'suppression.invalid',
        severity: 'warn',
        address: `${stray.file}:${stray.line ?? ''}`,
        origin: input.origin,
        source: stray.line === undefined ? { file: stray.file } : { file: stray.file, line: stray.line },
        message: `this tollgate:ignore comment ${stray.reason}`,
        fix: 'Put "# tollgate:ignore RULE REASON" on the line above a resource block, or inside it.',
      });
    }
  }
  return { resources, notes, remoteModules: context.remoteModules };
}
