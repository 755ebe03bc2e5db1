export * from './spec';
export * from './table';
