import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { AWS_PRICERS } from '../../src/cost/resources/aws/index.ts';
import { FREE_TYPES, isFree } from '../../src/cost/resources/free.ts';
import { pricedTypes } from '../../src/cost/resources/registry.ts';
import type { Pricer } from '../../src/cost/resources/types.ts';
import { matchesGlobs } from '../../src/util/glob.ts';
import { ROOT } from '../helpers/cli.ts';

const DIR = join(ROOT, 'src', 'cost', 'resources', 'aws');

it('every pricer file under src/cost/resources/aws is in the registry', async () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  assert.ok(files.length >= 3);
  for (const file of files) {
    const module = (await import(join(DIR, file))) as Record<string, unknown>;
    const pricers = Object.values(module).filter(
      (v) => v && typeof v === 'object' && 'components' in v && 'types' in v,
    );
    assert.ok(pricers.length > 0, `${file} exports no pricer`);
    for (const pricer of pricers)
      assert.ok(AWS_PRICERS.includes(pricer as never), `${file}: its pricer is not in aws/index.ts`);
  }
});

it('no type is both priced and free', () => {
  for (const type of pricedTypes()) assert.equal(isFree(type), false, type);
});

it('the free list uses only `*` wildcards, and isFree matches it as the glob matcher does', () => {
  for (const glob of FREE_TYPES) assert.match(glob, /^[A-Za-z0-9_:*]+$/, glob);
  const samples = [
    ...FREE_TYPES.map((glob) => glob.replaceAll('*', 'x_y')),
    ...pricedTypes(),
    'aws_s3_bucket',
    'aws_s3_bucket_policy',
    'aws_default_vpc',
    'aws_iam_role',
    'aws_iamx_role',
    'random_id',
    'k8s:ConfigMap',
    'k8s:ConfigMapX',
    'aws_vpc_endpoint',
    'aws_vpc',
    'xaws_vpc',
  ];
  for (const type of samples) assert.equal(isFree(type), matchesGlobs(FREE_TYPES, type), type);
});

/** Usage keys a source file reads: fromUsage(usage, 'key'), usage.number('key'), { kind: 'usage', key: 'key' }. */
function keysRead(source: string): string[] {
  const patterns = [
    /fromUsage\(\s*[\w.]+,\s*'([a-z0-9_]+)'/g,
    /usage\.number\(\s*'([a-z0-9_]+)'\s*\)/g,
    /kind: 'usage', key: '([a-z0-9_]+)'/g,
  ];
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[1] as string));
}

/** The file and the shared helpers it imports (one level: shared helpers do not import each other's usage). */
function sourcesOf(file: string): string {
  const text = readFileSync(join(DIR, file), 'utf8');
  const shared = [...text.matchAll(/from '\.\/shared\/([\w-]+\.ts)'/g)].map((m) =>
    readFileSync(join(DIR, 'shared', m[1] as string), 'utf8'),
  );
  return [text, ...shared].join('\n');
}

it('every pricer declares, with a description, each usage key it reads, and reads each it declares', async () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
    const module = (await import(join(DIR, file))) as Record<string, Pricer>;
    const pricer = Object.values(module).find((v) => typeof v === 'object' && 'components' in v);
    assert.ok(pricer, file);
    assert.ok(pricer.summary.length > 10, `${file}: no summary`);
    const source = sourcesOf(file);
    const declared = Object.keys(pricer.usage ?? {});
    for (const key of keysRead(source))
      assert.ok(declared.includes(key), `${file} reads usage key ${key} but does not declare it`);
    for (const key of declared) {
      assert.ok(source.includes(`'${key}'`), `${file} declares usage key ${key} it never reads`);
      assert.ok((pricer.usage?.[key] ?? '').length > 5, `${file}: ${key} has no description`);
    }
  }
});
