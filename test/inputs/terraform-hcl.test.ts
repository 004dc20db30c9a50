import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError, UsageError } from '../../src/errors.ts';
import type { Resource } from '../../src/model/resource.ts';
import { isUnknown } from '../../src/model/resource.ts';
import { FIXTURES } from '../helpers/cli.ts';
import { evalTf, readTf, vars, writeTree } from '../helpers/hcl.ts';

const HCL = `${FIXTURES}/terraform-hcl`;
const get = (m: Map<string, Resource>, address: string): Resource => {
  const r = m.get(address);
  assert.ok(r, `${address} in ${[...m.keys()].join(', ')}`);
  return r;
};

describe('terraform HCL input: variables', () => {
  const files = {
    'main.tf': `
variable "env" {}
variable "size" {
  type    = number
  default = 10
}
variable "team" { default = "default-team" }
variable "extra" {
  type = map(string)
  default = {}
}
resource "aws_ebs_volume" "v" {
  size = var.size
  tags = merge({ env = var.env, team = var.team }, var.extra)
}
`,
  };

  it('uses defaults, and keeps a variable without a value unknown with a note naming --var', () => {
    const { byAddress, input } = evalTf(files);
    const v = get(byAddress, 'aws_ebs_volume.v');
    assert.equal(v.after?.size, 10);
    assert.deepEqual(v.tags?.known, { team: 'default-team' });
    assert.deepEqual(v.tags?.unknown, ['env']);
    assert.ok(isUnknown(v.afterUnknown, ['tags', 'env']));
    const note = input.findings.find((f) => f.rule === 'hcl.variable-unset');
    assert.equal(note?.address, 'var.env');
    assert.equal(note?.severity, 'info');
    assert.match(note?.fix ?? '', /--var env=VALUE/);
    assert.deepEqual(note?.source, { file: 'main.tf', line: 2 });
  });

  it("applies Terraform's precedence: TF_VAR_ < terraform.tfvars < *.auto.tfvars (by name) < --var-file and --var in order", () => {
    const tree = {
      ...files,
      'terraform.tfvars': 'env = "from-tfvars"\nteam = "t1"\n',
      'b.auto.tfvars': 'team = "t3"\n',
      'a.auto.tfvars.json': '{"team": "t2", "size": "20"}',
      'extra.tfvars': 'extra = { owner = "ops" }\nenv = "from-var-file"\n',
    };
    const dir = writeTree(tree);
    const r = (options: Parameters<typeof readTf>[2]) => readTf(dir, '.', options).resources[0] as Resource;
    assert.deepEqual(r({ env: { TF_VAR_env: 'from-env' } }).tags?.known, { env: 'from-tfvars', team: 't3' });
    assert.equal(r({}).after?.size, 20, 'a .tfvars.json string converts to the declared number type');
    const ordered = r({
      variables: [
        { kind: 'var', text: 'env=from-var' },
        { kind: 'var-file', path: `${dir}/extra.tfvars` },
      ],
    });
    assert.deepEqual(ordered.tags?.known, { env: 'from-var-file', team: 't3', owner: 'ops' });
    assert.equal(
      r({ variables: vars('extra={ a = "b" }', 'env=x') }).tags?.known.a,
      'b',
      'map --var values are expressions',
    );
  });

  it('refuses a --var no directory declares, and a value that does not fit the type', () => {
    const dir = writeTree(files);
    assert.throws(
      () => readTf(dir, '.', { variables: vars('evn=prod') }),
      (e: unknown) => e instanceof UsageError && /no variable "evn"/.test(e.message),
    );
    assert.throws(() => readTf(dir, '.', { variables: vars('size=big') }), /variable "size".*not a number/);
  });

  it('converts values to object types with optional attributes and defaults', () => {
    const { byAddress } = evalTf({
      'main.tf': `
variable "cfg" {
  type = object({ name = string, size = optional(number, 8), tags = optional(map(string), {}) })
  default = { name = "x" }
}
resource "aws_ebs_volume" "v" {
  size = var.cfg.size
  tags = merge(var.cfg.tags, { Name = var.cfg.name })
}
`,
    });
    const v = get(byAddress, 'aws_ebs_volume.v');
    assert.equal(v.after?.size, 8);
    assert.deepEqual(v.tags?.known, { Name: 'x' });
  });
});

