/** The committed wasm modules are exactly what their AssemblyScript sources compile to. */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  compileKernel,
  KERNELS,
  kernelModulePath,
  kernelModuleSource,
} from '../../../scripts/build-kernels';

describe('wasm kernels are built from their sources', () => {
  for (const name of KERNELS) {
    test(`${name}: \`npm run build:kernels\` leaves the committed module unchanged`, async () => {
      const [simd, relaxed] = [await compileKernel(name), await compileKernel(name, true)];
      expect(readFileSync(kernelModulePath(name), 'utf8')).toBe(
        kernelModuleSource(name, simd, relaxed),
      );
    }, 60000);
  }
});
