/** The local content filter: categories, seed data, model, training, evaluation, storage and rules. */
export * from './categories.js';
export * from './dataset.js';
export * from './features.js';
export * from './io.js';
export * from './metrics.js';
export * from './model.js';
export * from './rules.js';
export * from './train.js';
export * from './train-default.js';
