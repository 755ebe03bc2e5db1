/** Adam (Kingma & Ba 2015) over a list of tensors, as used by MAML/Meta-SGD's outer loop. */
import * as tf from '@tensorflow/tfjs-core';

export class Adam {
  private m: tf.Tensor[];
  private v: tf.Tensor[];
  private t = 0;
  constructor(
    shapes: readonly tf.Tensor[],
    private readonly lr: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.m = shapes.map((s) => tf.zerosLike(s));
    this.v = shapes.map((s) => tf.zerosLike(s));
  }

  /** Returns the updated variables; disposes the old ones and the gradients. */
  step<T extends tf.Tensor>(vars: T[], grads: tf.Tensor[]): T[] {
    this.t++;
    const { beta1: b1, beta2: b2 } = this;
    const corr1 = 1 - b1 ** this.t;
    const corr2 = 1 - b2 ** this.t;
    const out = tf.tidy(() =>
      vars.map((x, i) => {
        const m = tf.add(tf.mul(this.m[i], b1), tf.mul(grads[i], 1 - b1));
        const v = tf.add(tf.mul(this.v[i], b2), tf.mul(tf.square(grads[i]), 1 - b2));
        const upd = tf.div(tf.div(m, corr1), tf.add(tf.sqrt(tf.div(v, corr2)), this.eps));
        return { x: tf.sub(x, tf.mul(upd, this.lr)) as T, m: tf.keep(m), v: tf.keep(v) };
      }),
    );
    tf.dispose([this.m, this.v, vars, grads]);
    this.m = out.map((o) => o.m);
    this.v = out.map((o) => o.v);
    return out.map((o) => o.x);
  }

  dispose() {
    tf.dispose([this.m, this.v]);
  }
}

/** Plain gradient descent with step `lr` (the same interface as Adam). */
export class Sgd {
  constructor(private readonly lr: number) {}

  /** Returns the updated variables; disposes the old ones and the gradients. */
  step<T extends tf.Tensor>(vars: T[], grads: tf.Tensor[]): T[] {
    const out = tf.tidy(() => vars.map((x, i) => tf.sub(x, tf.mul(grads[i], this.lr)) as T));
    tf.dispose([vars, grads]);
    return out;
  }

  dispose() {}
}
