export * from './types.js';
export * from './catalog.js';
export * from './report.js';
export * from './sink.js';
export * from './source-map.js';
export * from './print.js';
export * from './secrets.js';
