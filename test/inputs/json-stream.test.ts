import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { streamTopLevel } from '../../src/inputs/json-stream.ts';
import { PLANS } from '../helpers/cli.ts';

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    // Copy through one reused buffer, as the file reader does, to catch kept references.
    out.push(bytes.slice(i, i + size));
  }
  return out;
}

function* reusing(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  const buffer = new Uint8Array(size);
  for (let i = 0; i < bytes.length; i += size) {
    const part = bytes.subarray(i, i + size);
    buffer.set(part);
    yield buffer.subarray(0, part.length);
    buffer.fill(0x21); // scribble: anything kept from the previous chunk is now wrong
  }
}

function stream(chunks: Iterable<Uint8Array>, whole: string[], each: string) {
  const elements: unknown[] = [];
  const result = streamTopLevel(chunks, {
    whole: new Set(whole),
    each: new Map([[each, (e) => elements.push(e)]]),
  });
  return result && { keys: result.keys, values: Object.fromEntries(result.values), elements };
}

describe('streaming top-level JSON scanner', () => {
  it('yields exactly what JSON.parse does for every real plan, at any chunk size', () => {
    for (const name of readdirSync(PLANS).filter((n) => n.endsWith('.json'))) {
      const bytes = readFileSync(join(PLANS, name));
      const parsed = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      const whole = ['format_version', 'configuration', 'variables', 'terraform_version'];
      const expected = {
        keys: Object.keys(parsed),
        values: Object.fromEntries(whole.filter((k) => k in parsed).map((k) => [k, parsed[k]])),
        elements: parsed.resource_changes ?? [],
      };
      for (const size of [1, 3, 64, 4093, bytes.length]) {
        assert.deepEqual(
          stream(reusing(bytes, size), whole, 'resource_changes'),
          expected,
          `${name} @ ${size}`,
        );
      }
    }
  });

  it('handles escapes, multi-byte characters and scalars split across chunks', () => {
    const doc = {
      'we"ird\\key': 'v\\"a\\\\l"ue',
      list: [
        { s: 'é中😀\\', n: -1.5e3 },
        { t: true, f: false, z: null, q: '"]}' },
      ],
      num: 12345678,
      flag: false,
      nothing: null,
      emoji: '😀😀',
    };
    const bytes = Buffer.from(JSON.stringify(doc, null, 1));
    for (let size = 1; size <= 9; size++) {
      const result = stream(chunked(bytes, size), ['we"ird\\key', 'num', 'flag', 'nothing', 'emoji'], 'list');
      assert.deepEqual(
        result?.values,
        { 'we"ird\\key': doc['we"ird\\key'], num: 12345678, flag: false, nothing: null, emoji: '😀😀' },
        `size ${size}`,
      );
      assert.deepEqual(result?.elements, doc.list, `size ${size}`);
    }
  });

  it('refuses malformed structure so the caller can locate the error', () => {
    for (const text of [
      '',
      '[]',
      '{"a": 1',
      '{"a": [1, 2}',
      '{"a" 1}',
      '{"a": 1 "b": 2}',
      '{"a": 1,}',
      '{"list": [,]}',
      '{"list": [{}, , {}]}',
      '{"list": [{},]}',
      '{"list": [{} {}]}',
      '{"list": [1, 2]}',
      '{"a": "unterminated}',
      '{"a": 1} trailing',
      '{"list": [{"x": }]}',
    ]) {
      assert.equal(stream([Buffer.from(text)], ['a'], 'list'), undefined, text);
    }
  });

  it('accepts an empty object and a byte-order mark', () => {
    assert.deepEqual(stream([Buffer.from(' {} ')], [], 'x'), {
      keys: [],
      values: {},
      elements: [],
    });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]);
    assert.deepEqual(stream([bom], ['a'], 'x')?.values, { a: 1 });
  });
});
