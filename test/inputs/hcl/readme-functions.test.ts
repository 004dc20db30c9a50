import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { EVALUATED_FUNCTIONS } from '../../../src/inputs/hcl/functions.ts';
import { ROOT } from '../../helpers/cli.ts';

it('README lists exactly the functions the HCL evaluator implements', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- hcl-functions:start[^>]*-->\n([\s\S]*?)<!-- hcl-functions:end -->/.exec(readme);
  assert.ok(block, 'README has the hcl-functions block');
  const listed = [...(block[1] ?? '').matchAll(/`([a-z]+)`/g)].map((m) => m[1]);
  assert.deepEqual(listed, [...EVALUATED_FUNCTIONS]);
});
