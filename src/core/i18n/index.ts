export * from './translate.js';
export * from './negotiate.js';
