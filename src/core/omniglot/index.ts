/** Omniglot (Lake et al. 2015): the shipped 28 × 28 data, the project's protocol, task sampling. */
export * from './format';
export * from './preprocess';
export * from './images';
export * from './protocol';
export * from './tasks';
export * from './runs';
export * from './load';
