import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { KUBERNETES_PRICERS } from '../../src/cost/resources/kubernetes/index.ts';
import type { Pricer } from '../../src/cost/resources/types.ts';
import { instanceShape } from '../../src/cost/resources/aws/shared/instance-types.ts';
import { OPENCOST_CPU_HOUR, OPENCOST_GIB_HOUR } from '../../src/cost/resources/kubernetes/rates.ts';
import { ROOT } from '../helpers/cli.ts';

it('data/ec2-instance-shapes.json is what scripts/gen-instance-shapes.mjs makes of the pricing facts', async () => {
  const { generateShapes } = (await import(join(ROOT, 'scripts', 'gen-instance-shapes.mjs'))) as {
    generateShapes: () => string;
  };
  assert.equal(readFileSync(join(ROOT, 'data', 'ec2-instance-shapes.json'), 'utf8'), generateShapes());
  assert.deepEqual(instanceShape('m6i.xlarge'), { vcpu: 4, memoryGib: 16 });
  assert.equal(instanceShape('m6i.nope'), undefined);
});

it("uses OpenCost's default CPU and RAM prices as recorded in the pricing facts", () => {
  const facts = (
    JSON.parse(readFileSync(join(ROOT, 'data', 'pricing-facts', 'services.json'), 'utf8')) as {
      service: string;
      component: string;
      usd: number;
    }[]
  ).filter((f) => f.service === 'Kubernetes allocation defaults (OpenCost)');
  const usd = (component: string) => facts.find((f) => f.component === component)?.usd;
  assert.equal(usd('default CPU price'), Number(OPENCOST_CPU_HOUR.toString()));
  assert.equal(usd('default RAM price'), Number(OPENCOST_GIB_HOUR.toString()));
});

it('every pricer file under src/cost/resources/kubernetes is in its registry, with a summary and the usage keys it reads', async () => {
  const dir = join(ROOT, 'src', 'cost', 'resources', 'kubernetes');
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
    const module = (await import(join(dir, file))) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (!(value && typeof value === 'object' && 'components' in value && 'types' in value)) continue;
      const pricer = value as Pricer;
      assert.ok(KUBERNETES_PRICERS.includes(pricer), `${file}: its pricer is not in kubernetes/index.ts`);
      assert.ok(pricer.summary.length > 10, `${file}: no summary`);
      for (const key of Object.keys(pricer.usage ?? {}))
        assert.ok(
          sources.includes(`'${key}'`) || key === 'monthly_standard_io_requests',
          `${file} declares usage key ${key} it never reads`,
        );
    }
  }
  for (const m of sources.matchAll(
    /usage\.number\('([a-z0-9_]+)'\)|fromUsage\(input\.usage, '([a-z0-9_]+)'\)/g,
  )) {
    const key = m[1] ?? m[2] ?? '';
    assert.ok(
      KUBERNETES_PRICERS.some((p) => Object.hasOwn(p.usage ?? {}, key)),
      `usage key ${key} is read but declared by no Kubernetes pricer`,
    );
  }
});
