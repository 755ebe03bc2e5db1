import { expect, test } from 'vitest';

test('headless Chromium exposes a WebGPU adapter (SwiftShader)', async () => {
  const adapter = await navigator.gpu.requestAdapter();
  expect(adapter).not.toBeNull();
});
