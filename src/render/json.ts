import type { Report } from '../model/report.ts';

/**
 * The stable machine-readable report (schema/report.schema.json), compact (it is for programs; `jq`
 * shows it to people), in pieces: for a large plan the document is tens of megabytes, which the writer
 * need never hold at once. The summary and each resource and finding sit on lines of their own, so
 * line-oriented tools and diffs still work. Parsed, it is exactly the report.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  const entries = Object.entries(report);
  yield '{';
  for (const [i, [key, value]] of entries.entries()) {
    yield `${i === 0 ? '' : ','}\n${JSON.stringify(key)}:`;
    if (Array.isArray(value) && value.length > 0) {
      yield '[';
      for (const [j, item] of (value as unknown[]).entries())
        yield `${j === 0 ? '' : ','}\n${JSON.stringify(item)}`;
      yield '\n]';
    } else {
      yield JSON.stringify(value);
    }
  }
  yield '\n}\n';
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}
