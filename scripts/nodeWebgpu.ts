/**
 * WebGPU in Node for `npm run bench:sim -- --webgpu`: Dawn's `webgpu` package (not a dependency —
 * 130 MB of native builds — so install it when needed: `npm i --no-save webgpu@0.6.2`) provides
 * navigator.gpu, on which tfjs-backend-webgpu runs the page's WebGPU engine unchanged. Dawn needs a
 * Vulkan loader and driver: a GPU machine's, or Chromium's SwiftShader for a dry run:
 *   LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
 */
export async function installNodeWebGpu(): Promise<string | undefined> {
  const spec = 'webgpu'; // a variable: resolved at run time only, when the bench asks for it
  let dawn: { create(flags: string[]): GPU; globals: Record<string, unknown> };
  try {
    dawn = (await import(spec)) as typeof dawn;
  } catch {
    return 'the `webgpu` package is not installed (npm i --no-save webgpu@0.6.2)';
  }
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]);
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu, userAgent: 'node' },
    configurable: true,
  });
  const adapter = await gpu.requestAdapter();
  if (!adapter) return 'Dawn found no WebGPU adapter (is a Vulkan loader and driver installed?)';
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  console.log(
    `WebGPU adapter: ${info.vendor} ${info.architecture} ${info.description}` +
      (info.isFallbackAdapter ? ' (software fallback adapter)' : ''),
  );
  return undefined;
}
