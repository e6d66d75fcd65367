export * from './types.js';
export * from './check.js';
export * from './normalize.js';
export * from './graph.js';
export * from './pattern.js';
export * from './visit.js';
