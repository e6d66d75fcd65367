import type { Condition, Parameter } from './types.js';

/**
 * The truth of a condition when every pipeline parameter keeps its default, as in a target that
 * cannot set parameters (CircleCI 1.0); `undefined` when it also depends on the event (branch, tag,
 * variables). CircleCI's falsy values are false, 0, "" and none.
 */
export function truthWithDefaults(condition: Condition, parameters: readonly Parameter[]): boolean | undefined {
  switch (condition.kind) {
    case 'literal':
      return condition.value;
    case 'var': {
      if (condition.scope !== 'parameter') return undefined;
      const parameter = parameters.find((p) => p.name === condition.name);
      if (!parameter) return undefined;
      const value = parameter.default;
      const text = value === undefined ? undefined : String(value);
      switch (condition.op) {
        case 'truthy':
        case 'defined':
          return value !== undefined && value !== false && value !== 0 && value !== '';
        case 'undefined':
          return value === undefined || value === false || value === 0 || value === '';
        case 'equals':
          return text === (condition.value ?? '');
        case 'not-equals':
          return text !== (condition.value ?? '');
        default:
          return undefined;
      }
    }
    case 'not': {
      const inner = truthWithDefaults(condition.condition, parameters);
      return inner === undefined ? undefined : !inner;
    }
    case 'and': {
      const parts = condition.all.map((c) => truthWithDefaults(c, parameters));
      if (parts.includes(false)) return false;
      return parts.every((p) => p === true) ? true : undefined;
    }
    case 'or': {
      const parts = condition.any.map((c) => truthWithDefaults(c, parameters));
      if (parts.includes(true)) return true;
      return parts.every((p) => p === false) ? false : undefined;
    }
    default:
      return undefined;
  }
}
