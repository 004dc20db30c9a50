import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ROOT } from '../helpers/cli.ts';

it('the precompiled schema validators match schema/*.schema.json (run `npm run gen` after editing them)', async () => {
  const { generateValidator } = (await import(join(ROOT, 'scripts', 'gen-validator.mjs'))) as {
    generateValidator: () => Promise<string>;
  };
  const committed = readFileSync(join(ROOT, 'src', 'schema-validators.generated.ts'), 'utf8');
  assert.equal(committed, await generateValidator());
});
