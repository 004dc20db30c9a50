/**
 * A parser for the HCL native expression and template syntax that hcl2json leaves as text: it turns
 * top-level constants into JSON but keeps every other expression as `"${...}"` and every string as a
 * template. Scannerless recursive descent, because templates nest expressions that nest templates.
 * The input was already accepted by HCL's own parser, so this one is lenient where HCL is strict
 * (newlines are whitespace everywhere) and strict only where the meaning would otherwise be unclear.
 */
import type { BinaryOp, Expr, ObjectItem, TemplatePart } from './ast.ts';

export class HclSyntaxError extends Error {
  override name = 'HclSyntaxError';
}

const cache = new Map<string, Expr>();

/**
 * A string as hcl2json writes it: a template whose literal parts are already unescaped, where `$${`
 * and `%%{` stand for literal `${` and `%{`. Parsed once per distinct text.
 */
export function parseJsonTemplate(text: string): Expr {
  let expr = cache.get(text);
  if (!expr) {
    if (!text.includes('${') && !text.includes('%{')) expr = { kind: 'literal', value: text };
    else {
      const p = new Parser(text);
      expr = { kind: 'template', parts: p.templateParts('eof', false) };
    }
    cache.set(text, expr);
  }
  return expr;
}

/** A standalone expression, e.g. the value of `--var k=v` for a list or map variable. */
export function parseExpression(text: string): Expr {
  const p = new Parser(text);
  const expr = p.expression();
  p.skipSpace();
  if (!p.atEnd()) p.fail('unexpected text after the expression');
  return expr;
}

