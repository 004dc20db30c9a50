import type { Value } from './value.ts';

/** HCL native-syntax expressions, as the parser builds them from the text hcl2json leaves unevaluated. */
export type Expr =
  | { kind: 'literal'; value: Value }
  | { kind: 'template'; parts: TemplatePart[] }
  | { kind: 'tuple'; items: Expr[] }
  | { kind: 'object'; items: ObjectItem[] }
  | { kind: 'variable'; name: string }
  | { kind: 'getattr'; target: Expr; name: string }
  | { kind: 'index'; target: Expr; key: Expr }
  /** `list[*].attr`: `each` is applied to every element, which it reads as `splat-item`. */
  | { kind: 'splat'; target: Expr; each: Expr }
  | { kind: 'splat-item' }
  | { kind: 'call'; name: string; args: Expr[]; expandFinal: boolean }
  | { kind: 'unary'; op: '!' | '-'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'conditional'; condition: Expr; then: Expr; otherwise: Expr }
  | {
      kind: 'for';
      keyVar?: string;
      valueVar: string;
      collection: Expr;
      key?: Expr;
      value: Expr;
      condition?: Expr;
      grouping: boolean;
    }
  | { kind: 'paren'; expr: Expr };

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

/** An object constructor item; a bare identifier key is the literal string, as in Terraform. */
export interface ObjectItem {
  key: Expr;
  value: Expr;
}

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'interp'; expr: Expr }
  | { kind: 'if'; condition: Expr; then: TemplatePart[]; otherwise: TemplatePart[] }
  | { kind: 'for'; keyVar?: string; valueVar: string; collection: Expr; body: TemplatePart[] };
