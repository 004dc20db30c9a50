import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { KUBERNETES_PRICERS } from '../../src/cost/resources/kubernetes/index.ts';
import {
  instanceShape,
  OPENCOST_CPU_HOUR,
  OPENCOST_GIB_HOUR,
} from '../../src/cost/resources/kubernetes/rates.ts';
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

it('every pricer file under src/cost/resources/kubernetes is in its registry', async () => {
  const dir = join(ROOT, 'src', 'cost', 'resources', 'kubernetes');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
    const module = (await import(join(dir, file))) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (value && typeof value === 'object' && 'components' in value && 'types' in value)
        assert.ok(
          KUBERNETES_PRICERS.includes(value as never),
          `${file}: its pricer is not in kubernetes/index.ts`,
        );
    }
  }
});
