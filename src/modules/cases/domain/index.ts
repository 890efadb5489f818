/** Public API of the pure case rules. */
export * from './case-types.js';
export * from './case-state.js';
export * from './state-machine.js';
export * from './refusal-grounds.js';
export * from './deadlines.js';
export * from './compute-deadline.js';
export * from './deadline-explanation.js';
export * from './sla.js';
export * from './tracking-code.js';
export * from './redaction.js';
export * from './indicators.js';
export * from './category-override.js';
export * from './qa-heading.js';
export * from './indicators-table.js';
export * from './supervision-flags.js';
export * from './classification.js';
export * from './extension-offer.js';