describe('terraform HCL input: locals', () => {
  it('resolves locals referring to each other in any order and across files', () => {
    const { byAddress } = evalTf({
      'a.tf':
        'locals {\n  tags = merge(local.base, { role = "web" })\n}\nresource "aws_s3_bucket" "b" {\n  tags = local.tags\n}\n',
      'b.tf': 'locals {\n  base = { team = local.team }\n  team = upper("payments")\n}\n',
    });
    assert.deepEqual(get(byAddress, 'aws_s3_bucket.b').tags?.known, { team: 'PAYMENTS', role: 'web' });
  });

  it('reports a cycle between locals as an input error naming the chain, file and line', () => {
    assert.throws(
      () =>
        evalTf({
          'main.tf':
            'locals {\n  a = local.b\n  b = "${local.a}-x"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = local.a\n}\n',
        }),
      (e: unknown) =>
        e instanceof InputError &&
        e.file === 'main.tf' &&
        e.line === 2 &&
        /local\.a → local\.b → local\.a/.test(e.message),
    );
  });
});

describe('terraform HCL input: count, for_each and addresses', () => {
  it('expands count and for_each over known values into Terraform addresses', () => {
    const { byAddress } = evalTf({
      'main.tf': `
variable "queues" { default = { orders = 1, emails = 2 } }
resource "aws_sqs_queue" "c" {
  count = 2
  name  = "q-\${count.index}"
}
resource "aws_sqs_queue" "m" {
  for_each = var.queues
  name     = "\${each.key}-\${each.value}"
}
resource "aws_sqs_queue" "s" {
  for_each = toset(["b", "a"])
  name     = each.value
}
resource "aws_sqs_queue" "none" {
  count = 0
}
`,
    });
    assert.deepEqual([...byAddress.keys()].sort(), [
      'aws_sqs_queue.c[0]',
      'aws_sqs_queue.c[1]',
      'aws_sqs_queue.m["emails"]',
      'aws_sqs_queue.m["orders"]',
      'aws_sqs_queue.s["a"]',
      'aws_sqs_queue.s["b"]',
    ]);
    assert.equal(get(byAddress, 'aws_sqs_queue.c[1]').after?.name, 'q-1');
    assert.equal(get(byAddress, 'aws_sqs_queue.m["emails"]').after?.name, 'emails-2');
  });

  it('checks a resource whose count is not static as one instance [*], with a note', () => {
    const { byAddress, input } = evalTf({
      'main.tf': `
variable "create" { type = bool }
resource "aws_instance" "web" {
  count         = var.create ? 1 : 0
  instance_type = "t3.micro"
  tags          = { Name = "web-\${count.index}" }
}
`,
    });
    const web = get(byAddress, 'aws_instance.web[*]');
    assert.equal(web.after?.instance_type, 't3.micro');
    assert.deepEqual(web.tags?.unknown, ['Name']);
    const note = input.findings.find((f) => f.rule === 'hcl.instances-unknown');
    assert.equal(note?.address, 'aws_instance.web[*]');
    assert.match(note?.message ?? '', /count is not known statically \(var\.create has no value/);
  });

  it('resolves references to attributes set in configuration, and leaves computed ones unknown', () => {
    const { byAddress } = evalTf({
      'main.tf': `
resource "aws_dynamodb_table" "t" {
  name = "scores"
}
resource "aws_appautoscaling_target" "a" {
  resource_id = "table/\${aws_dynamodb_table.t.name}"
  role_arn    = aws_dynamodb_table.t.arn
}
resource "aws_instance" "i" {
  count = 2
  ami   = "ami-1"
}
resource "aws_eip" "e" {
  instance = aws_instance.i[1].ami
  tags     = { ids = join(",", aws_instance.i[*].id) }
}
`,
    });
    const a = get(byAddress, 'aws_appautoscaling_target.a');
    assert.equal(a.after?.resource_id, 'table/scores');
    assert.ok(isUnknown(a.afterUnknown, ['role_arn']));
    assert.equal(
      Object.hasOwn(a.after ?? {}, 'role_arn'),
      false,
      'unknowns are left out of after, as in a plan',
    );
    const e = get(byAddress, 'aws_eip.e');
    assert.equal(e.after?.instance, 'ami-1');
    assert.deepEqual(e.tags?.unknown, ['ids']);
  });

  it('leaves data sources unknown', () => {
    const { byAddress } = evalTf({
      'main.tf':
        'data "aws_ami" "ubuntu" {}\nresource "aws_instance" "i" {\n  ami = data.aws_ami.ubuntu.id\n  instance_type = "t3.micro"\n}\n',
    });
    const i = get(byAddress, 'aws_instance.i');
    assert.ok(isUnknown(i.afterUnknown, ['ami']));
    assert.equal(byAddress.size, 1, 'data sources are not resources');
  });

  it('expands dynamic blocks over known collections into plan-shaped block lists', () => {
    const { byAddress } = evalTf({
      'main.tf': `
variable "ports" { default = [80, 443] }
variable "tags" { default = { team = "search", env = "prod" } }
resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port = ingress.value
      to_port   = ingress.value
    }
  }
}
resource "aws_autoscaling_group" "asg" {
  max_size = 2
  dynamic "tag" {
    for_each = var.tags
    iterator = t
    content {
      key                 = t.key
      value               = t.value
      propagate_at_launch = true
    }
  }
}
`,
    });
    assert.deepEqual(get(byAddress, 'aws_security_group.sg').after?.ingress, [
      { from_port: 80, to_port: 80 },
      { from_port: 443, to_port: 443 },
    ]);
    const asg = get(byAddress, 'aws_autoscaling_group.asg');
    assert.equal(asg.tags?.carrier, 'asg-tag-blocks');
    assert.deepEqual(asg.tags?.known, { env: 'prod', team: 'search' });
  });
});

describe('terraform HCL input: modules and providers', () => {
  const tree = {
    'main.tf': `
provider "aws" {
  region = "eu-west-1"
  default_tags { tags = { owner = "platform" } }
}
provider "aws" {
  alias  = "us"
  region = "us-east-1"
  default_tags { tags = { owner = "us-team" } }
}
module "app" {
  source   = "./modules/app"
  for_each = { a = "t3.micro", b = "m5.large" }
  name     = each.key
  size     = each.value
}
module "us" {
  source    = "./modules/app"
  providers = { aws = aws.us }
  name      = "us"
  size      = "t3.small"
}
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
resource "aws_s3_bucket" "out" {
  bucket = "\${module.app["a"].id_prefix}-logs"
}
`,
    'modules/app/main.tf': `
variable "name" {}
variable "size" {}
resource "aws_instance" "web" {
  instance_type = var.size
  tags          = { Name = var.name }
}
output "id_prefix" { value = "app-\${var.name}" }
`,
  };

  it('evaluates local modules with their inputs, for_each keys and outputs', () => {
    const { byAddress } = evalTf(tree);
    const a = get(byAddress, 'module.app["a"].aws_instance.web');
    assert.equal(a.after?.instance_type, 't3.micro');
    assert.equal(a.module, 'module.app["a"]');
    assert.deepEqual(a.source, { file: 'modules/app/main.tf', line: 4 });
    assert.equal(get(byAddress, 'module.app["b"].aws_instance.web').after?.instance_type, 'm5.large');
    assert.equal(get(byAddress, 'aws_s3_bucket.out').after?.bucket, 'app-a-logs');
  });

  it('gives modules their inherited or passed provider: region and default_tags', () => {
    const { byAddress } = evalTf(tree);
    const inherited = get(byAddress, 'module.app["a"].aws_instance.web');
    assert.equal(inherited.region, 'eu-west-1');
    assert.equal(inherited.providerKey, 'aws');
    assert.deepEqual(inherited.tags?.known, { owner: 'platform', Name: 'a' });
    const passed = get(byAddress, 'module.us.aws_instance.web');
    assert.equal(passed.region, 'us-east-1');
    assert.equal(passed.providerKey, 'aws.us');
    assert.deepEqual(passed.tags?.known, { owner: 'us-team', Name: 'us' });
  });

  it('lists remote modules as not evaluated, with a note at the module block', () => {
    const { input } = evalTf(tree);
    assert.deepEqual(input.meta.modules_not_evaluated, ['module.vpc']);
    const note = input.findings.find((f) => f.rule === 'hcl.module-not-evaluated');
    assert.equal(note?.address, 'module.vpc');
    assert.deepEqual(note?.source, { file: 'main.tf', line: 23 });
  });

  it('reports a missing local module directory at its module block', () => {
    assert.throws(
      () => evalTf({ 'main.tf': 'module "x" {\n  source = "./nope"\n}\n' }),
      (e: unknown) =>
        e instanceof InputError &&
        e.file === 'main.tf' &&
        e.line === 1 &&
        /nope no such directory/.test(e.message),
    );
  });

  it('marks default_tags that are not static as unresolved, and partially unknown ones per key', () => {
    const whole = evalTf({
      'main.tf':
        'variable "dt" {}\nprovider "aws" {\n  default_tags { tags = var.dt }\n}\nresource "aws_sqs_queue" "q" {}\n',
    });
    assert.equal(get(whole.byAddress, 'aws_sqs_queue.q').tags?.unresolvedDefaultsFrom, 'aws');
    const partial = evalTf({
      'main.tf':
        'variable "env" {}\nprovider "aws" {\n  default_tags { tags = { env = var.env, team = "a" } }\n}\nresource "aws_sqs_queue" "q" {}\nresource "aws_sqs_queue" "own" {\n  tags = { env = "dev" }\n}\n',
    });
    assert.deepEqual(get(partial.byAddress, 'aws_sqs_queue.q').tags?.unknown, ['env']);
    assert.deepEqual(get(partial.byAddress, 'aws_sqs_queue.own').tags?.known, { team: 'a', env: 'dev' });
  });
});

describe('terraform HCL input: taggable types, sources, errors', () => {
  it('checks taggable types without tags (tags null) and gives other types no tags', () => {
    const { byAddress } = evalTf({
      'main.tf':
        'resource "aws_sqs_queue" "q" {}\nresource "aws_iam_role_policy_attachment" "a" {\n  role = "r"\n}\nresource "aws_autoscaling_group" "g" {\n  max_size = 1\n}\n',
    });
    assert.equal(get(byAddress, 'aws_sqs_queue.q').after?.tags, null);
    assert.deepEqual(get(byAddress, 'aws_sqs_queue.q').tags?.known, {});
    assert.equal(get(byAddress, 'aws_iam_role_policy_attachment.a').tags, undefined);
    assert.equal(get(byAddress, 'aws_autoscaling_group.g').tags?.carrier, 'asg-tag-blocks');
  });

  it('finds the line of each resource block in either quoting style, ignoring comments, strings and heredocs', () => {
    const { byAddress } = evalTf({
      'main.tf': [
        '# resource "aws_sqs_queue" "fake" {',
        'locals {',
        '  doc = <<EOT',
        'resource "aws_sqs_queue" "a" {',
        'EOT',
        '  s = "}{ resource \\"x\\" \\"y\\" {"',
        '}',
        '',
        'resource   aws_sqs_queue  a   {',
        '  name = "${local.s}"',
        '}',
        'resource "aws_sqs_queue" "b" { name = "x" }',
      ].join('\n'),
    });
    assert.deepEqual(get(byAddress, 'aws_sqs_queue.a').source, { file: 'main.tf', line: 9 });
    assert.deepEqual(get(byAddress, 'aws_sqs_queue.b').source, { file: 'main.tf', line: 12 });
  });

  it('reports a syntax error as an input error with file, line and column', () => {
    assert.throws(
      () =>
        evalTf({
          'ok.tf': 'resource "aws_sqs_queue" "q" {}\n',
          'bad.tf': 'resource "aws_sqs_queue" "r" {\n  name = \n}\n',
        }),
      (e: unknown) => e instanceof InputError && e.message.startsWith('bad.tf:2:10: Invalid expression'),
    );
  });

  it('reports an expression Terraform would reject as unknown with a warning, not a crash', () => {
    const { byAddress, input } = evalTf({
      'main.tf':
        'variable "m" { default = { a = "x" } }\nresource "aws_sqs_queue" "q" {\n  name = var.m.nope\n  tags = { team = "t" }\n}\n',
    });
    const q = get(byAddress, 'aws_sqs_queue.q');
    assert.ok(isUnknown(q.afterUnknown, ['name']));
    assert.deepEqual(q.tags?.known, { team: 't' });
    const note = input.findings.find((f) => f.rule === 'hcl.unevaluated');
    assert.equal(note?.severity, 'warn');
    assert.match(note?.message ?? '', /no attribute "nope"/);
  });

  it('refuses a directory without .tf files, and one that does not exist', () => {
    assert.throws(() => readTf(writeTree({ 'README.md': 'x' })), /contains no \.tf files/);
    assert.throws(() => readTf(writeTree({}), 'missing'), /missing: no such directory/);
  });
});

describe('terraform HCL input: the real projects', () => {
  it('reads every fixture project', () => {
    for (const [dir, count] of [
      ['infracost-default-tags', 4],
      ['infracost-aliased-providers-default-tags/project', 22],
      ['terracost-asg-module', 5],
      ['terracost-magento-stack', 20],
      ['tfcompliance-module-count-foreach', 32],
    ] as const) {
      assert.equal(readTf(HCL, dir).resources.length, count, dir);
    }
  });

  it('follows aliased providers through modules: each queue gets the default_tags of its own provider', () => {
    const input = readTf(HCL, 'infracost-aliased-providers-default-tags/project');
    const defaults = new Map(input.resources.map((r) => [r.address, r.tags?.known.DefaultNotOverride]));
    assert.equal(defaults.get('aws_sqs_queue.sqs_withTags'), 'defaultnotoverride-aws');
    assert.equal(defaults.get('aws_sqs_queue.sqs_withTags_provider'), 'defaultnotoverride-aws.env');
    assert.equal(
      defaults.get('module.mymod_aliased.aws_sqs_queue.sqs_withTags_mymod_aliased'),
      'defaultnotoverride-aws.env',
    );
    assert.equal(
      defaults.get('module.mymod_own_aliased.aws_sqs_queue.sqs_withTags_mymod_own_aliased'),
      'defaultnotoverride-own-aliased-provider',
    );
    assert.equal(
      defaults.get(
        'module.mymod_implicit.module.mysub_implicit.module.mysubsub_own.aws_sqs_queue.sqs_withTag_mysubsub_own',
      ),
      'defaultnotoverride-subsub-own-provider',
    );
    for (const r of input.resources) assert.equal(r.tags?.known.DefaultOverride, 'sqs-def', r.address);
  });

  it('evaluates the magento stack with --var values: merged locals, conditional counts, sizes', () => {
    const input = readTf(HCL, 'terracost-magento-stack', {
      variables: vars('env=prod', 'customer=acme', 'project=shop'),
    });
    const byAddress = new Map(input.resources.map((r) => [r.address, r]));
    const front = get(byAddress, 'module.magento.aws_instance.front[0]');
    assert.equal(front.after?.instance_type, 't3.small');
    assert.equal(front.region, 'eu-west-1');
    assert.deepEqual((front.after?.root_block_device as unknown[])[0], {
      volume_size: '60',
      volume_type: 'gp2',
      delete_on_termination: true,
    });
    assert.deepEqual(front.tags?.known, {
      'cycloid.io': 'true',
      env: 'prod',
      project: 'shop',
      client: 'acme',
      Name: 'shop-front0-prod',
      role: 'front',
    });
    assert.ok(byAddress.has('module.magento.aws_security_group_rule.bastion_to_front_ssh[0]'));
    assert.ok(
      isUnknown(get(byAddress, 'module.magento.aws_elasticache_cluster.redis').afterUnknown, ['cluster_id']),
    );
  });
});

describe('terraform HCL input: .tf.json files', () => {
  it('reads JSON configuration beside HCL, with templates in its strings', () => {
    const { byAddress } = evalTf({
      'vars.tf': 'variable "team" { default = "search" }\n',
      'main.tf.json': JSON.stringify({
        resource: { aws_sqs_queue: { q: { name: 'orders', tags: { team: '${var.team}' } } } },
      }),
    });
    const q = get(byAddress, 'aws_sqs_queue.q');
    assert.deepEqual(q.tags?.known, { team: 'search' });
    assert.deepEqual(q.source, { file: 'main.tf.json' });
  });
});
