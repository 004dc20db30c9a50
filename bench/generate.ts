/**
 * Generates Terraform plans shaped like real ones for the benchmark: mixed AWS types with realistic
 * attribute sets, modules with count and for_each, provider default_tags, and every resource written
 * where Terraform writes it (resource_changes, planned_values, prior_state, configuration).
 * Deterministic: the same size always yields the same bytes.
 */

type Attrs = Record<string, unknown>;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TEAMS = ['payments', 'search', 'platform', 'data', 'identity'];
const ENVS = ['dev', 'staging', 'prod'];

interface Template {
  type: string;
  attrs(i: number, r: () => number): Attrs;
  unknown: Attrs;
  expressions(i: number): Attrs;
}

const id = (prefix: string, i: number) =>
  `${prefix}-${(i * 2654435761).toString(16).slice(0, 12).padStart(12, '0')}`;

const TEMPLATES: Template[] = [
  {
    type: 'aws_instance',
    attrs: (i, r) => ({
      ami: id('ami', i),
      associate_public_ip_address: r() > 0.5,
      availability_zone: 'eu-west-1a',
      ebs_block_device: [
        {
          device_name: '/dev/sdf',
          encrypted: true,
          iops: 3000,
          throughput: 125,
          volume_size: 100 + (i % 400),
          volume_type: 'gp3',
        },
      ],
      iam_instance_profile: `profile-${i % 50}`,
      instance_type: ['t3.micro', 'm5.large', 'c6i.xlarge', 'r6g.2xlarge', 'm6i.4xlarge'][i % 5],
      monitoring: true,
      root_block_device: [
        { delete_on_termination: true, encrypted: true, volume_size: 30, volume_type: 'gp3' },
      ],
      subnet_id: id('subnet', i % 12),
      vpc_security_group_ids: [id('sg', i % 40), id('sg', (i + 7) % 40)],
    }),
    unknown: {
      arn: true,
      id: true,
      private_ip: true,
      public_ip: true,
      primary_network_interface_id: true,
      instance_state: true,
      ebs_block_device: [{ volume_id: true }],
      root_block_device: [{ device_name: true, volume_id: true }],
    },
    expressions: (i) => ({
      ami: { references: ['data.aws_ami.base.id'] },
      instance_type: { references: ['var.instance_type'] },
      subnet_id: { references: [`module.vpc.private_subnets[${i % 3}]`] },
    }),
  },
  {
    type: 'aws_s3_bucket',
    attrs: (i) => ({
      bucket: `bench-bucket-${i}`,
      force_destroy: false,
      object_lock_enabled: false,
      timeouts: null,
    }),
    unknown: {
      acl: true,
      arn: true,
      bucket_domain_name: true,
      id: true,
      policy: true,
      region: true,
      versioning: true,
    },
    expressions: (i) => ({
      bucket: { constant_value: `bench-bucket-${i}` },
      tags: { references: ['local.tags'] },
    }),
  },
  {
    type: 'aws_ebs_volume',
    attrs: (i) => ({
      availability_zone: 'eu-west-1b',
      encrypted: true,
      iops: 3000 + (i % 5) * 1000,
      size: 50 + (i % 950),
      snapshot_id: null,
      throughput: 125 + (i % 4) * 125,
      timeouts: null,
      type: ['gp3', 'gp2', 'io2', 'st1'][i % 4],
    }),
    unknown: { arn: true, id: true, kms_key_id: true },
    expressions: () => ({
      availability_zone: { constant_value: 'eu-west-1b' },
      size: { references: ['var.volume_size'] },
      tags: { references: ['local.tags'] },
    }),
  },
  {
    type: 'aws_db_instance',
    attrs: (i) => ({
      allocated_storage: 100 + (i % 10) * 50,
      backup_retention_period: 7,
      deletion_protection: true,
      engine: ['postgres', 'mysql'][i % 2],
      engine_version: '16.3',
      instance_class: ['db.t4g.medium', 'db.r6g.large', 'db.m6i.xlarge'][i % 3],
      iops: null,
      multi_az: i % 2 === 0,
      password: null,
      publicly_accessible: false,
      skip_storage_encrypted: true,
      storage_type: 'gp3',
      username: 'app',
      vpc_security_group_ids: [id('sg', i % 40)],
    }),
    unknown: {
      address: true,
      arn: true,
      endpoint: true,
      id: true,
      identifier: true,
      port: true,
      status: true,
    },
    expressions: () => ({
      engine: { constant_value: 'postgres' },
      instance_class: { references: ['var.db_class'] },
      password: { references: ['random_password.db.result', 'random_password.db'] },
    }),
  },
  {
    type: 'aws_lambda_function',
    attrs: (i) => ({
      architectures: ['arm64'],
      function_name: `bench-fn-${i}`,
      handler: 'index.handler',
      memory_size: 128 * (1 + (i % 8)),
      reserved_concurrent_executions: -1,
      runtime: 'nodejs20.x',
      s3_bucket: 'artifacts',
      s3_key: `fn/${i}.zip`,
      timeout: 30,
    }),
    unknown: {
      arn: true,
      id: true,
      invoke_arn: true,
      last_modified: true,
      qualified_arn: true,
      role: true,
      version: true,
    },
    expressions: (i) => ({
      function_name: { constant_value: `bench-fn-${i}` },
      role: { references: ['aws_iam_role.lambda.arn', 'aws_iam_role.lambda'] },
    }),
  },
  {
    type: 'aws_iam_role',
    attrs: (i) => ({
      assume_role_policy:
        '{"Statement":[{"Action":"sts:AssumeRole","Principal":{"Service":"lambda.amazonaws.com"}}]}',
      max_session_duration: 3600,
      name: `bench-role-${i}`,
      path: '/',
      permissions_boundary: null,
    }),
    unknown: {
      arn: true,
      create_date: true,
      id: true,
      inline_policy: true,
      managed_policy_arns: true,
      name_prefix: true,
      unique_id: true,
    },
    expressions: (i) => ({
      name: { constant_value: `bench-role-${i}` },
      assume_role_policy: { references: ['data.aws_iam_policy_document.assume.json'] },
    }),
  },
  {
    type: 'aws_security_group',
    attrs: (i) => ({
      description: 'Managed by Terraform',
      egress: [{ cidr_blocks: ['0.0.0.0/0'], from_port: 0, protocol: '-1', to_port: 0 }],
      ingress: [{ cidr_blocks: ['10.0.0.0/8'], from_port: 443, protocol: 'tcp', to_port: 443 }],
      name: `bench-sg-${i}`,
      revoke_rules_on_delete: false,
      timeouts: null,
    }),
    unknown: { arn: true, id: true, name_prefix: true, owner_id: true, vpc_id: true },
    expressions: () => ({ vpc_id: { references: ['module.vpc.vpc_id', 'module.vpc'] } }),
  },
  {
    type: 'aws_iam_role_policy_attachment',
    attrs: (i) => ({ policy_arn: `arn:aws:iam::aws:policy/Policy${i % 20}` }),
    unknown: { id: true, role: true },
    expressions: () => ({ role: { references: ['aws_iam_role.this.name', 'aws_iam_role.this'] } }),
  },
];

