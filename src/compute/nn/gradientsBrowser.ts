/**
 * Registers every tfjs gradient (needed by tf.grads / tf.valueAndGrads, e.g. for MAML). Import once
 * from a page or worker entry; bundlers (Vite) resolve this ESM file. In Node use gradientsNode.ts.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
