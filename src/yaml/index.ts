export * from './load.js';
export * from './view.js';
export * from './account.js';
export * from './dump.js';
export * from './limits.js';
export * from './anchors.js';
