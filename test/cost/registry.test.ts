import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { AWS_PRICERS } from '../../src/cost/resources/aws/index.ts';
import { isFree } from '../../src/cost/resources/free.ts';
import { pricedTypes } from '../../src/cost/resources/registry.ts';
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
