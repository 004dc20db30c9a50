import type { LineCounter } from 'yaml';

/**
 * Where to point a reader at a YAML syntax error. An error the parser meets only at the end of the
 * input (an unclosed `[`) sits after the final newline, on a line the editor does not show: point
 * at the end of the last line with content instead, and say it is the end of the file.
 */
export function yamlErrorAt(
  text: string,
  offset: number,
  lines: LineCounter,
): { line: number; col: number; atEnd: boolean } {
  const end = text.trimEnd().length;
  if (offset < end || end === 0) return { ...lines.linePos(offset), atEnd: false };
  const { line, col } = lines.linePos(end - 1);
  return { line, col: col + 1, atEnd: true };
}
