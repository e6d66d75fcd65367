import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import { report, reportOnce } from '../../diagnostics/report.js';
import type { JsonValue, Origin } from '../../ir/types.js';
import { circleci2 as rules } from '../../rules/generated/circleci2.generated.js';
import { entries, items, originOf, resolve, scalarText, scalarValue } from '../../yaml/view.js';
import type { At, Bound, ReadContext } from './context.js';

const referencePattern = /<<\s*([^<>]*?)\s*>>/g;
const wholePattern = /^\s*<<\s*([^<>]*?)\s*>>\s*$/;
const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

const pipelineValues = new Map<string, { variable: string; exact: boolean }>(
  rules.pipelineValues.map((row) => [row.value, { variable: row.variable, exact: row.exact }]),
);

/** The `parameters.x` name when the whole text is one reference to it. */
export function wholeParameter(text: string): string | undefined {
  const match = wholePattern.exec(text);
  const expr = match?.[1];
  return expr?.startsWith('parameters.') ? expr.slice('parameters.'.length) : undefined;
}

/**
 * The pipeline parameter a scalar stands for as a whole: `<< pipeline.parameters.x >>` (when
 * visible and a valid variable name), or `<< parameters.y >>` bound to one.
 */
export function wholePipelineParameter(ctx: ReadContext, at: At, node: unknown): string | undefined {
  const text = scalarText(resolve(at.reader, node));
  const expr = text === undefined ? undefined : wholePattern.exec(text)?.[1];
  if (expr === undefined) return undefined;
  if (expr.startsWith('parameters.')) {
    const bound = at.scope.parameters.get(expr.slice('parameters.'.length));
    return bound?.kind === 'value' ? bound.pipelineParameter : undefined;
  }
  if (!expr.startsWith('pipeline.parameters.') || !at.scope.pipelineVisible) return undefined;
  const name = expr.slice('pipeline.parameters.'.length);
  return ctx.pipelineParameters.has(name) && envName.test(name) ? name : undefined;
}

/** Whether a text holds any `<< >>` reference. */
export function hasReference(text: string): boolean {
  return /<<[^<>]*>>/.test(text);
}

function renderBound(bound: Bound): string | undefined {
  return bound.kind === 'value' ? String(bound.value) : undefined;
}

/**
 * Substitutes `<< parameters.x >>`, `<< matrix.x >>` and `<< pipeline.* >>` (spec §9). Pipeline
 * values become the run-time variable that carries them (mappings/circleci2.yml), pipeline
 * parameters a `${name}` reference; what cannot be evaluated offline stays as written, reported.
 */
export function interpolate(ctx: ReadContext, at: At, text: string, origin?: Origin): string {
  if (!text.includes('<<')) return text;
  return text.replace(referencePattern, (whole, expr: string) => {
    if (expr.startsWith('parameters.')) {
      const name = expr.slice('parameters.'.length);
      const bound = at.scope.parameters.get(name);
      const rendered = bound && renderBound(bound);
      if (rendered !== undefined) return rendered;
      // CircleCI refuses a config whose element uses a parameter it does not declare
      // (https://circleci.com/docs/reusing-config/#using-the-parameters-declaration); the raw
      // reference must not reach the output, where it would be shell text.
      report(ctx.sink, 'circleci2-parameter-undefined', `"${whole}" names no parameter in scope; CircleCI rejects this, and the reference is left out`, { origin });
      return '';
    }
    if (expr.startsWith('matrix.')) {
      const value = at.scope.matrix?.get(expr.slice('matrix.'.length));
      if (value !== undefined) return value;
      report(ctx.sink, 'circleci2-expression', `"${whole}" is used outside a matrix that defines it; kept as written`, {
        origin,
      });
      return whole;
    }
    if (expr.startsWith('pipeline.parameters.')) {
      const name = expr.slice('pipeline.parameters.'.length);
      const parameter = ctx.pipelineParameters.get(name);
      if (parameter && at.scope.pipelineVisible) {
        if (envName.test(name)) return `\${${name}}`;
        // A name a shell cannot hold as a variable: use its default, as `circleci config process` does.
        report(ctx.sink, 'circleci2-expression', `pipeline parameter "${name}" is not a valid variable name; its default is used`, {
          origin,
        });
        return parameter.default === undefined ? '' : String(parameter.default);
      }
      report(ctx.sink, 'circleci2-expression', `"${whole}" names no declared pipeline parameter; kept as written`, { origin });
      return whole;
    }
    const value = pipelineValues.get(expr);
    if (value) {
      reportOnce(
        ctx.sink,
        'circleci2-pipeline-value',
        `"${whole}" is read as \${${value.variable}}${value.exact ? '' : ' (the values can differ)'}`,
        { origin },
      );
      return `\${${value.variable}}`;
    }
    report(ctx.sink, 'circleci2-expression', `"${whole}" cannot be evaluated offline; kept as written`, { origin });
    return whole;
  });
}

