/** Batched MLPs and MAML with exact or first-order meta-gradients; see the headers of both files. */
export * from './batchedMlp';
export * from './maml';
