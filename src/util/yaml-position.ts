import type { LineCounter, YAMLError } from 'yaml';

/**
 * A YAML syntax error as tollgate reports it: the parser's first line of message, and where. An error
 * the parser meets only at the end of the input (an unclosed `[`) sits after the final newline, on a
 * line the editor does not show: it points at the end of the last line with content instead, and
 * says it is the end of the file.
 */
export function yamlSyntaxError(
  text: string,
  error: YAMLError,
  lines: LineCounter,
): { message: string; line: number; col: number } {
  const offset = error.pos[0];
  const end = text.trimEnd().length;
  const atEnd = offset >= end && end > 0;
  const { line, col } = lines.linePos(atEnd ? end - 1 : offset);
  const message = `invalid YAML${atEnd ? ' at the end of the file' : ''}: ${error.message.split('\n')[0]}`;
  return { message, line, col: atEnd ? col + 1 : col };
}
