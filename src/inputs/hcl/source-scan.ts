/**
 * Line numbers hcl2json does not give: where each top-level block (`resource "T" "N" {`) starts and
 * ends, and the `# tollgate:ignore` comments. A small scanner that knows strings, interpolations,
 * heredocs and comments, so braces and block keywords inside them are not mistaken for structure.
 */

export interface BlockLocation {
  /** `resource`, `module`, `data`, `variable`, ... */
  kind: string;
  labels: string[];
  line: number;
  endLine: number;
}

export interface IgnoreComment {
  line: number;
  /** The text after `tollgate:ignore`, trimmed. */
  text: string;
}

export interface SourceScan {
  blocks: BlockLocation[];
  ignores: IgnoreComment[];
}

const IGNORE = /^(?:#|\/\/)\s*tollgate:ignore\b(.*)$/;

export function scanSource(text: string): SourceScan {
  const blocks: BlockLocation[] = [];
  const ignores: IgnoreComment[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  // Brace depth of the configuration structure; interpolations keep their own count on a stack.
  let depth = 0;
  const open: BlockLocation[] = [];
  let statementStart = true;
  let header = '';
  let headerLine = 0;

  const skipString = (): void => {
    // At the opening quote. Interpolations may nest strings and braces.
    i++;
    while (i < n) {
      const c = text[i];
      if (c === '\\') i += 2;
      else if (c === '"') {
        i++;
        return;
      } else if (c === '\n') {
        line++;
        i++;
      } else if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) {
        i += 2;
        skipInterpolation();
      } else i++;
    }
  };
  const skipInterpolation = (): void => {
    let d = 1;
    while (i < n && d > 0) {
      const c = text[i];
      if (c === '"') skipString();
      else {
        if (c === '{') d++;
        else if (c === '}') d--;
        else if (c === '\n') line++;
        i++;
      }
    }
  };
  const skipHeredoc = (): boolean => {
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 300));
    if (!m) return false;
    const marker = m[1] as string;
    i += m[0].length;
    line++;
    while (i < n) {
      const end = text.indexOf('\n', i);
      const current = text.slice(i, end === -1 ? n : end);
      i = end === -1 ? n : end + 1;
      if (end !== -1) line++;
      if (current.trim() === marker) break;
    }
    return true;
  };

  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      i++;
      if (depth === 0) {
        statementStart = true;
        header = '';
      }
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const end = text.indexOf('\n', i);
      const comment = text.slice(i, end === -1 ? n : end).trimEnd();
      const m = IGNORE.exec(comment);
      if (m) ignores.push({ line, text: (m[1] ?? '').trim() });
      i = end === -1 ? n : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      for (let j = i; j < stop; j++) if (text[j] === '\n') line++;
      i = stop;
      continue;
    }
    if (c === '"') {
      const start = i;
      skipString();
      if (depth === 0) header += text.slice(start, i);
      continue;
    }
    if (c === '<' && text[i + 1] === '<' && skipHeredoc()) continue;
    if (c === '{') {
      if (depth === 0 && statementStart) {
        const words = header.trim().match(/"(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+/g) ?? [];
        if (words.length > 0 && !header.includes('=')) {
          const block: BlockLocation = {
            kind: words[0] as string,
            labels: words.slice(1).map((w) => (w.startsWith('"') ? (JSON.parse(w) as string) : w)),
            line: headerLine,
            endLine: headerLine,
          };
          blocks.push(block);
          open.push(block);
        }
        statementStart = false;
      }
      depth++;
      i++;
      continue;
    }
    if (c === '}') {
      depth--;
      i++;
      if (depth === 0) {
        const block = open.pop();
        if (block) block.endLine = line;
      }
      continue;
    }
    if (depth === 0) {
      if (header === '' && c !== ' ' && c !== '\t' && c !== '\r') headerLine = line;
      header += c;
    }
    i++;
  }
  return { blocks, ignores };
}
