import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ROOT, runCli } from '../helpers/cli.ts';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

it('README shows the current `tollgate check --help`', async () => {
  const block = /<!-- check-help:start[^>]*-->\n```\n([\s\S]*?)```\n<!-- check-help:end -->/.exec(readme);
  assert.ok(block, 'README has the check-help block');
  assert.equal(block[1], (await runCli(['check', '--help'])).stdout);
});

it('README opens with the install-and-run command and the test command, and CI runs that test command', () => {
  const first = /```sh\n(.*)\n(.*)\n```/.exec(readme);
  assert.match(first?.[1] ?? '', /^npm ci && npm start\b/);
  assert.match(first?.[2] ?? '', /^npm test\b/);
  assert.match(readFileSync(join(ROOT, '.ci', 'run'), 'utf8'), /^npm test$/m);
});
