/**
 * Generates a Terraform configuration directory for the `--tf` benchmark: `files` .tf files in all,
 * shaped like a real stack: provider default_tags, variables, locals merged into tags, resources with
 * for_each and count, and a local module called with for_each from many files. Deterministic.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TYPES = [
  (n: string) => `resource "aws_instance" "${n}" {
  for_each      = local.envs
  ami           = "ami-0123456789abcdef0"
  instance_type = each.value.size
  root_block_device {
    volume_size = each.value.disk
    volume_type = "gp3"
  }
  tags = merge(local.common_tags, { Name = "${n}-\${each.key}", env = each.key })
}`,
  (n: string) => `resource "aws_s3_bucket" "${n}" {
  bucket = "\${var.prefix}-${n}"
  tags   = merge(local.common_tags, { data = "internal" })
}`,
  (n: string) => `resource "aws_sqs_queue" "${n}" {
  count                     = var.replicas
  name                      = format("%s-${n}-%02d", var.prefix, count.index)
  message_retention_seconds = 86400 * 4
  tags                      = local.common_tags
}`,
  (n: string) => `resource "aws_ebs_volume" "${n}" {
  availability_zone = "\${var.region}a"
  size              = lookup(local.sizes, "${n.slice(-1)}", 100)
  type              = var.replicas > 2 ? "gp3" : "gp2"
  tags              = merge(local.common_tags, { backup = "daily" })
}`,
];

export function generateHclDirectory(dir: string, files: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'modules', 'service'), { recursive: true });
  const moduleFiles = 10;
  writeFileSync(
    join(dir, 'providers.tf'),
    `provider "aws" {
  region = var.region
  default_tags {
    tags = { team = var.team, cost-center = "CC-1234", managed-by = "terraform" }
  }
}
`,
  );
  writeFileSync(
    join(dir, 'variables.tf'),
    `variable "region" { default = "eu-west-1" }
variable "team" { default = "platform" }
variable "prefix" { default = "bench" }
variable "replicas" {
  type    = number
  default = 3
}
locals {
  envs        = { dev = { size = "t3.micro", disk = 20 }, prod = { size = "m5.large", disk = 100 } }
  sizes       = { "0" = 50, "1" = 100, "2" = 200, "3" = 400 }
  common_tags = { environment = "prod", service = "\${var.prefix}-svc" }
}
`,
  );
  writeFileSync(
    join(dir, 'modules', 'service', 'variables.tf'),
    'variable "name" {}\nvariable "size" { default = "t3.small" }\nvariable "tags" {\n  type    = map(string)\n  default = {}\n}\n',
  );
  for (let m = 1; m < moduleFiles; m++) {
    writeFileSync(
      join(dir, 'modules', 'service', `part${m}.tf`),
      `resource "aws_instance" "app${m}" {
  instance_type = var.size
  tags          = merge(var.tags, { Name = "\${var.name}-app${m}" })
}
`,
    );
  }
  for (let i = 0; i < files - moduleFiles - 2; i++) {
    const blocks: string[] = [];
    for (let j = 0; j < 3; j++)
      blocks.push((TYPES[(i + j) % TYPES.length] as (n: string) => string)(`r${i}_${j}`));
    if (i % 10 === 0) {
      blocks.push(`module "svc${i}" {
  source   = "./modules/service"
  for_each = toset(["a", "b"])
  name     = "svc${i}-\${each.key}"
  tags     = local.common_tags
}`);
    }
    writeFileSync(join(dir, `stack${String(i).padStart(3, '0')}.tf`), `${blocks.join('\n\n')}\n`);
  }
}
