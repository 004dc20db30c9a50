import type { Report } from '../model/report.ts';

/**
 * The stable machine-readable report (schema/report.schema.json), in pieces: for a large plan the
 * whole document is tens of megabytes, which the writer need never hold at once. Joined, the pieces
 * are exactly `JSON.stringify(report, null, 2)`.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  const entries = Object.entries(report);
  yield '{';
  for (const [i, [key, value]] of entries.entries()) {
    yield `${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(value) && value.length > 0) {
      yield '[';
      for (const [j, item] of (value as unknown[]).entries()) {
        // Nested twice, V8 indents the item as it stands in the document; cut the wrapper off.
        yield `${j === 0 ? '' : ','}\n    ${JSON.stringify([[item]], null, 2).slice(10, -6)}`;
      }
      yield '\n  ]';
    } else {
      yield JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
    }
  }
  yield '\n}\n';
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}
