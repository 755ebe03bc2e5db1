/**
 * Node 20's V8 (11.3) has WebAssembly relaxed SIMD behind a flag (on by default from V8 11.4,
 * Chromium 114). V8 flags are process-wide, so setting it before any kernel is compiled lets the
 * CLI, its worker threads and the Node tests run the kernel's fused multiply-add build. Imported
 * for its effect by the Node entry points (backend/node.ts, shards/nodeShard*.ts).
 */
import { setFlagsFromString } from 'node:v8';
import { mamlMlpRelaxedWasmBase64 } from './mamlMlpWasm';

if (!WebAssembly.validate(Buffer.from(mamlMlpRelaxedWasmBase64, 'base64')))
  setFlagsFromString('--experimental-wasm-relaxed-simd');
