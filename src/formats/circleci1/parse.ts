import type { Pipeline } from '../../ir/types.js';
import type { ParseContext, ParseInput } from '../types.js';

export function parseCircleci1(_input: ParseInput, _context: ParseContext): Pipeline | undefined {
  throw new Error('not implemented');
}