function tagsFor(i: number, r: () => number): Record<string, string> {
  const tags: Record<string, string> = { team: TEAMS[i % TEAMS.length] as string };
  if (r() > 0.1) tags['cost-center'] = `CC-${String(1000 + (i % 9000)).padStart(4, '0')}`;
  if (r() > 0.2) tags.environment = ENVS[i % ENVS.length] as string;
  if (r() > 0.95) tags.team = 'unknown-team';
  return tags;
}

/** A plan of `count` resources, about 1.7 kB each once serialised. */
export function generatePlan(count: number): Record<string, unknown> {
  const r = rng(count);
  const defaultTags = { managed_by: 'terraform', repository: 'github.com/example/infra' };
  const changes: unknown[] = [];
  const planned = new Map<string, unknown[]>();
  const prior = new Map<string, unknown[]>();
  const configModules = new Map<string, Map<string, Attrs>>();
  for (let i = 0; i < count; i++) {
    // Three instances (count or for_each) share each configuration block, as in real stacks.
    const block = Math.floor(i / 3);
    const template = TEMPLATES[block % TEMPLATES.length] as Template;
    const moduleIndex = Math.floor(i / 40);
    const module =
      moduleIndex % 4 === 0
        ? undefined
        : moduleIndex % 4 === 1
          ? `module.svc_${moduleIndex}`
          : moduleIndex % 4 === 2
            ? `module.team["${TEAMS[moduleIndex % 5]}-${moduleIndex}"]`
            : `module.stack[${moduleIndex % 7}].module.app`;
    const name = `r${block}`;
    const index = block % 2 === 0 ? i % 3 : `key-${i % 3}`;
    const suffix = typeof index === 'number' ? `[${index}]` : `["${index}"]`;
    const local = `${template.type}.${name}${suffix}`;
    const address = module ? `${module}.${local}` : local;
    const taggable = template.type !== 'aws_iam_role_policy_attachment';
    const base = template.attrs(i, r);
    const tags = tagsFor(i, r);
    const action =
      r() < 0.7 ? 'create' : r() < 0.6 ? 'update' : r() < 0.5 ? 'no-op' : r() < 0.5 ? 'delete' : 'replace';
    const after: Attrs = { ...base };
    if (taggable) {
      after.tags = tags;
      after.tags_all = { ...defaultTags, ...tags };
    }
    const before: Attrs | null =
      action === 'create'
        ? null
        : { ...after, id: `id-${i}`, arn: `arn:aws:${template.type}:eu-west-1:123456789012:${i}` };
    const actions = {
      create: ['create'],
      update: ['update'],
      'no-op': ['no-op'],
      delete: ['delete'],
      replace: ['create', 'delete'],
    }[action];
    const rc: Attrs = {
      address,
      mode: 'managed',
      type: template.type,
      name,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions,
        before,
        after: action === 'delete' ? null : after,
        after_unknown: action === 'delete' ? {} : template.unknown,
        before_sensitive: before ? {} : false,
        after_sensitive: action === 'delete' ? false : { tags: {}, tags_all: {} },
      },
    };
    if (module) rc.module_address = module;
    rc.index = index;
    changes.push(rc);
    const values = {
      address,
      mode: 'managed',
      type: template.type,
      name,
      index,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      schema_version: 1,
      values: after,
      sensitive_values: {},
    };
    if (action !== 'delete') pushTo(planned, module ?? '', values);
    if (before) pushTo(prior, module ?? '', { ...values, values: before });
    const configModule = module ? module.replace(/\[[^\]]*\]/g, '') : '';
    const blocks = configModules.get(configModule) ?? new Map<string, Attrs>();
    blocks.set(`${template.type}.${name}`, {
      address: `${template.type}.${name}`,
      mode: 'managed',
      type: template.type,
      name,
      provider_config_key: 'aws',
      expressions: template.expressions(i),
      schema_version: 1,
      ...(typeof index === 'number'
        ? { count_expression: { constant_value: 3 } }
        : { for_each_expression: { references: ['local.items'] } }),
    });
    configModules.set(configModule, blocks);
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    variables: { region: { value: 'eu-west-1' } },
    planned_values: { root_module: moduleTree(planned) },
    resource_changes: changes,
    prior_state: {
      format_version: '1.0',
      terraform_version: '1.9.8',
      values: { root_module: moduleTree(prior) },
    },
    configuration: {
      provider_config: {
        aws: {
          name: 'aws',
          full_name: 'registry.terraform.io/hashicorp/aws',
          expressions: {
            region: { references: ['var.region'] },
            default_tags: [{ tags: { constant_value: defaultTags } }],
          },
        },
      },
      root_module: configTree(configModules),
    },
    timestamp: '2026-11-01T00:00:00Z',
  };
}

function pushTo(map: Map<string, unknown[]>, key: string, value: unknown): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function moduleTree(byModule: Map<string, unknown[]>): Attrs {
  return {
    resources: byModule.get('') ?? [],
    child_modules: [...byModule]
      .filter(([m]) => m !== '')
      .map(([address, resources]) => ({ address, resources })),
  };
}

function configTree(byModule: Map<string, Map<string, Attrs>>): Attrs {
  const root: Attrs = { resources: [...(byModule.get('')?.values() ?? [])], module_calls: {} };
  for (const [module, blocks] of byModule) {
    if (module === '') continue;
    let node = root;
    for (const call of module.split('.module.').map((s) => s.replace(/^module\./, ''))) {
      const calls = node.module_calls as Record<string, { source: string; module: Attrs }>;
      calls[call] ??= { source: `./modules/${call}`, module: { resources: [], module_calls: {} } };
      node = calls[call].module;
    }
    (node.resources as Attrs[]).push(...blocks.values());
  }
  return root;
}
