import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { jsonErrorOffset } from '../util/json-error.ts';

/** The display name of standard input in messages. */
export const STDIN = '<stdin>';

/** Reads a whole input file (or stdin for `-`), turning the usual failures into one-line errors. */
export function readInputText(path: string): { name: string; text: string } {
  const name = path === '-' ? STDIN : path;
  let text: string;
  try {
    if (path !== '-' && statSync(path).isDirectory())
      throw new InputError(name, 'is a directory, expected a file');
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(name, 'no such file');
    if (code === 'EACCES') throw new InputError(name, 'permission denied');
    throw new InputError(name, `cannot be read (${code ?? (err as Error).message})`);
  }
  if (text.trim() === '') throw new InputError(name, 'is empty');
  return { name, text };
}

/** JSON.parse with the failure located by line and column. */
export function parseJson(name: string, text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = (err as Error).message;
    const { line, column } = lineColumnAt(text, jsonErrorOffset(text));
    const reason = message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/ in JSON at position \d+/, '')
      .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '');
    throw new InputError(name, `is not valid JSON, expected ${what} (${shorten(reason)})`, line, column);
  }
}

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function shorten(s: string): string {
  const oneLine = s.replace(/\s+/g, ' ');
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}

const CHUNK = 1 << 20;

/**
 * The bytes of an input in chunks, without holding the whole file: for files a reused 1 MiB buffer,
 * for stdin (which cannot be read twice) the whole input at once. Errors as in readInputText.
 */
export function readInputChunks(path: string): { name: string; chunks: Iterable<Uint8Array> } {
  if (path === '-') {
    const { name, text } = readInputText(path);
    return { name, chunks: [Buffer.from(text)] };
  }
  let fd: number;
  try {
    if (statSync(path).isDirectory()) throw new InputError(path, 'is a directory, expected a file');
    fd = openSync(path, 'r');
  } catch (err) {
    if (err instanceof InputError) throw err;
    readInputText(path); // turns the failure into the same one-line error
    throw err;
  }
  function* chunks(): Generator<Uint8Array> {
    const buffer = Buffer.allocUnsafe(CHUNK);
    try {
      for (;;) {
        const read = readSync(fd, buffer, 0, CHUNK, null);
        if (read === 0) return;
        yield buffer.subarray(0, read);
      }
    } finally {
      closeSync(fd);
    }
  }
  return { name: path, chunks: chunks() };
}
