/** A meta-batch of random images and cyclic one-hot labels for the Conv4 kernel's tests. */
import { createRng } from '../../../src/core/rng';
import type { Conv4Batch } from '../../../src/compute/kernels/mamlConv4Kernel';

export function randomBatch(
  seed: number,
  shape: { way: number; imageSize: number },
  tasks: number,
  queries: number,
): Conv4Batch {
  const rng = createRng(seed, 2);
  const px = shape.imageSize ** 2;
  const img = (n: number) => Float32Array.from({ length: tasks * n * px }, () => rng.uniform());
  const lab = (n: number) => {
    const a = new Float32Array(tasks * n * shape.way);
    for (let i = 0; i < tasks * n; i++) a[i * shape.way + ((i + seed) % shape.way)] = 1;
    return a;
  };
  const support = shape.way;
  const query = shape.way * queries;
  return {
    tasks,
    support,
    query,
    xs: img(support),
    ys: lab(support),
    xq: img(query),
    yq: lab(query),
  };
}
