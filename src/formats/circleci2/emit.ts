import type { Pipeline } from '../../ir/types.js';
import type { EmitContext } from '../types.js';

export function emitCircleci2(_pipeline: Pipeline, _context: EmitContext): string {
  throw new Error('not implemented');
}
