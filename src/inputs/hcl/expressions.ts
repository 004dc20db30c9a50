import type { Expr, TemplatePart } from './ast.ts';
import { META } from './body.ts';
import { parseJsonTemplate } from './parser.ts';

/**
 * A block body in the shape a plan's `configuration` section gives it: each attribute either a
 * `constant_value` or the `references` it makes, nested blocks as lists. Pricers follow these
 * references (an autoscaling group to its launch template) the same way for HCL and for plans.
 */
export function configExpressions(body: Record<string, unknown>, topLevel = true): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (topLevel && META.has(key)) continue;
    if (
      Array.isArray(value) &&
      value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))
    ) {
      out[key] = value.map((block) => configExpressions(block as Record<string, unknown>, false));
    } else {
      const refs = new Set<string>();
      collect(value, refs);
      out[key] = refs.size > 0 ? { references: [...refs] } : { constant_value: value };
    }
  }
  return out;
}

function collect(value: unknown, refs: Set<string>): void {
  if (typeof value === 'string') refsOfExpr(parseJsonTemplate(value), refs);
  else if (Array.isArray(value)) for (const v of value) collect(v, refs);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v, refs);
}

function refsOfExpr(expr: Expr, refs: Set<string>): void {
  const found = traversal(expr, refs);
  if (found) {
    addReference(found.path, refs);
    return;
  }
  switch (expr.kind) {
    case 'template':
      refsOfParts(expr.parts, refs);
      return;
    case 'tuple':
      for (const item of expr.items) refsOfExpr(item, refs);
      return;
    case 'object':
      for (const item of expr.items) {
        refsOfExpr(item.key, refs);
        refsOfExpr(item.value, refs);
      }
      return;
    case 'getattr':
      refsOfExpr(expr.target, refs);
      return;
    case 'index':
      refsOfExpr(expr.target, refs);
      refsOfExpr(expr.key, refs);
      return;
    case 'splat':
      refsOfExpr(expr.target, refs);
      return;
    case 'call':
      for (const arg of expr.args) refsOfExpr(arg, refs);
      return;
    case 'unary':
      refsOfExpr(expr.operand, refs);
      return;
    case 'binary':
      refsOfExpr(expr.left, refs);
      refsOfExpr(expr.right, refs);
      return;
    case 'conditional':
      refsOfExpr(expr.condition, refs);
      refsOfExpr(expr.then, refs);
      refsOfExpr(expr.otherwise, refs);
      return;
    case 'for':
      refsOfExpr(expr.collection, refs);
      return;
    case 'paren':
      refsOfExpr(expr.expr, refs);
      return;
    default:
      return;
  }
}

function refsOfParts(parts: TemplatePart[], refs: Set<string>): void {
  for (const part of parts) {
    if (part.kind === 'interp') refsOfExpr(part.expr, refs);
    else if (part.kind === 'if') {
      refsOfExpr(part.condition, refs);
      refsOfParts(part.then, refs);
      refsOfParts(part.otherwise, refs);
    } else if (part.kind === 'for') {
      refsOfExpr(part.collection, refs);
      refsOfParts(part.body, refs);
    }
  }
}

/**
 * `aws_launch_template.app.id` as segments (`["aws_launch_template", "app", "id"]`, literal indexes
 * kept as `[0]`/`["k"]`), or undefined when the expression is not a plain traversal. At a computed
 * index (`[count.index]`) the traversal stops at the object, as Terraform lists it; the index's own
 * references are listed by the caller.
 */
function traversal(expr: Expr, refs: Set<string>): { path: string[]; open: boolean } | undefined {
  if (expr.kind === 'variable') return { path: [expr.name], open: true };
  if (expr.kind === 'getattr') {
    const base = traversal(expr.target, refs);
    if (!base) return undefined;
    return base.open ? { path: [...base.path, expr.name], open: true } : base;
  }
  if (expr.kind === 'index') {
    const base = traversal(expr.target, refs);
    if (!base) return undefined;
    const key = expr.key.kind === 'literal' ? expr.key.value : undefined;
    const text =
      typeof key === 'number' ? `[${key}]` : typeof key === 'string' ? `[${JSON.stringify(key)}]` : undefined;
    if (text === undefined || !base.open) {
      refsOfExpr(expr.key, refs);
      return { path: base.path.slice(0, 2), open: false };
    }
    return {
      path: [...base.path.slice(0, -1), `${base.path[base.path.length - 1] ?? ''}${text}`],
      open: true,
    };
  }
  return undefined;
}

/** As Terraform lists them: the full reference, then the object it belongs to. */
function addReference(path: string[], refs: Set<string>): void {
  const [root] = path;
  if (!root || root === 'self' || root === 'path' || root === 'terraform') return;
  // The instance's own key: `count.index`, `each.key`, `each.value`, as the plan lists them.
  if (root === 'count' || root === 'each') {
    refs.add(path.slice(0, 2).join('.'));
    return;
  }
  // data.type.name is three segments; resources, modules, variables and locals two.
  const head = root === 'data' ? 3 : 2;
  refs.add(path.join('.'));
  if (path.length > head) refs.add(path.slice(0, head).join('.'));
}