/** A scalar as a string, interpolated; `undefined` for collections and null. */
export function readString(ctx: ReadContext, at: At, node: unknown): string | undefined {
  const text = scalarText(resolve(at.reader, node));
  if (text === undefined) return undefined;
  return interpolate(ctx, at, text, originOf(at.reader, node, at.path));
}

/**
 * A scalar's typed value: a whole `<< parameters.x >>` gives the bound value with its type (a
 * boolean stays a boolean), other strings are interpolated.
 */
export function readScalar(ctx: ReadContext, at: At, node: unknown): string | number | boolean | null | undefined {
  const target = resolve(at.reader, node);
  const value = scalarValue(at.reader, target);
  if (typeof value !== 'string') return value;
  const name = wholeParameter(value);
  if (name !== undefined) {
    const bound = at.scope.parameters.get(name);
    if (bound?.kind === 'value') return bound.value;
  }
  // Keep the written spelling of plain scalars (a YAML 1.1 `on` stays a string only when quoted).
  const text = isScalar(target) && target.type !== Scalar.PLAIN ? String(target.value) : value;
  return interpolate(ctx, at, text, originOf(at.reader, node, at.path));
}

export interface ResolvedNode {
  node: Node | null;
  at: At;
}

/**
 * Follows a whole `<< parameters.x >>` that is bound to a node (a `steps` or `executor`
 * parameter) to that node, read in the scope where it was written.
 */
export function resolveNode(at: At, node: unknown): ResolvedNode {
  let current: ResolvedNode = { node: resolve(at.reader, node) ?? null, at };
  for (let hops = 0; hops < 64; hops++) {
    const text = isScalar(current.node) ? scalarText(current.node) : undefined;
    const name = text === undefined ? undefined : wholeParameter(text);
    const bound = name === undefined ? undefined : current.at.scope.parameters.get(name);
    if (!bound || bound.kind !== 'node') return current;
    current = {
      node: resolve(bound.reader, bound.node) ?? null,
      at: { reader: bound.reader, scope: bound.scope, path: current.at.path },
    };
  }
  return current;
}

export function atPath(at: At, ...more: Array<string | number>): At {
  return { ...at, path: [...at.path, ...more] };
}

export function originAt(at: At, node: unknown): Origin | undefined {
  return originOf(at.reader, node, at.path);
}


/**
 * A node as plain data with its `<< >>` references substituted, for values carried to the output
 * as written (unknown orb steps and executors): CircleCI would substitute them before running.
 */
export function plainInterpolated(ctx: ReadContext, at: At, node: unknown): JsonValue {
  const r = resolveNode(at, node);
  if (isMap(r.node)) return Object.fromEntries(entries(r.at.reader, r.node).map((e) => [e.key, plainInterpolated(ctx, atPath(r.at, e.key), e.value)]));
  if (isSeq(r.node)) return items(r.at.reader, r.node).map((item, i) => plainInterpolated(ctx, atPath(r.at, i), item));
  return readScalar(ctx, r.at, r.node) ?? null;
}
