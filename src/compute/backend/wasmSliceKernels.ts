/**
 * Faster Slice, Unpack and SplitV for tfjs-backend-wasm 4.22, registered over its own.
 *
 * The backend's Slice runs in JavaScript and first reads its input with `readSync`, which COPIES
 * the whole input tensor out of the wasm heap for every slice; Unpack and SplitV call it once per
 * output. So unstacking a [T, …] tensor copies it T times, and a 9-tap im2col (src/compute/omniglot/
 * conv4.ts) copies its input 9 times before slicing it. These versions read the input through a
 * view on the heap (no copy) and copy only the selected runs (the longest contiguous inner run at
 * a time). Same outputs, bit for bit (a unit test compares them with tf.slice on the cpu backend).
 */
import * as tf from '@tensorflow/tfjs-core';

interface WasmTensorInfo {
  dataId: object;
  shape: number[];
  dtype: tf.DataType;
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): WasmTensorInfo;
  typedArrayFromHeap(t: WasmTensorInfo): Float32Array | Int32Array | Uint8Array;
  readSync(dataId: object): unknown;
}

/** Copies x[begin : begin + size] into out (both flat, row-major). */
function copySlice(
  x: Float32Array | Int32Array | Uint8Array,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  out: Float32Array | Int32Array | Uint8Array,
): void {
  const rank = shape.length;
  const strides = new Array<number>(rank);
  let st = 1;
  for (let d = rank - 1; d >= 0; d--) {
    strides[d] = st;
    st *= shape[d];
  }
  // innermost dims taken whole merge into one run with the first partial dim above them
  let inner = rank - 1;
  while (inner > 0 && begin[inner] === 0 && size[inner] === shape[inner]) inner--;
  let run = 1;
  for (let d = inner; d < rank; d++) run *= size[d];
  const outer = size.slice(0, inner);
  const count = outer.reduce((a, b) => a * b, 1);
  let base = 0;
  for (let d = 0; d < rank; d++) base += begin[d] * strides[d];
  const idx = new Array<number>(inner).fill(0);
  let o = 0;
  for (let n = 0; n < count; n++) {
    let off = base;
    for (let d = 0; d < inner; d++) off += idx[d] * strides[d];
    out.set(x.subarray(off, off + run), o);
    o += run;
    for (let d = inner - 1; d >= 0; d--) {
      if (++idx[d] < outer[d]) break;
      idx[d] = 0;
    }
  }
}

function sliceInfo(
  backend: WasmBackendLike,
  x: WasmTensorInfo,
  begin: number[],
  size: number[],
): WasmTensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  if (out.shape.reduce((a, b) => a * b, 1) === 0) return out;
  // views AFTER makeOutput: allocating may grow the heap and detach older views
  copySlice(backend.typedArrayFromHeap(x), x.shape, begin, size, backend.typedArrayFromHeap(out));
  return out;
}

let registered = false;

/** Registers the three kernels for 'wasm' (once; call after the wasm backend is imported). */
export function registerFastWasmSlices(): void {
  if (registered) return;
  registered = true;
  for (const name of ['Slice', 'Unpack', 'SplitV']) tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({
    kernelName: 'Slice',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const x = inputs.x as unknown as WasmTensorInfo;
      if (x.dtype === 'string') throw new Error('string slices are not supported');
      const [b, s] = tf.slice_util.parseSliceParams(
        x as unknown as tf.TensorInfo,
        attrs!.begin as number[],
        attrs!.size as number[],
      );
      return sliceInfo(backend as unknown as WasmBackendLike, x, b, s) as unknown as tf.TensorInfo;
    },
  });
  tf.registerKernel({
    kernelName: 'Unpack',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const x = inputs.value as unknown as WasmTensorInfo;
      let axis = attrs!.axis as number;
      if (axis < 0) axis += x.shape.length;
      const outShape = x.shape.filter((_, d) => d !== axis);
      const begin = new Array<number>(x.shape.length).fill(0);
      const size = x.shape.slice();
      size[axis] = 1;
      const outs: tf.TensorInfo[] = [];
      for (let i = 0; i < x.shape[axis]; i++) {
        begin[axis] = i;
        const o = sliceInfo(backend as unknown as WasmBackendLike, x, begin, size);
        outs.push({ dataId: o.dataId, dtype: o.dtype, shape: outShape } as tf.TensorInfo);
      }
      return outs;
    },
  });
  tf.registerKernel({
    kernelName: 'SplitV',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const x = inputs.x as unknown as WasmTensorInfo;
      const axis = tf.util.parseAxisParam(attrs!.axis as number, x.shape)[0];
      const sizes = tf.backend_util.prepareSplitSize(
        x as unknown as tf.Tensor,
        attrs!.numOrSizeSplits as number[] | number,
        axis,
      );
      const begin = new Array<number>(x.shape.length).fill(0);
      return sizes.map((s) => {
        const size = x.shape.slice();
        size[axis] = s;
        const o = sliceInfo(backend as unknown as WasmBackendLike, x, begin.slice(), size);
        begin[axis] += s;
        return o as unknown as tf.TensorInfo;
      });
    },
  });
}
