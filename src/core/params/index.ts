export * from './spec';
export * from './table';
export * from './linkCodec';
export * from './fields';