const BINARY_LEVELS: BinaryOp[][] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<=', '>=', '<', '>'],
  ['+', '-'],
  ['*', '/', '%'],
];

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  fail(message: string): never {
    const near = this.src.slice(this.pos, this.pos + 30).replace(/\n/g, '\\n');
    throw new HclSyntaxError(`${message} at "${near}" in ${JSON.stringify(shorten(this.src))}`);
  }

  skipSpace(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#' || (c === '/' && s[this.pos + 1] === '/')) {
        const end = s.indexOf('\n', this.pos);
        this.pos = end === -1 ? s.length : end + 1;
      } else if (c === '/' && s[this.pos + 1] === '*') {
        const end = s.indexOf('*/', this.pos + 2);
        this.pos = end === -1 ? s.length : end + 2;
      } else break;
    }
  }

  peek(text: string): boolean {
    this.skipSpace();
    return this.src.startsWith(text, this.pos);
  }

  accept(text: string): boolean {
    if (!this.peek(text)) return false;
    this.pos += text.length;
    return true;
  }

  expect(text: string): void {
    if (!this.accept(text)) this.fail(`expected "${text}"`);
  }

  identifier(): string | undefined {
    this.skipSpace();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** A keyword followed by something that cannot continue an identifier. */
  keyword(word: string): boolean {
    this.skipSpace();
    if (!this.src.startsWith(word, this.pos)) return false;
    const next = this.src[this.pos + word.length] ?? '';
    if (/[A-Za-z0-9_-]/.test(next)) return false;
    this.pos += word.length;
    return true;
  }

  expression(): Expr {
    const condition = this.binary(0);
    if (this.peek('?')) {
      this.pos++;
      const then = this.expression();
      this.expect(':');
      const otherwise = this.expression();
      return { kind: 'conditional', condition, then, otherwise };
    }
    return condition;
  }

  binary(level: number): Expr {
    if (level >= BINARY_LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    const ops = BINARY_LEVELS[level] as BinaryOp[];
    for (;;) {
      this.skipSpace();
      const op = ops.find((o) => this.src.startsWith(o, this.pos) && !this.isLongerOperator(o));
      if (!op) return left;
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { kind: 'binary', op, left, right };
    }
  }

  // `<` must not take the first character of a heredoc `<<`, `=` of `=>`, `>` of `>=`, etc.
  isLongerOperator(op: string): boolean {
    const next = this.src[this.pos + op.length];
    if (op === '<' || op === '>') return next === '=' || (op === '<' && next === '<');
    if (op === '*' || op === '/') return op === '/' && (next === '/' || next === '*');
    return false;
  }

  unary(): Expr {
    this.skipSpace();
    const c = this.src[this.pos];
    if (c === '!' && this.src[this.pos + 1] !== '=') {
      this.pos++;
      return { kind: 'unary', op: '!', operand: this.unary() };
    }
    if (c === '-') {
      this.pos++;
      const operand = this.unary();
      if (operand.kind === 'literal' && typeof operand.value === 'number') {
        return { kind: 'literal', value: -operand.value };
      }
      return { kind: 'unary', op: '-', operand };
    }
    return this.postfix(this.primary());
  }

  postfix(target: Expr): Expr {
    let expr = target;
    for (;;) {
      this.skipSpace();
      const s = this.src;
      if (s[this.pos] === '.' && s[this.pos + 1] === '*') {
        this.pos += 2;
        return { kind: 'splat', target: expr, each: this.traversals({ kind: 'splat-item' }, true) };
      }
      if (s[this.pos] === '[' && /^\[\s*\*\s*\]/.test(s.slice(this.pos, this.pos + 16))) {
        this.pos = s.indexOf(']', this.pos) + 1;
        return { kind: 'splat', target: expr, each: this.traversals({ kind: 'splat-item' }, false) };
      }
      const next = this.traversal(expr);
      if (!next) return expr;
      expr = next;
    }
  }

  /** Attribute and index steps after a splat; a legacy `.*` splat takes attributes only. */
  traversals(start: Expr, attributesOnly: boolean): Expr {
    let expr = start;
    for (;;) {
      this.skipSpace();
      if (attributesOnly && this.src[this.pos] === '[') return expr;
      const next = this.traversal(expr);
      if (!next) return expr;
      expr = next;
    }
  }

  traversal(target: Expr): Expr | undefined {
    const s = this.src;
    if (s[this.pos] === '.' && s[this.pos + 1] !== '.') {
      this.pos++;
      const digits = /^\d+/.exec(s.slice(this.pos, this.pos + 20));
      if (digits) {
        // Legacy index syntax: `list.0`.
        this.pos += digits[0].length;
        return { kind: 'index', target, key: { kind: 'literal', value: Number(digits[0]) } };
      }
      const name = this.identifier();
      if (!name) this.fail('expected an attribute name');
      return { kind: 'getattr', target, name };
    }
    if (s[this.pos] === '[') {
      this.pos++;
      const key = this.expression();
      this.expect(']');
      return { kind: 'index', target, key };
    }
    return undefined;
  }

  primary(): Expr {
    this.skipSpace();
    const s = this.src;
    const c = s[this.pos];
    if (c === undefined) this.fail('unexpected end of expression');
    if (c === '"') {
      this.pos++;
      return this.template(this.templateParts('quote', true));
    }
    if (c === '<' && s[this.pos + 1] === '<') return this.heredoc();
    if (c === '(') {
      this.pos++;
      const expr = this.expression();
      this.expect(')');
      return { kind: 'paren', expr };
    }
    if (c === '[') {
      this.pos++;
      return this.tupleOrFor();
    }
    if (c === '{') {
      this.pos++;
      return this.objectOrFor();
    }
    if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(this.pos, this.pos + 64));
      if (!m) this.fail('bad number');
      this.pos += m[0].length;
      return { kind: 'literal', value: Number(m[0]) };
    }
    const name = this.identifier();
    if (!name) this.fail('unexpected character');
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    if (name === 'null') return { kind: 'literal', value: null };
    let fullName = name;
    // Provider-defined functions: provider::aws::arn_parse(...).
    while (s.startsWith('::', this.pos)) {
      this.pos += 2;
      fullName += `::${this.identifier() ?? ''}`;
    }
    if (this.peek('(')) {
      this.pos++;
      return this.call(fullName);
    }
    return { kind: 'variable', name };
  }

  call(name: string): Expr {
    const args: Expr[] = [];
    let expandFinal = false;
    while (!this.accept(')')) {
      args.push(this.expression());
      if (this.accept('...')) expandFinal = true;
      if (!this.accept(',')) {
        this.expect(')');
        break;
      }
    }
    return { kind: 'call', name, args, expandFinal };
  }

  tupleOrFor(): Expr {
    if (this.keyword('for')) return this.forExpr(']');
    const items: Expr[] = [];
    while (!this.accept(']')) {
      items.push(this.expression());
      if (!this.accept(',')) {
        this.expect(']');
        break;
      }
    }
    return { kind: 'tuple', items };
  }

  objectOrFor(): Expr {
    if (this.keyword('for')) return this.forExpr('}');
    const items: ObjectItem[] = [];
    while (!this.accept('}')) {
      const keyExpr = this.expression();
      // A bare identifier key is its own name; `(expr)` or a template key is evaluated.
      const key: Expr = keyExpr.kind === 'variable' ? { kind: 'literal', value: keyExpr.name } : keyExpr;
      if (!this.accept('=') && !this.accept(':')) this.fail('expected "=" after an object key');
      items.push({ key, value: this.expression() });
      this.accept(',');
    }
    return { kind: 'object', items };
  }

  forExpr(close: ']' | '}'): Expr {
    const first = this.identifier();
    if (!first) this.fail('expected a variable name after "for"');
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.accept(',')) {
      keyVar = first;
      valueVar = this.identifier() ?? this.fail('expected a second variable name');
    }
    if (!this.keyword('in')) this.fail('expected "in"');
    const collection = this.expression();
    this.expect(':');
    let key: Expr | undefined;
    let value = this.expression();
    let grouping = false;
    if (close === '}') {
      this.expect('=>');
      key = value;
      value = this.expression();
      grouping = this.accept('...');
    }
    let condition: Expr | undefined;
    if (this.keyword('if')) condition = this.expression();
    this.expect(close);
    const expr: Expr = { kind: 'for', valueVar, collection, value, grouping };
    if (keyVar !== undefined) expr.keyVar = keyVar;
    if (key) expr.key = key;
    if (condition) expr.condition = condition;
    return expr;
  }

  heredoc(): Expr {
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(this.src.slice(this.pos, this.pos + 300));
    if (!m) this.fail('bad heredoc');
    this.pos += m[0].length;
    const [, indent, marker] = m;
    const lines: string[] = [];
    for (;;) {
      if (this.atEnd()) this.fail(`heredoc without closing ${marker}`);
      const end = this.src.indexOf('\n', this.pos);
      const line = this.src.slice(this.pos, end === -1 ? undefined : end).replace(/\r$/, '');
      this.pos = end === -1 ? this.src.length : end + 1;
      if (line.trim() === marker) break;
      lines.push(line);
    }
    let body = lines;
    if (indent) {
      const widths = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
      const strip = widths.length > 0 ? Math.min(...widths) : 0;
      body = lines.map((l) => l.slice(strip));
    }
    const text = body.map((l) => `${l}\n`).join('');
    const inner = new Parser(text);
    return this.template(inner.templateParts('eof', false));
  }

  template(parts: TemplatePart[]): Expr {
    if (parts.length === 0) return { kind: 'literal', value: '' };
    if (parts.length === 1 && parts[0]?.kind === 'text') return { kind: 'literal', value: parts[0].text };
    return { kind: 'template', parts };
  }

  /**
   * Template parts up to the end (`eof`), the closing quote (`quote`), or a directive that closes the
   * enclosing `%{if}`/`%{for}` (returned through `stop`). `escapes`: backslash escapes are live, as
   * in quoted strings in the source (hcl2json's own strings arrive already unescaped).
   */
  templateParts(end: 'eof' | 'quote', escapes: boolean, stop?: { word?: string }): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let text = '';
    const s = this.src;
    const flush = (): void => {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
    };
    for (;;) {
      if (this.pos >= s.length) {
        if (end === 'quote') this.fail('unterminated string');
        if (stop) this.fail('template directive not closed');
        flush();
        return parts;
      }
      const c = s[this.pos] as string;
      if (end === 'quote' && c === '"') {
        this.pos++;
        if (stop) this.fail('template directive not closed');
        flush();
        return parts;
      }
      if (escapes && c === '\\') {
        text += this.escape();
        continue;
      }
      if ((c === '$' || c === '%') && s[this.pos + 1] === c && s[this.pos + 2] === '{') {
        text += `${c}{`;
        this.pos += 3;
        continue;
      }
      if (c === '$' && s[this.pos + 1] === '{') {
        this.pos += 2;
        if (s[this.pos] === '~') {
          this.pos++;
          text = text.replace(/\s+$/, '');
        }
        flush();
        parts.push({ kind: 'interp', expr: this.expression() });
        this.closeTemplateSequence(parts);
        continue;
      }
      if (c === '%' && s[this.pos + 1] === '{') {
        this.pos += 2;
        if (s[this.pos] === '~') {
          this.pos++;
          text = text.replace(/\s+$/, '');
        }
        flush();
        const word = this.identifier();
        if (word === 'if') {
          const condition = this.expression();
          this.closeTemplateSequence(parts);
          const inner = { word: '' };
          const then = this.templateParts(end, escapes, inner);
          let otherwise: TemplatePart[] = [];
          if (inner.word === 'else') {
            const after = { word: '' };
            otherwise = this.templateParts(end, escapes, after);
            if (after.word !== 'endif') this.fail('expected %{endif}');
          } else if (inner.word !== 'endif') this.fail('expected %{endif}');
          parts.push({ kind: 'if', condition, then, otherwise });
          continue;
        }
        if (word === 'for') {
          const first = this.identifier() ?? this.fail('expected a variable name');
          let keyVar: string | undefined;
          let valueVar = first;
          if (this.accept(',')) {
            keyVar = first;
            valueVar = this.identifier() ?? this.fail('expected a variable name');
          }
          if (!this.keyword('in')) this.fail('expected "in"');
          const collection = this.expression();
          this.closeTemplateSequence(parts);
          const inner = { word: '' };
          const body = this.templateParts(end, escapes, inner);
          if (inner.word !== 'endfor') this.fail('expected %{endfor}');
          const part: TemplatePart = { kind: 'for', valueVar, collection, body };
          if (keyVar !== undefined) part.keyVar = keyVar;
          parts.push(part);
          continue;
        }
        if (stop && (word === 'else' || word === 'endif' || word === 'endfor')) {
          stop.word = word;
          this.closeTemplateSequence(parts);
          return parts;
        }
        this.fail(`unknown template directive "${word ?? ''}"`);
      }
      text += c;
      this.pos++;
    }
  }

  /** The `}` (or `~}`, which strips the whitespace that follows) ending `${...}` or `%{...}`. */
  closeTemplateSequence(_parts: TemplatePart[]): void {
    this.skipSpace();
    let strip = false;
    if (this.src[this.pos] === '~') {
      strip = true;
      this.pos++;
    }
    this.expect('}');
    if (strip) while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }

  escape(): string {
    const s = this.src;
    const next = s[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u':
      case 'U': {
        const len = next === 'u' ? 4 : 8;
        const hex = s.slice(this.pos, this.pos + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) this.fail('bad unicode escape');
        this.pos += len;
        return String.fromCodePoint(parseInt(hex, 16));
      }
      default:
        this.pos -= 1;
        this.fail(`unknown escape "\\${next ?? ''}"`);
    }
  }
}

function shorten(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}
